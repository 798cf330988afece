/**
 * @jest-environment node
 */
/* The command line as npm runs it: compiled with tsc, run with node, on a fixture project. */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { readSolutionXml } from "../../scripts/solution/source";
import { editFile, makeProject, REPO, zipsIn } from "./helpers";

let cliJs: string;

beforeAll(() => {
  // Where `npm run solution:compile` writes it: inside the project, so that it resolves the project's
  // node_modules (xmllint-wasm) as it does when npm runs it.
  const out = path.join(REPO, "scripts", "solution", "dist");
  const tsc = require.resolve("typescript/bin/tsc", { paths: [REPO] });
  const r = spawnSync(process.execPath, [tsc, "-p", path.join(REPO, "scripts", "solution", "tsconfig.json"), "--outDir", out], { encoding: "utf8" });
  expect(r.stdout + r.stderr).toBe("");
  expect(r.status).toBe(0);
  cliJs = path.join(out, "cli.js");
}, 60_000);

function cli(...args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [cliJs, ...args], { encoding: "utf8" });
  return { status: r.status, out: r.stdout + r.stderr };
}

test("pack --no-build writes both zips, validate accepts them", () => {
  const p = makeProject();
  const packed = cli("pack", "--no-build", "--root", p.root, "--out", p.bin);
  expect(packed.out).toMatch(/Packed mbxh_MailboxHealth\.MailboxHealth/);
  expect(packed.status).toBe(0);
  const zips = zipsIn(p.bin).sort();
  expect(zips).toHaveLength(2);
  const checked = cli("validate", "--root", p.root, ...zips.map((z) => path.join(p.bin, z)));
  expect(checked.out).toMatch(/_managed\.zip: ok/);
  expect(checked.out).toMatch(/_unmanaged\.zip: ok/);
  expect(checked.status).toBe(0);
});

test("a refusal exits 1 with its code, its reason and no zip", () => {
  const p = makeProject();
  editFile(path.join(p.root, "Solution", "src", "Other", "Solution.xml"), (t) => t.replace(">mbxh<", ">mscrmx<"));
  const r = cli("pack", "--no-build", "--root", p.root, "--out", p.bin);
  expect(r.status).toBe(1);
  expect(r.out).toMatch(/error \[PUBLISHER_PREFIX\]: Invalid publisher prefix "mscrmx"/);
  expect(r.out).toMatch(/No solution zip was written/);
  expect(zipsIn(p.bin)).toEqual([]);
});

test("validate fails a broken zip", () => {
  const p = makeProject();
  expect(cli("pack", "--no-build", "--root", p.root, "--out", p.bin).status).toBe(0);
  const zip = path.join(p.bin, zipsIn(p.bin).find((z) => z.endsWith("_managed.zip"))!);
  const bytes = fs.readFileSync(zip);
  // rename solution.xml to Solution.xml in both headers: the importer needs the lower-case name
  fs.writeFileSync(zip, Buffer.from(bytes.toString("latin1").split("solution.xml").join("Solution.xml"), "latin1"));
  const r = cli("validate", "--root", p.root, zip);
  expect(r.status).toBe(1);
  expect(r.out).toMatch(/ROOT_FILE_MISSING/);
});

test("version bump and check", () => {
  const p = makeProject();
  const before = cli("version", "--root", p.root).out;
  const [, v] = /package\.json (\S+),/.exec(before)!;
  const [a, b, c] = v.split(".").map(Number);
  const bumped = cli("version", "bump", "patch", "--root", p.root);
  expect(bumped.status).toBe(0);
  expect(bumped.out).toContain(`Version ${v} -> ${a}.${b}.${c + 1}`);
  expect(readSolutionXml(fs.readFileSync(path.join(p.root, "Solution", "src", "Other", "Solution.xml"), "utf8")).version).toBe(`${a}.${b}.${c + 1}.0`);
  expect(cli("version", "check", "--root", p.root).status).toBe(0);
  editFile(path.join(p.root, "package.json"), (t) => t.replace(/"version": "[^"]*"/, '"version": "9.9.9"'));
  const check = cli("version", "check", "--root", p.root);
  expect(check.status).toBe(1);
  expect(check.out).toMatch(/VERSION_MISMATCH/);
  expect(cli("version", "bump", "banana", "--root", p.root).status).toBe(1);
});

test("unknown arguments are refused", () => {
  const r = cli("pack", "--bogus");
  expect(r.status).toBe(1);
  expect(r.out).toMatch(/USAGE/);
});
