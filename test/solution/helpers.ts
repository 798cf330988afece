/** Shared helpers of the solution tests: paths, fixture projects, zip mutations. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PackageEntry } from "../../scripts/solution/validate";

export const REPO = path.resolve(__dirname, "..", "..");
/** Reference material next to the project (../shared); CI has it at the same place. */
export const SHARED = path.resolve(REPO, "..", "shared");
export const XSD_ROOT = path.join(SHARED, "xsd");
export const QUILL = path.join(SHARED, "samples", "solution", "msbuild-release-quill");
export const HAS_XSD = fs.existsSync(path.join(XSD_ROOT, "9.0.0.2090-libxml2", "CustomizationsSolution.xsd"));
export const HAS_SAMPLES = fs.existsSync(path.join(QUILL, "customizations.xml"));
export const QUILL_CONTROL = "pblab_CustomControl.CustomRichTextField";
export const CONTROL = "mbxh_MailboxHealth.MailboxHealth";

export function skipReason(what: string, present: boolean): string {
  return present ? what : `${what} [SKIPPED: ${path.relative(REPO, SHARED)} not found next to the project]`;
}

export function tempDir(tag: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `mbxh-${tag}-`));
}

export function zipsIn(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".zip") || f.endsWith(".partial")) : [];
}

export function repoVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { version: string }).version;
}

/**
 * A small copy of the project in a temp folder: package.json, the control's
 * input manifest, Solution/src/Other/*.xml (copied from the repo) and a built
 * control folder made from the input manifest (bundle.js plus one file per
 * listed resource), so pack({ build: false }) succeeds on it as it is.
 */
export function makeProject(): { root: string; bin: string; built: string } {
  const root = tempDir("project");
  const version = repoVersion();
  fs.writeFileSync(path.join(root, "package.json"), `{\n  "name": "fixture",\n  "version": "${version}",\n  "private": true\n}\n`);
  fs.writeFileSync(
    path.join(root, "package-lock.json"),
    JSON.stringify({ name: "fixture", version, lockfileVersion: 3, requires: true, packages: { "": { name: "fixture", version } } }, null, 2) + "\n",
  );
  fs.writeFileSync(path.join(root, "pcfconfig.json"), '{\n  "outDir": "./out/controls"\n}\n');
  const other = path.join(root, "Solution", "src", "Other");
  fs.mkdirSync(other, { recursive: true });
  for (const f of ["Solution.xml", "Customizations.xml", "Relationships.xml"]) {
    fs.copyFileSync(path.join(REPO, "Solution", "src", "Other", f), path.join(other, f));
  }
  const inputManifest = fs.readFileSync(path.join(REPO, "MailboxHealth", "ControlManifest.Input.xml"), "utf8");
  fs.mkdirSync(path.join(root, "MailboxHealth"));
  fs.writeFileSync(path.join(root, "MailboxHealth", "ControlManifest.Input.xml"), inputManifest);

  const built = path.join(root, "out", "controls", "MailboxHealth");
  fs.mkdirSync(built, { recursive: true });
  let builtManifest = inputManifest.replace(/<code\s+path="[^"]*"/, '<code path="bundle.js"');
  builtManifest = builtManifest.replace("</control>", '  <built-by name="pac" version="1.51.1"/>\n  </control>');
  fs.writeFileSync(path.join(built, "ControlManifest.xml"), builtManifest);
  fs.writeFileSync(path.join(built, "bundle.js"), "/* fixture bundle */\n");
  for (const m of builtManifest.matchAll(/<(css|resx|img|html)\s+path="([^"]+)"/g)) {
    const file = path.join(built, ...m[2].split("/"));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, m[1] === "resx" ? '<?xml version="1.0" encoding="utf-8"?>\n<root />\n' : `/* ${m[2]} */\n`);
  }
  return { root, bin: path.join(root, "bin"), built };
}

export function editFile(file: string, edit: (text: string) => string): void {
  const before = fs.readFileSync(file, "utf8");
  const after = edit(before);
  if (after === before) throw new Error(`The edit did not change ${file}`);
  fs.writeFileSync(file, after);
}

/** Copies entries, so a test can change one package without touching the others. */
export function cloneEntries(entries: PackageEntry[]): PackageEntry[] {
  return entries.map((e) => ({ ...e, data: Buffer.from(e.data) }));
}

export function replaceText(entries: PackageEntry[], name: string, edit: (text: string) => string): PackageEntry[] {
  const out = cloneEntries(entries);
  const e = out.find((x) => x.name === name);
  if (!e) throw new Error(`No entry ${name}`);
  const before = e.data.toString("utf8");
  const after = edit(before);
  if (after === before) throw new Error(`The edit did not change ${name}`);
  e.data = Buffer.from(after, "utf8");
  return out;
}
