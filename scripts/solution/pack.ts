/**
 * `npm run solution`: production build of the control, then the managed and
 * unmanaged solution zips in Solution/bin/. Any refusal throws a
 * SolutionError before a zip is written.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as nodePath from "path";
import { buildContentTypesXml, buildCustomizationsXml, buildSolutionXml, listControlFiles } from "./content";
import { SolutionError } from "./errors";
import { ProjectLayout, readText, resolveLayout } from "./layout";
import {
  checkOptionValuePrefix,
  checkPublisherPrefix,
  checkUniqueName,
  controlComponentName,
  prefixOfControlName,
} from "./rules";
import { readCustomizationsXml, readManifest, readSolutionXml, SolutionInfo } from "./source";
import { comparePair, formatProblems, PackageEntry, validatePackage } from "./validate";
import { checkVersions, readVersions } from "./version";
import { dosDateTime, readZip, writeZip } from "./zip";

export interface PackOptions {
  /** project root (folder of package.json) */
  root: string;
  /** where the zips go; default <root>/Solution/bin */
  outDir?: string;
  /** run the production build first (default true) */
  build?: boolean;
  /** the build command; default pcf-scripts build --buildMode production --noColor */
  buildCommand?: string[];
  /** overwrite zips of the same version whose control files differ */
  force?: boolean;
  /** zip timestamp; default SOURCE_DATE_EPOCH (UTC) or now (local time) */
  time?: Date;
  log?: (line: string) => void;
}

export interface PackResult {
  controlName: string;
  version: string;
  managedZip: string;
  unmanagedZip: string;
  entries: string[];
}

export const BUILD_SUCCEEDED = "[build] Succeeded";

/** pcf-scripts exits 0 on failure; only its "[build] Succeeded" line tells. */
export function checkBuildOutput(exitCode: number | null, output: string): void {
  const clean = output.replace(/\x1b\[[0-9;]*m/g, "");
  const failed = exitCode !== 0 || !clean.includes(BUILD_SUCCEEDED) || /\[build\] Failed/.test(clean);
  if (failed) {
    const tail = clean.trim().split(/\r?\n/).slice(-15).join("\n");
    throw new SolutionError(
      "BUILD_FAILED",
      `The production build of the control did not succeed (exit code ${exitCode}${clean.includes(BUILD_SUCCEEDED) ? "" : `, no "${BUILD_SUCCEEDED}" line`}). Last output:\n${tail}`,
    );
  }
}

/**
 * `pcf-scripts build --buildMode production --noColor`, run with this node.
 * `skipLint` adds `--skipBuildLinting true` (same bundle, no ESLint pass).
 */
export function defaultBuildCommand(root: string, options: { skipLint?: boolean } = {}): string[] {
  let bin: string;
  try {
    bin = require.resolve("pcf-scripts/bin/pcf-scripts.js", { paths: [root] });
  } catch {
    throw new SolutionError("BUILD_FAILED", "pcf-scripts is not installed; run npm ci first.");
  }
  const command = [process.execPath, bin, "build", "--buildMode", "production", "--noColor"];
  return options.skipLint ? [...command, "--skipBuildLinting", "true"] : command;
}

function runBuild(command: string[], cwd: string, log: (line: string) => void): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0], command.slice(1), { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString("utf8");
      output += text;
      for (const line of text.split(/\r?\n/)) if (line.trim()) log(`  ${line}`);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

interface Inputs {
  solution: SolutionInfo;
  solutionTemplate: string;
  customizationsTemplate: string;
  packageVersion: string;
  controlName: string;
}

/** Everything that can be checked before building. */
export function readInputs(layout: ProjectLayout): Inputs {
  const solutionTemplate = readText(layout.solutionXml, "Solution/src/Other/Solution.xml");
  const customizationsTemplate = readText(layout.customizationsXml, "Solution/src/Other/Customizations.xml");
  const solution = readSolutionXml(solutionTemplate, "Solution/src/Other/Solution.xml");
  checkUniqueName("solution", solution.uniqueName);
  checkUniqueName("publisher", solution.publisher.uniqueName);
  checkPublisherPrefix(solution.publisher.prefix);
  checkOptionValuePrefix(solution.publisher.optionValuePrefix);
  if (!["0", "1", "2"].includes(solution.managed)) {
    throw new SolutionError("SOLUTION_XML", `Solution.xml <Managed> is "${solution.managed}"; expected 2 (both), 0 or 1.`);
  }
  if (solution.localizedNames.length === 0) throw new SolutionError("SOLUTION_XML", "Solution.xml has no <LocalizedName> for the solution.");

  const versions = readVersions(layout);
  checkVersions(versions);

  const input = readManifest(readText(layout.inputManifest, "ControlManifest.Input.xml"), "ControlManifest.Input.xml");
  const controlName = controlComponentName(solution.publisher.prefix, input.namespace, input.constructor);

  // Controls already named in the templates must be this control, under this publisher's prefix.
  const customizations = readCustomizationsXml(customizationsTemplate, "Solution/src/Other/Customizations.xml");
  const named = [
    ...customizations.customControls.map((c) => ({ name: c.name, where: "Customizations.xml <CustomControl>" })),
    ...solution.rootComponents.filter((r) => r.type === "66").map((r) => ({ name: r.schemaName ?? "", where: "Solution.xml <RootComponent>" })),
  ];
  for (const n of named) {
    const p = prefixOfControlName(n.name);
    if (p !== solution.publisher.prefix) {
      throw new SolutionError(
        "PREFIX_MISMATCH",
        `${n.where} names the control "${n.name}" with the prefix "${p ?? ""}", but the publisher prefix is "${solution.publisher.prefix}". Use ${controlName} (or leave the element empty and let the packer fill it).`,
      );
    }
    if (n.name !== controlName) {
      throw new SolutionError("CONTROL_NAME", `${n.where} names the control "${n.name}", but the manifest gives ${controlName}.`);
    }
  }
  return { solution, solutionTemplate, customizationsTemplate, packageVersion: versions.packageVersion, controlName };
}

export function zipFileNames(uniqueName: string, solutionVersion: string): { managed: string; unmanaged: string } {
  const v = solutionVersion.replace(/\./g, "_");
  return { managed: `${uniqueName}_${v}_managed.zip`, unmanaged: `${uniqueName}_${v}_unmanaged.zip` };
}

function zipTime(options: PackOptions): { date: number; time: number } {
  if (options.time) return dosDateTime(options.time);
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^[0-9]+$/.test(epoch)) return dosDateTime(new Date(Number(epoch) * 1000), true);
  return dosDateTime(new Date());
}

/** Builds the entries of both packages from the built control folder. */
export function assemblePackages(layout: ProjectLayout, inputs: Inputs): { managed: PackageEntry[]; unmanaged: PackageEntry[] } {
  const built = layout.builtControlDir;
  const builtManifestPath = nodePath.join(built, "ControlManifest.xml");
  if (!fs.existsSync(builtManifestPath)) {
    throw new SolutionError("BUILD_OUTPUT", `No built control at ${builtManifestPath}; the production build did not produce it.`);
  }
  const manifest = readManifest(fs.readFileSync(builtManifestPath, "utf8"), "built ControlManifest.xml");
  if (manifest.version !== inputs.packageVersion) {
    throw new SolutionError(
      "VERSION_MISMATCH",
      `The built ControlManifest.xml has version ${manifest.version}, package.json has ${inputs.packageVersion}: the build output is stale, rebuild the control.`,
    );
  }
  const controlName = controlComponentName(inputs.solution.publisher.prefix, manifest.namespace, manifest.constructor);
  if (controlName !== inputs.controlName) {
    throw new SolutionError("CONTROL_NAME", `The built manifest gives ${controlName}, the input manifest ${inputs.controlName}: rebuild the control.`);
  }
  for (const r of manifest.resources) {
    const rel = r.path.replace(/\\/g, "/");
    const abs = nodePath.resolve(built, rel);
    if (rel.split("/").includes("..") || !abs.startsWith(built + nodePath.sep)) {
      throw new SolutionError("RESOURCE_PATH", `The manifest resource path "${r.path}" leaves the control folder.`);
    }
    if (!fs.existsSync(abs) || !fs.statSync(abs).isFile()) {
      throw new SolutionError(
        "RESOURCE_MISSING",
        `The manifest lists <${r.kind} path="${r.path}">, but ${nodePath.relative(layout.root, abs)} is not in the build output.`,
      );
    }
  }

  const files = listControlFiles(built);
  const controlEntries: PackageEntry[] = files.map((f) => ({
    name: `Controls/${controlName}/${f}`,
    data: fs.readFileSync(nodePath.join(built, ...f.split("/"))),
  }));
  const customizations: PackageEntry = {
    name: "customizations.xml",
    data: Buffer.from(buildCustomizationsXml(inputs.customizationsTemplate, [controlName]), "utf8"),
  };
  const names = ["customizations.xml", "solution.xml", ...controlEntries.map((e) => e.name), "[Content_Types].xml"];
  const contentTypes: PackageEntry = {
    name: "[Content_Types].xml",
    data: Buffer.from(buildContentTypesXml(names, [controlName]), "utf8"),
  };
  const make = (managed: boolean): PackageEntry[] => [
    customizations,
    { name: "solution.xml", data: Buffer.from(buildSolutionXml(inputs.solutionTemplate, managed, [controlName]), "utf8") },
    ...controlEntries,
    contentTypes,
  ];
  return { managed: make(true), unmanaged: make(false) };
}

function controlFilesDiffer(existingZip: string, entries: PackageEntry[]): boolean {
  const old = readZip(fs.readFileSync(existingZip)).filter((e) => e.name.startsWith("Controls/"));
  const now = entries.filter((e) => e.name.startsWith("Controls/"));
  if (old.length !== now.length) return true;
  return old.some((o, i) => o.name !== now[i].name || !o.data.equals(now[i].data));
}

export async function pack(options: PackOptions): Promise<PackResult> {
  const log = options.log ?? ((): void => undefined);
  const layout = resolveLayout(options.root);
  const outDir = nodePath.resolve(options.outDir ?? layout.binDir);

  const inputs = readInputs(layout);
  log(`Solution ${inputs.solution.uniqueName} ${inputs.solution.version}, control ${inputs.controlName}`);

  if (options.build !== false) {
    log("Production build of the control ...");
    fs.rmSync(layout.builtControlDir, { recursive: true, force: true });
    const { code, output } = await runBuild(options.buildCommand ?? defaultBuildCommand(layout.root), layout.root, log);
    checkBuildOutput(code, output);
  }

  const { managed, unmanaged } = assemblePackages(layout, inputs);
  const problems = [
    ...validatePackage(managed, { managed: true }).map((p) => ({ ...p, message: `managed: ${p.message}` })),
    ...validatePackage(unmanaged, { managed: false }).map((p) => ({ ...p, message: `unmanaged: ${p.message}` })),
    ...comparePair(managed, unmanaged),
  ];
  if (problems.length > 0) {
    throw new SolutionError("PACKAGE_INVALID", `The assembled package is not valid:\n${formatProblems(problems)}`);
  }

  const names = zipFileNames(inputs.solution.uniqueName, inputs.solution.version);
  const managedZip = nodePath.join(outDir, names.managed);
  const unmanagedZip = nodePath.join(outDir, names.unmanaged);
  if (!options.force && fs.existsSync(managedZip) && controlFilesDiffer(managedZip, managed)) {
    throw new SolutionError(
      "SAME_VERSION_CHANGED",
      `${nodePath.relative(layout.root, managedZip)} already exists with other control files. Model-driven apps keep the cached control of a version they already have: run "npm run version:bump -- patch" and pack again (or pass --force to overwrite a zip nobody imported).`,
    );
  }

  const when = zipTime(options);
  const managedBytes = writeZip(managed, when);
  const unmanagedBytes = writeZip(unmanaged, when);
  fs.mkdirSync(outDir, { recursive: true });
  for (const [file, bytes] of [[managedZip, managedBytes], [unmanagedZip, unmanagedBytes]] as const) {
    const tmp = `${file}.partial`;
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, file);
    log(`Wrote ${nodePath.relative(process.cwd(), file)} (${bytes.length} bytes)`);
  }
  return {
    controlName: inputs.controlName,
    version: inputs.solution.version,
    managedZip,
    unmanagedZip,
    entries: managed.map((e) => e.name),
  };
}
