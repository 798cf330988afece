/**
 * One version for everything. package.json "version" (MAJOR.MINOR.PATCH) is
 * the source of truth; the control manifest carries the same three parts and
 * Solution.xml carries them plus a REVISION of 0 (MAJOR.MINOR.PATCH.0).
 */
import * as fs from "fs";
import { SolutionError } from "./errors";
import { ProjectLayout, readText } from "./layout";
import { parseVersion, solutionVersionFor } from "./rules";
import { readManifest, readSolutionXml, setManifestVersion, setSolutionVersion } from "./source";

export interface ProjectVersions {
  packageVersion: string;
  manifestVersion: string;
  solutionVersion: string;
}

export function readVersions(layout: ProjectLayout): ProjectVersions {
  const pkg = JSON.parse(readText(layout.packageJson, "package.json")) as { version?: string };
  return {
    packageVersion: pkg.version ?? "",
    manifestVersion: readManifest(readText(layout.inputManifest, "ControlManifest.Input.xml"), "ControlManifest.Input.xml").version,
    solutionVersion: readSolutionXml(readText(layout.solutionXml, "Solution.xml")).version,
  };
}

/** Refuses malformed versions and versions that disagree with package.json. */
export function checkVersions(v: ProjectVersions): void {
  parseVersion(v.packageVersion, 3, "package.json");
  parseVersion(v.manifestVersion, 3, "ControlManifest.Input.xml");
  parseVersion(v.solutionVersion, 4, "Solution.xml");
  const problems: string[] = [];
  if (v.manifestVersion !== v.packageVersion) {
    problems.push(`ControlManifest.Input.xml has ${v.manifestVersion}, package.json has ${v.packageVersion}`);
  }
  const expected = solutionVersionFor(v.packageVersion);
  if (v.solutionVersion !== expected) problems.push(`Solution.xml has ${v.solutionVersion}, expected ${expected}`);
  if (problems.length > 0) {
    throw new SolutionError(
      "VERSION_MISMATCH",
      `Versions disagree: ${problems.join("; ")}. Run "npm run version:sync" to stamp the package.json version, or "npm run version:bump -- patch".`,
    );
  }
}

export type BumpKind = "major" | "minor" | "patch";

/** The next version: "patch" | "minor" | "major", or an explicit higher MAJOR.MINOR.PATCH. */
export function nextVersion(current: string, how: string): string {
  const [major, minor, patch] = parseVersion(current, 3, "package.json");
  switch (how) {
    case "major": return `${major + 1}.0.0`;
    case "minor": return `${major}.${minor + 1}.0`;
    case "patch": return `${major}.${minor}.${patch + 1}`;
    default: {
      const wanted = parseVersion(how, 3, "the requested version");
      const now = [major, minor, patch];
      const cmp = wanted.reduce((acc, part, i) => (acc !== 0 ? acc : Math.sign(part - now[i])), 0);
      if (cmp <= 0) {
        throw new SolutionError(
          "VERSION_NOT_HIGHER",
          `The new version ${how} must be higher than ${current}: model-driven apps only load a rebuilt control when its version rises.`,
        );
      }
      return wanted.join(".");
    }
  }
}

function replaceTopLevelVersion(json: string, version: string): string {
  const re = /^([ \t]*)"version"(\s*:\s*)"[^"]*"/m;
  if (!re.test(json)) throw new SolutionError("VERSION_FORMAT", "package.json has no \"version\" field.");
  const updated = json.replace(re, `$1"version"$2"${version}"`);
  if ((JSON.parse(updated) as { version?: string }).version !== version) {
    throw new SolutionError("VERSION_FORMAT", "Could not update the top-level \"version\" of package.json in place.");
  }
  return updated;
}

function writeIfChanged(file: string, before: string, after: string, changed: string[]): void {
  if (before !== after) {
    fs.writeFileSync(file, after);
    changed.push(file);
  }
}

/** Stamps `version` into package.json (and its lock), the control manifest and Solution.xml. */
export function applyVersion(layout: ProjectLayout, version: string, options: { packageJson?: boolean } = {}): string[] {
  parseVersion(version, 3, "the new version");
  const changed: string[] = [];
  if (options.packageJson !== false) {
    const pkgText = readText(layout.packageJson, "package.json");
    writeIfChanged(layout.packageJson, pkgText, replaceTopLevelVersion(pkgText, version), changed);
    if (fs.existsSync(layout.packageLock)) {
      const lockText = fs.readFileSync(layout.packageLock, "utf8");
      const lock = JSON.parse(lockText) as { version?: string; packages?: Record<string, { version?: string }> };
      lock.version = version;
      if (lock.packages?.[""]) lock.packages[""].version = version;
      const indent = /^\{\r?\n([ \t]+)/.exec(lockText)?.[1] ?? "  ";
      const eol = lockText.includes("\r\n") ? "\r\n" : "\n";
      const out = JSON.stringify(lock, null, indent).replace(/\n/g, eol) + eol;
      writeIfChanged(layout.packageLock, lockText, out, changed);
    }
  }
  const manifestText = readText(layout.inputManifest, "ControlManifest.Input.xml");
  writeIfChanged(layout.inputManifest, manifestText, setManifestVersion(manifestText, version), changed);
  const solutionText = readText(layout.solutionXml, "Solution.xml");
  writeIfChanged(layout.solutionXml, solutionText, setSolutionVersion(solutionText, solutionVersionFor(version)), changed);
  return changed;
}

/** npm `version` lifecycle and `version:sync`: package.json wins. */
export function syncVersion(layout: ProjectLayout): { version: string; changed: string[] } {
  const { packageVersion } = readVersions(layout);
  parseVersion(packageVersion, 3, "package.json");
  return { version: packageVersion, changed: applyVersion(layout, packageVersion, { packageJson: false }) };
}

export function bumpVersion(layout: ProjectLayout, how: string): { from: string; to: string; changed: string[] } {
  const versions = readVersions(layout);
  checkVersions(versions);
  const to = nextVersion(versions.packageVersion, how);
  return { from: versions.packageVersion, to, changed: applyVersion(layout, to) };
}
