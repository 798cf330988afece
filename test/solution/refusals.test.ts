/**
 * @jest-environment node
 */
/*
 * The packer refuses bad input with a clear message and writes no zip.
 * Each case starts from a fixture project that packs fine (checked first),
 * breaks one thing, and expects the refusal.
 */
import * as fs from "fs";
import * as path from "path";
import { SolutionError } from "../../scripts/solution/errors";
import { resolveLayout } from "../../scripts/solution/layout";
import { pack, PackOptions } from "../../scripts/solution/pack";
import { readManifest, readSolutionXml } from "../../scripts/solution/source";
import { bumpVersion, checkVersions, readVersions, syncVersion } from "../../scripts/solution/version";
import { readZip } from "../../scripts/solution/zip";
import { CONTROL, editFile, makeProject, zipsIn } from "./helpers";

type Project = ReturnType<typeof makeProject>;

async function refusal(p: Project, options: Partial<PackOptions> = {}): Promise<SolutionError> {
  let error: unknown;
  try {
    await pack({ root: p.root, outDir: p.bin, build: false, ...options });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(SolutionError);
  expect(zipsIn(p.bin)).toEqual([]);
  return error as SolutionError;
}

const solutionXml = (p: Project): string => path.join(p.root, "Solution", "src", "Other", "Solution.xml");
const customizationsXml = (p: Project): string => path.join(p.root, "Solution", "src", "Other", "Customizations.xml");
const inputManifest = (p: Project): string => path.join(p.root, "MailboxHealth", "ControlManifest.Input.xml");
const builtManifest = (p: Project): string => path.join(p.built, "ControlManifest.xml");

test("the unbroken fixture project packs (so each refusal below is caused by its one change)", async () => {
  const p = makeProject();
  const result = await pack({ root: p.root, outDir: p.bin, build: false });
  expect(result.controlName).toBe(CONTROL);
  expect(zipsIn(p.bin).sort()).toEqual([path.basename(result.managedZip), path.basename(result.unmanagedZip)].sort());
});

describe("publisher", () => {
  test.each(["x", "toolongpfx", "1mbx", "mb_x", "mscrmx", "MBXH", ""])("refuses the publisher prefix %j", async (prefix) => {
    const p = makeProject();
    editFile(solutionXml(p), (t) => t.replace("<CustomizationPrefix>mbxh</CustomizationPrefix>", `<CustomizationPrefix>${prefix}</CustomizationPrefix>`));
    const e = await refusal(p);
    expect(e.code).toBe("PUBLISHER_PREFIX");
    expect(e.message).toMatch(/Invalid publisher prefix/);
  });

  test.each(["9999", "100000", "61482x", ""])("refuses the option-value prefix %j", async (value) => {
    const p = makeProject();
    editFile(solutionXml(p), (t) => t.replace(">61482<", `>${value}<`));
    const e = await refusal(p);
    expect(e.code).toBe("OPTION_VALUE_PREFIX");
    expect(e.message).toMatch(/10000 to 99999/);
  });

  test("refuses a control named with another prefix in Customizations.xml", async () => {
    const p = makeProject();
    editFile(customizationsXml(p), (t) =>
      t.replace(
        "<CustomControls />",
        "<CustomControls><CustomControl><Name>contoso_MailboxHealth.MailboxHealth</Name><FileName>/Controls/contoso_MailboxHealth.MailboxHealth/ControlManifest.xml</FileName></CustomControl></CustomControls>",
      ),
    );
    const e = await refusal(p);
    expect(e.code).toBe("PREFIX_MISMATCH");
    expect(e.message).toMatch(/prefix "contoso", but the publisher prefix is "mbxh"/);
  });

  test("refuses a root component named with another prefix in Solution.xml", async () => {
    const p = makeProject();
    editFile(solutionXml(p), (t) =>
      t.replace("<RootComponents />", '<RootComponents><RootComponent type="66" schemaName="hdn_MailboxHealth.MailboxHealth" behavior="0" /></RootComponents>'),
    );
    expect((await refusal(p)).code).toBe("PREFIX_MISMATCH");
  });

  test("refuses a control name that is not the manifest's", async () => {
    const p = makeProject();
    editFile(solutionXml(p), (t) =>
      t.replace("<RootComponents />", '<RootComponents><RootComponent type="66" schemaName="mbxh_Other.MailboxHealth" behavior="0" /></RootComponents>'),
    );
    expect((await refusal(p)).code).toBe("CONTROL_NAME");
  });

  test("refuses an invalid solution unique name", async () => {
    const p = makeProject();
    editFile(solutionXml(p), (t) => t.replace("<UniqueName>MailboxHealth</UniqueName>", "<UniqueName>Mailbox Health</UniqueName>"));
    expect((await refusal(p)).code).toBe("SOLUTION_UNIQUE_NAME");
  });

  test("refuses a Solution.xml that is not well-formed", async () => {
    const p = makeProject();
    editFile(solutionXml(p), (t) => t.replace("</Publisher>", "</Publisherr>"));
    const e = await refusal(p);
    expect(e.code).toBe("XML_SYNTAX");
    expect(e.message).toMatch(/Solution\.xml is not well-formed XML/);
  });
});

describe("versions", () => {
  test.each([
    ["0.1", /Invalid version "0.1" in package.json/],
    ["0.1.x", /Invalid version "0.1.x" in package.json/],
    ["0.1.0-beta.1", /Invalid version "0.1.0-beta.1"/],
    ["", /Missing version in package.json/],
  ])("refuses the package.json version %j", async (version, message) => {
    const p = makeProject();
    editFile(path.join(p.root, "package.json"), (t) => t.replace(/"version": "[^"]*"/, `"version": "${version}"`));
    const e = await refusal(p);
    expect(e.code).toBe("VERSION_FORMAT");
    expect(e.message).toMatch(message);
  });

  test("refuses a missing package.json version", async () => {
    const p = makeProject();
    editFile(path.join(p.root, "package.json"), (t) => t.replace(/\s*"version": "[^"]*",/, ""));
    expect((await refusal(p)).code).toBe("VERSION_FORMAT");
  });

  test.each(["0.1.0", "0.1.0.x", "0.1.0.0.0", "", "v0.1.0.0"])("refuses the Solution.xml version %j", async (version) => {
    const p = makeProject();
    editFile(solutionXml(p), (t) => t.replace(/<Version>[^<]*<\/Version>/, `<Version>${version}</Version>`));
    expect((await refusal(p)).code).toBe("VERSION_FORMAT");
  });

  test.each(["0.1", "0.1.a", ""])("refuses the manifest version %j", async (version) => {
    const p = makeProject();
    editFile(inputManifest(p), (t) => t.replace(/(<control\s[^>]*?\sversion=")[^"]*"/, `$1${version}"`));
    expect((await refusal(p)).code).toBe("VERSION_FORMAT");
  });

  test("refuses when the manifest disagrees with package.json", async () => {
    const p = makeProject();
    editFile(inputManifest(p), (t) => t.replace(/(<control\s[^>]*?\sversion=")([0-9]+)\.([0-9]+)\.([0-9]+)"/, (_m, a: string, x, y, z: string) => `${a}${x}.${y}.${Number(z) + 1}"`));
    const e = await refusal(p);
    expect(e.code).toBe("VERSION_MISMATCH");
    expect(e.message).toMatch(/version:sync|version:bump/);
  });

  test("refuses when Solution.xml disagrees with package.json", async () => {
    const p = makeProject();
    editFile(solutionXml(p), (t) => t.replace(/<Version>([0-9]+\.[0-9]+\.[0-9]+)\.0<\/Version>/, "<Version>$1.1</Version>"));
    expect((await refusal(p)).code).toBe("VERSION_MISMATCH");
  });

  test("refuses a stale build (built manifest of another version)", async () => {
    const p = makeProject();
    editFile(builtManifest(p), (t) => t.replace(/(<control\s[^>]*?\sversion=")[^"]*"/, '$19.9.9"'));
    const e = await refusal(p);
    expect(e.code).toBe("VERSION_MISMATCH");
    expect(e.message).toMatch(/stale/);
  });
});

describe("build output", () => {
  test("refuses when a manifest resource is missing from the build output", async () => {
    const p = makeProject();
    const resx = readManifest(fs.readFileSync(builtManifest(p), "utf8")).resources.find((r) => r.kind === "resx");
    expect(resx).toBeDefined();
    fs.rmSync(path.join(p.built, resx!.path));
    const e = await refusal(p);
    expect(e.code).toBe("RESOURCE_MISSING");
    expect(e.message).toContain(resx!.path);
  });

  test("refuses when bundle.js is missing", async () => {
    const p = makeProject();
    fs.rmSync(path.join(p.built, "bundle.js"));
    const e = await refusal(p);
    expect(e.code).toBe("RESOURCE_MISSING");
    expect(e.message).toContain("bundle.js");
  });

  test("refuses a resource path that leaves the control folder", async () => {
    const p = makeProject();
    editFile(builtManifest(p), (t) => t.replace('<code path="bundle.js"', '<code path="../bundle.js"'));
    expect((await refusal(p)).code).toBe("RESOURCE_PATH");
  });

  test("refuses when there is no build output at all", async () => {
    const p = makeProject();
    fs.rmSync(p.built, { recursive: true });
    expect((await refusal(p)).code).toBe("BUILD_OUTPUT");
  });

  test("refuses a build that printed [build] Failed (pcf-scripts still exits 0)", async () => {
    const p = makeProject();
    const e = await refusal(p, {
      build: true,
      buildCommand: [process.execPath, "-e", "console.log('[build] Failed: [pcf-1065] ESLint validation error'); process.exit(0)"],
    });
    expect(e.code).toBe("BUILD_FAILED");
    expect(e.message).toMatch(/did not succeed[\s\S]*pcf-1065/);
  });

  test("refuses a build that exited with an error", async () => {
    const p = makeProject();
    const e = await refusal(p, { build: true, buildCommand: [process.execPath, "-e", "console.log('[build] Succeeded'); process.exit(2)"] });
    expect(e.code).toBe("BUILD_FAILED");
  });

  test("refuses a build that never said [build] Succeeded, and removes the old output first", async () => {
    const p = makeProject();
    const e = await refusal(p, { build: true, buildCommand: [process.execPath, "-e", "console.log('[build] Initializing...')"] });
    expect(e.code).toBe("BUILD_FAILED");
    expect(fs.existsSync(p.built)).toBe(false);
  });

  test("packs after a build that succeeded", async () => {
    const p = makeProject();
    const keep = `${p.built}.keep`;
    fs.cpSync(p.built, keep, { recursive: true });
    const script = `require('fs').cpSync(${JSON.stringify(keep)}, ${JSON.stringify(p.built)}, {recursive: true}); console.log('[build] Succeeded')`;
    await pack({ root: p.root, outDir: p.bin, build: true, buildCommand: [process.execPath, "-e", script] });
    expect(zipsIn(p.bin)).toHaveLength(2);
  });
});

describe("re-packing a version", () => {
  test("refuses new control files under a version that was already packed; --force overrides", async () => {
    const p = makeProject();
    const first = await pack({ root: p.root, outDir: p.bin, build: false });
    const before = fs.readFileSync(first.managedZip);
    // the same content again is fine
    await pack({ root: p.root, outDir: p.bin, build: false });
    fs.appendFileSync(path.join(p.built, "bundle.js"), "/* changed */\n");
    await expect(pack({ root: p.root, outDir: p.bin, build: false })).rejects.toMatchObject({ code: "SAME_VERSION_CHANGED" });
    expect(readZip(fs.readFileSync(first.managedZip)).map((e) => e.data)).toEqual(readZip(before).map((e) => e.data));
    await pack({ root: p.root, outDir: p.bin, build: false, force: true });
    const bundle = readZip(fs.readFileSync(first.managedZip)).find((e) => e.name.endsWith("/bundle.js"));
    expect(bundle!.data.toString()).toContain("changed");
  });
});

describe("version tool", () => {
  test("bump patch raises package.json, package-lock.json, the manifest and Solution.xml together", () => {
    const p = makeProject();
    const layout = resolveLayout(p.root);
    const v0 = readVersions(layout).packageVersion;
    const [a, b, c] = v0.split(".").map(Number);
    const pkgBefore = fs.readFileSync(layout.packageJson, "utf8");
    const solBefore = fs.readFileSync(layout.solutionXml, "utf8");
    const manifestBefore = fs.readFileSync(layout.inputManifest, "utf8");
    const { to } = bumpVersion(layout, "patch");
    expect(to).toBe(`${a}.${b}.${c + 1}`);
    const v = readVersions(layout);
    expect(v).toEqual({ packageVersion: to, manifestVersion: to, solutionVersion: `${to}.0` });
    expect(() => checkVersions(v)).not.toThrow();
    const lock = JSON.parse(fs.readFileSync(layout.packageLock, "utf8")) as { version: string; packages: Record<string, { version: string }> };
    expect([lock.version, lock.packages[""].version]).toEqual([to, to]);
    // only the version changed, byte for byte (BOM and CRLF of Solution.xml kept)
    expect(fs.readFileSync(layout.packageJson, "utf8")).toBe(pkgBefore.replace(`"version": "${v0}"`, `"version": "${to}"`));
    expect(fs.readFileSync(layout.solutionXml, "utf8")).toBe(solBefore.replace(`<Version>${v0}.0</Version>`, `<Version>${to}.0</Version>`));
    expect(fs.readFileSync(layout.inputManifest, "utf8")).toBe(manifestBefore.replace(`version="${v0}"`, `version="${to}"`));
  });

  test("bump minor and major reset the lower parts", () => {
    const p = makeProject();
    const layout = resolveLayout(p.root);
    const [a, b] = readVersions(layout).packageVersion.split(".").map(Number);
    expect(bumpVersion(layout, "minor").to).toBe(`${a}.${b + 1}.0`);
    expect(bumpVersion(layout, "major").to).toBe(`${a + 1}.0.0`);
    expect(readSolutionXml(fs.readFileSync(layout.solutionXml, "utf8")).version).toBe(`${a + 1}.0.0.0`);
  });

  test("bump refuses while the versions disagree; sync makes them agree from package.json", () => {
    const p = makeProject();
    const layout = resolveLayout(p.root);
    editFile(layout.packageJson, (t) => t.replace(/"version": "[^"]*"/, '"version": "7.8.9"'));
    expect(() => bumpVersion(layout, "patch")).toThrow(expect.objectContaining({ code: "VERSION_MISMATCH" }) as Error);
    syncVersion(layout);
    expect(readVersions(layout)).toEqual({ packageVersion: "7.8.9", manifestVersion: "7.8.9", solutionVersion: "7.8.9.0" });
  });

  test("a bumped project packs with the new version in the zip names and files", async () => {
    const p = makeProject();
    const layout = resolveLayout(p.root);
    const { to } = bumpVersion(layout, "patch");
    editFile(builtManifest(p), (t) => t.replace(/(<control\s[^>]*?\sversion=")[^"]*"/, `$1${to}"`));
    const result = await pack({ root: p.root, outDir: p.bin, build: false });
    expect(path.basename(result.managedZip)).toBe(`MailboxHealth_${to.replace(/\./g, "_")}_0_managed.zip`);
    const sol = readZip(fs.readFileSync(result.managedZip)).find((e) => e.name === "solution.xml")!;
    expect(readSolutionXml(sol.data.toString("utf8")).version).toBe(`${to}.0`);
  });
});
