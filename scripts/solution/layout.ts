/** Where the packer finds its inputs in the project. */
import * as fs from "fs";
import * as nodePath from "path";
import { SolutionError } from "./errors";

export interface ProjectLayout {
  root: string;
  packageJson: string;
  packageLock: string;
  /** folder of the .cdsproj */
  solutionDir: string;
  solutionXml: string;
  customizationsXml: string;
  /** folder that holds ControlManifest.Input.xml */
  controlDir: string;
  inputManifest: string;
  /** pcf-scripts output folder of the control, e.g. out/controls/MailboxHealth */
  builtControlDir: string;
  /** where the zips go */
  binDir: string;
}

const SKIP = new Set(["node_modules", "out", "Solution", "test", "scripts", "dist", "coverage"]);

function findControlDir(root: string): string {
  const found = fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith(".") && !SKIP.has(e.name))
    .filter((e) => fs.existsSync(nodePath.join(root, e.name, "ControlManifest.Input.xml")))
    .map((e) => e.name);
  if (found.length !== 1) {
    throw new SolutionError(
      "LAYOUT",
      found.length === 0
        ? `No folder with a ControlManifest.Input.xml in ${root}.`
        : `More than one control folder in ${root} (${found.join(", ")}); this packer handles one control.`,
    );
  }
  return nodePath.join(root, found[0]);
}

function pcfOutDir(root: string): string {
  const config = nodePath.join(root, "pcfconfig.json");
  let outDir = "out/controls";
  if (fs.existsSync(config)) {
    const parsed = JSON.parse(fs.readFileSync(config, "utf8")) as { outDir?: string };
    if (parsed.outDir) outDir = parsed.outDir;
  }
  return nodePath.resolve(root, outDir);
}

export function resolveLayout(rootArg: string, solutionDirName = "Solution"): ProjectLayout {
  const root = nodePath.resolve(rootArg);
  const solutionDir = nodePath.join(root, solutionDirName);
  const other = nodePath.join(solutionDir, "src", "Other");
  const controlDir = findControlDir(root);
  return {
    root,
    packageJson: nodePath.join(root, "package.json"),
    packageLock: nodePath.join(root, "package-lock.json"),
    solutionDir,
    solutionXml: nodePath.join(other, "Solution.xml"),
    customizationsXml: nodePath.join(other, "Customizations.xml"),
    controlDir,
    inputManifest: nodePath.join(controlDir, "ControlManifest.Input.xml"),
    builtControlDir: nodePath.join(pcfOutDir(root), nodePath.basename(controlDir)),
    binDir: nodePath.join(solutionDir, "bin"),
  };
}

export function readText(file: string, what: string): string {
  if (!fs.existsSync(file)) throw new SolutionError("MISSING_FILE", `${what} not found: ${file}`);
  return fs.readFileSync(file, "utf8");
}
