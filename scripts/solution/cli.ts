/**
 * Command line of the solution packer (compiled to scripts/solution/dist/cli.js).
 *
 *   pack [--no-build] [--force] [--out DIR]      build the control and write both zips
 *   validate [ZIP...] [--xsd DIR]                check zips (default: this version's zips in
 *                                                Solution/bin) and, with DIR, their XSDs
 *                                                (default DIR: ../shared/xsd when it exists)
 *   version                                      print the versions
 *   version check                                refuse when they disagree
 *   version sync [--stage]                       stamp package.json's version everywhere
 *                                                (--stage: git add the stamped files, for npm version)
 *   version bump patch|minor|major|X.Y.Z         raise the version everywhere
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as nodePath from "path";
import { SolutionError } from "./errors";
import { resolveLayout } from "./layout";
import { pack, readInputs, zipFileNames } from "./pack";
import { comparePair, formatProblems, validatePackage } from "./validate";
import { bumpVersion, checkVersions, readVersions, syncVersion } from "./version";
import { readZip } from "./zip";

function projectRoot(): string {
  // dist/cli.js -> scripts/solution/dist -> project root
  return nodePath.resolve(__dirname, "..", "..", "..");
}

function takeOption(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith("--")) throw new SolutionError("USAGE", `${name} needs a value.`);
  args.splice(i, 2);
  return value;
}

function rejectUnknown(args: string[], allowPositional: boolean): void {
  const unknown = args.filter((a) => a.startsWith("--") || !allowPositional);
  if (unknown.length > 0) throw new SolutionError("USAGE", `Unknown argument(s): ${unknown.join(" ")}`);
}

function takeFlag(args: string[], name: string): boolean {
  const i = args.indexOf(name);
  if (i === -1) return false;
  args.splice(i, 1);
  return true;
}

async function validateCommand(root: string, args: string[]): Promise<number> {
  let xsdRoot = takeOption(args, "--xsd");
  if (xsdRoot === undefined) {
    const shared = nodePath.resolve(root, "..", "shared", "xsd");
    if (fs.existsSync(shared)) xsdRoot = shared;
    else console.log("XSD validation skipped: no --xsd folder and no ../shared/xsd next to the project.");
  }
  rejectUnknown(args, true);
  if (args.length === 0) {
    const layout = resolveLayout(root);
    const inputs = readInputs(layout);
    const names = zipFileNames(inputs.solution.uniqueName, inputs.solution.version);
    args.push(nodePath.join(layout.binDir, names.managed), nodePath.join(layout.binDir, names.unmanaged));
  }
  let failures = 0;
  const packages = new Map<string, ReturnType<typeof readZip>>();
  for (const zip of args) {
    if (!fs.existsSync(zip)) throw new SolutionError("MISSING_FILE", `${zip} not found; run "npm run solution" first.`);
    const entries = readZip(fs.readFileSync(zip));
    packages.set(zip, entries);
    const managed = /_managed\.zip$/i.test(zip) ? true : /_unmanaged\.zip$/i.test(zip) ? false : undefined;
    const problems = validatePackage(entries, { managed });
    if (xsdRoot) {
      const { validateCustomizations, validateSolution } = await import("./xsd");
      const c = entries.find((e) => e.name === "customizations.xml");
      const s = entries.find((e) => e.name === "solution.xml");
      if (c) for (const err of (await validateCustomizations(c.data.toString("utf8"), xsdRoot)).errors) problems.push({ code: "XSD", message: err });
      if (s) for (const err of (await validateSolution(s.data.toString("utf8"), xsdRoot)).errors) problems.push({ code: "XSD", message: err });
    }
    if (problems.length > 0) {
      failures++;
      console.error(`${zip}: ${problems.length} problem(s)\n${formatProblems(problems)}`);
    } else {
      console.log(`${zip}: ok (${entries.length} entries${xsdRoot ? ", XSD valid" : ""})`);
    }
  }
  const managedZip = args.find((z) => /_managed\.zip$/i.test(z));
  const unmanagedZip = args.find((z) => /_unmanaged\.zip$/i.test(z));
  if (managedZip && unmanagedZip) {
    const problems = comparePair(packages.get(managedZip)!, packages.get(unmanagedZip)!);
    if (problems.length > 0) {
      failures++;
      console.error(`managed vs unmanaged:\n${formatProblems(problems)}`);
    }
  }
  return failures === 0 ? 0 : 1;
}

async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  const command = args.shift();
  const root = takeOption(args, "--root") ?? projectRoot();
  switch (command) {
    case "pack": {
      const build = !takeFlag(args, "--no-build");
      const force = takeFlag(args, "--force");
      const outDir = takeOption(args, "--out");
      rejectUnknown(args, false);
      const result = await pack({ root, build, force, outDir, log: (line) => console.log(line) });
      console.log(`Packed ${result.controlName} ${result.version}:`);
      for (const zip of [result.managedZip, result.unmanagedZip]) {
        console.log(`  ${nodePath.relative(process.cwd(), zip)}  ${fs.statSync(zip).size} bytes`);
      }
      return 0;
    }
    case "validate":
      return validateCommand(root, args);
    case "version": {
      const layout = resolveLayout(root);
      const sub = args.shift();
      if (sub === undefined || sub === "check") {
        const v = readVersions(layout);
        console.log(`package.json ${v.packageVersion}, ControlManifest.Input.xml ${v.manifestVersion}, Solution.xml ${v.solutionVersion}`);
        if (sub === "check") checkVersions(v);
        return 0;
      }
      if (sub === "sync") {
        const stage = takeFlag(args, "--stage");
        rejectUnknown(args, false);
        const { version, changed } = syncVersion(layout);
        console.log(`Version ${version}${changed.length ? `; updated ${changed.map((f) => nodePath.relative(root, f)).join(", ")}` : "; nothing to change"}`);
        // `npm version` commits package.json itself; stage the stamped files so they join that commit.
        // npm exports git-tag-version only when it is not the default: "" (or "false") means --no-git-tag-version.
        const gitTag = process.env.npm_config_git_tag_version;
        const npmCommits = gitTag === undefined || gitTag === "true";
        if (stage && npmCommits && fs.existsSync(nodePath.join(root, ".git"))) {
          const files = [layout.inputManifest, layout.solutionXml].map((f) => nodePath.relative(root, f));
          const r = spawnSync("git", ["add", "--", ...files], { cwd: root, stdio: "inherit" });
          if (r.status !== 0) throw new SolutionError("VERSION_STAGE", `git add ${files.join(" ")} failed.`);
        }
        return 0;
      }
      if (sub === "bump") {
        const how = args.shift();
        rejectUnknown(args, false);
        if (!how) throw new SolutionError("USAGE", "version bump needs patch, minor, major or a version.");
        const { from, to, changed } = bumpVersion(layout, how);
        console.log(`Version ${from} -> ${to}; updated ${changed.map((f) => nodePath.relative(root, f)).join(", ")}`);
        return 0;
      }
      throw new SolutionError("USAGE", `Unknown version command "${sub}".`);
    }
    default:
      throw new SolutionError("USAGE", "Usage: cli.js pack | validate ZIP... [--xsd DIR] | version [check|sync|bump KIND]");
  }
}

const command = process.argv[2];
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof SolutionError) {
      console.error(`error [${e.code}]: ${e.message}`);
      if (command === "pack") console.error("No solution zip was written.");
    } else {
      console.error(e);
    }
    process.exitCode = 1;
  },
);
