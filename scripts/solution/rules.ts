/**
 * Naming and numbering rules the importer and the PCF tool chain apply,
 * checked before anything is packed.
 */
import { SolutionError } from "./errors";

/** Publisher prefix: 2-8 characters, a letter first, then letters or digits, not starting with "mscrm". */
export function checkPublisherPrefix(prefix: string): void {
  if (!/^[A-Za-z][A-Za-z0-9]{1,7}$/.test(prefix)) {
    throw new SolutionError(
      "PUBLISHER_PREFIX",
      `Invalid publisher prefix "${prefix}": it must be 2 to 8 characters, start with a letter and contain only letters and digits.`,
    );
  }
  if (/^mscrm/i.test(prefix)) {
    throw new SolutionError("PUBLISHER_PREFIX", `Invalid publisher prefix "${prefix}": it must not start with "mscrm" (reserved).`);
  }
  if (prefix !== prefix.toLowerCase()) {
    throw new SolutionError(
      "PUBLISHER_PREFIX",
      `Invalid publisher prefix "${prefix}": use lower case ("${prefix.toLowerCase()}"); Dataverse stores prefixes in lower case and the control name must match it exactly.`,
    );
  }
}

/** Option-value prefix: a whole number from 10000 to 99999. */
export function checkOptionValuePrefix(raw: string): number {
  const value = Number(raw);
  if (!/^[0-9]+$/.test(raw) || value < 10000 || value > 99999) {
    throw new SolutionError(
      "OPTION_VALUE_PREFIX",
      `Invalid option-value prefix "${raw}": it must be a whole number from 10000 to 99999.`,
    );
  }
  return value;
}

/** Unique names of solutions and publishers: a letter or "_" first, then letters, digits or "_". */
export function checkUniqueName(kind: "solution" | "publisher", name: string): void {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || name.length > 65) {
    throw new SolutionError(
      kind === "solution" ? "SOLUTION_UNIQUE_NAME" : "PUBLISHER_UNIQUE_NAME",
      `Invalid ${kind} unique name "${name}": use at most 65 letters, digits or "_", not starting with a digit.`,
    );
  }
}

const INT32_MAX = 2147483647;

/**
 * Parses a dotted version with exactly `parts` numeric parts.
 * Refuses missing parts ("1.0"), empty parts ("1..0"), signs, suffixes ("1.0.0-beta").
 */
export function parseVersion(raw: string | undefined, parts: 3 | 4, where: string): number[] {
  const shape = parts === 3 ? "MAJOR.MINOR.PATCH" : "MAJOR.MINOR.BUILD.REVISION";
  if (raw === undefined || raw.trim() === "") {
    throw new SolutionError("VERSION_FORMAT", `Missing version in ${where}: expected ${shape}.`);
  }
  const pieces = raw.split(".");
  if (pieces.length !== parts || pieces.some((p) => !/^[0-9]+$/.test(p) || Number(p) > INT32_MAX)) {
    throw new SolutionError(
      "VERSION_FORMAT",
      `Invalid version "${raw}" in ${where}: expected ${shape} with ${parts} numeric parts (for example ${parts === 3 ? "1.2.3" : "1.2.3.0"}).`,
    );
  }
  return pieces.map((p) => Number(p));
}

/** The solution version that belongs to a package version: MAJOR.MINOR.PATCH -> MAJOR.MINOR.PATCH.0 */
export function solutionVersionFor(packageVersion: string): string {
  const [major, minor, patch] = parseVersion(packageVersion, 3, "package.json");
  return `${major}.${minor}.${patch}.0`;
}

const NAMESPACE = /^(?!\.|\d)(?!.*\.$)(?!.*?\.\d)(?!.*?\.\.)[a-zA-Z0-9.]+$/;
const CONSTRUCTOR = /^(?!\d)[a-zA-Z0-9]+$/;

/** `<prefix>_<namespace>.<constructor>`, the name of the control in every place of the zip. */
export function controlComponentName(prefix: string, namespace: string, constructor: string): string {
  if (!NAMESPACE.test(namespace)) {
    throw new SolutionError("CONTROL_NAME", `Invalid control namespace "${namespace}" in ControlManifest.xml.`);
  }
  if (!CONSTRUCTOR.test(constructor)) {
    throw new SolutionError("CONTROL_NAME", `Invalid control constructor "${constructor}" in ControlManifest.xml.`);
  }
  return `${prefix}_${namespace}.${constructor}`;
}

/** The prefix part of a control component name ("mbxh" for "mbxh_MailboxHealth.MailboxHealth"). */
export function prefixOfControlName(name: string): string | undefined {
  const i = name.indexOf("_");
  return i > 0 ? name.slice(0, i) : undefined;
}
