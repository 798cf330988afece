/**
 * Checks a solution package the way the importer reads it: the three root
 * files, the control in all five places under one name, the publisher prefix,
 * every manifest resource, a content type for every file, the <Managed> flag.
 * Returns every problem found (an empty list means the package is fine).
 */
import { CONTENT_TYPES_NAMESPACE, controlManifestPart } from "./content";
import { Problem, SolutionError } from "./errors";
import {
  checkOptionValuePrefix,
  checkPublisherPrefix,
  checkUniqueName,
  controlComponentName,
  parseVersion,
  prefixOfControlName,
} from "./rules";
import { CustomizationsInfo, readCustomizationsXml, readManifest, readSolutionXml, SolutionInfo } from "./source";
import { attr, children, parseXml } from "./xml";

export interface PackageEntry {
  name: string;
  data: Buffer;
  /** zip compression method when read from a zip (8 = deflate) */
  method?: number;
  /** bytes of zip extra fields (local + central) when read from a zip */
  extraLength?: number;
}

export const ROOT_FILES = ["solution.xml", "customizations.xml", "[Content_Types].xml"];
const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

export interface ValidateOptions {
  /** true: must be managed (<Managed>1), false: unmanaged (<Managed>0) */
  managed?: boolean;
}

function attempt<T>(problems: Problem[], fallbackCode: string, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (e instanceof SolutionError) problems.push({ code: e.code, message: e.message });
    else if (e instanceof Error) problems.push({ code: fallbackCode, message: e.message });
    else throw e;
    return undefined;
  }
}

function extensionOf(name: string): string | undefined {
  const base = name.slice(name.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot > 0 && dot < base.length - 1 ? base.slice(dot + 1).toLowerCase() : undefined;
}

function checkMsbuildText(problems: Problem[], name: string, data: Buffer, singleLine: boolean): void {
  const text = data.toString("utf8");
  if (!text.startsWith("\uFEFF")) problems.push({ code: "FORMAT_ENCODING", message: `${name} does not start with a UTF-8 BOM.` });
  if (!text.replace(/^\uFEFF/, "").startsWith(XML_DECLARATION)) {
    problems.push({ code: "FORMAT_ENCODING", message: `${name} does not start with ${XML_DECLARATION}` });
  }
  if (singleLine) {
    if (/[\r\n]/.test(text)) problems.push({ code: "FORMAT_ENCODING", message: `${name} is not a single line.` });
  } else if (/(^|[^\r])\n/.test(text)) {
    problems.push({ code: "FORMAT_ENCODING", message: `${name} has line ends other than CRLF.` });
  }
}

export function validatePackage(entries: PackageEntry[], options: ValidateOptions = {}): Problem[] {
  const problems: Problem[] = [];
  const byName = new Map<string, PackageEntry>();

  for (const e of entries) {
    if (e.name.endsWith("/")) problems.push({ code: "ZIP_DIRECTORY_ENTRY", message: `Directory entry "${e.name}" in the zip.` });
    if (e.name.includes("\\")) problems.push({ code: "ZIP_BACKSLASH", message: `Backslash in the entry name "${e.name}".` });
    if (e.name.startsWith("/")) problems.push({ code: "ZIP_ABSOLUTE", message: `Entry name "${e.name}" starts with "/".` });
    if (e.method !== undefined && e.method !== 8) {
      problems.push({ code: "ZIP_METHOD", message: `"${e.name}" is stored with method ${e.method}, not deflate (8).` });
    }
    if (e.extraLength !== undefined && e.extraLength > 0) {
      problems.push({ code: "ZIP_EXTRA", message: `"${e.name}" has zip extra fields.` });
    }
    if (byName.has(e.name)) problems.push({ code: "ZIP_DUPLICATE", message: `Duplicate entry "${e.name}".` });
    byName.set(e.name, e);
  }

  for (const root of ROOT_FILES) {
    if (!byName.has(root)) {
      const near = entries.find((e) => e.name.toLowerCase() === root.toLowerCase() || e.name.toLowerCase().endsWith(`/${root.toLowerCase()}`));
      problems.push({
        code: "ROOT_FILE_MISSING",
        message: `The zip has no ${root} at its root${near ? ` (found "${near.name}")` : ""}. The importer requires solution.xml, customizations.xml and [Content_Types].xml at the root.`,
      });
    }
  }

  const solutionEntry = byName.get("solution.xml");
  const customizationsEntry = byName.get("customizations.xml");
  const contentTypesEntry = byName.get("[Content_Types].xml");
  if (solutionEntry) checkMsbuildText(problems, "solution.xml", solutionEntry.data, false);
  if (customizationsEntry) checkMsbuildText(problems, "customizations.xml", customizationsEntry.data, false);
  if (contentTypesEntry) checkMsbuildText(problems, "[Content_Types].xml", contentTypesEntry.data, true);

  let solution: SolutionInfo | undefined;
  if (solutionEntry) {
    solution = attempt(problems, "SOLUTION_XML", () => readSolutionXml(solutionEntry.data.toString("utf8"), "solution.xml"));
  }
  if (solution) {
    const s = solution;
    if (s.managed !== "0" && s.managed !== "1") {
      problems.push({ code: "MANAGED_FLAG", message: `solution.xml <Managed> is "${s.managed}"; a zip must say 0 (unmanaged) or 1 (managed).` });
    } else if (options.managed !== undefined && s.managed !== (options.managed ? "1" : "0")) {
      problems.push({
        code: "MANAGED_FLAG",
        message: `solution.xml <Managed> is ${s.managed} in the ${options.managed ? "managed" : "unmanaged"} package; expected ${options.managed ? 1 : 0}.`,
      });
    }
    attempt(problems, "VERSION_FORMAT", () => parseVersion(s.version, 4, "solution.xml"));
    attempt(problems, "SOLUTION_UNIQUE_NAME", () => checkUniqueName("solution", s.uniqueName));
    attempt(problems, "PUBLISHER_UNIQUE_NAME", () => checkUniqueName("publisher", s.publisher.uniqueName));
    attempt(problems, "PUBLISHER_PREFIX", () => checkPublisherPrefix(s.publisher.prefix));
    attempt(problems, "OPTION_VALUE_PREFIX", () => checkOptionValuePrefix(s.publisher.optionValuePrefix));
    if (s.localizedNames.length === 0) problems.push({ code: "SOLUTION_XML", message: "solution.xml has no <LocalizedName> for the solution." });
  }

  let customizations: CustomizationsInfo | undefined;
  if (customizationsEntry) {
    customizations = attempt(problems, "CUSTOMIZATIONS_XML", () =>
      readCustomizationsXml(customizationsEntry.data.toString("utf8"), "customizations.xml"),
    );
  }

  // [Content_Types].xml
  const defaults = new Set<string>();
  const overrides = new Set<string>();
  if (contentTypesEntry) {
    attempt(problems, "CONTENT_TYPES", () => {
      const types = parseXml(contentTypesEntry.data.toString("utf8"));
      if (types.name !== "Types" || attr(types, "xmlns") !== CONTENT_TYPES_NAMESPACE) {
        throw new SolutionError("CONTENT_TYPES", `[Content_Types].xml: expected <Types xmlns="${CONTENT_TYPES_NAMESPACE}">.`);
      }
      for (const d of children(types, "Default")) {
        const ext = attr(d, "Extension");
        if (ext && attr(d, "ContentType")) defaults.add(ext.toLowerCase());
      }
      for (const o of children(types, "Override")) {
        const part = attr(o, "PartName");
        if (part && attr(o, "ContentType")) overrides.add(part.toLowerCase());
      }
    });
    for (const e of entries) {
      if (e.name === "[Content_Types].xml" || e.name.endsWith("/")) continue;
      if (overrides.has(`/${e.name}`.toLowerCase())) continue;
      const ext = extensionOf(e.name);
      if (ext === undefined) {
        problems.push({ code: "CONTENT_TYPE_MISSING", message: `No <Override> in [Content_Types].xml for "${e.name}" (a file without extension).` });
      } else if (!defaults.has(ext)) {
        problems.push({ code: "CONTENT_TYPE_MISSING", message: `No <Default Extension="${ext}"> in [Content_Types].xml for "${e.name}".` });
      }
    }
  }

  // The control under one name in five places.
  const controlNames = new Set<string>();
  if (customizations && solution) {
    const prefix = solution.publisher.prefix;
    if (customizations.customControls.length === 0) {
      problems.push({ code: "NO_CONTROL", message: "customizations.xml lists no <CustomControl>." });
    }
    for (const c of customizations.customControls) {
      controlNames.add(c.name);
      const controlPrefix = prefixOfControlName(c.name);
      if (controlPrefix !== prefix) {
        problems.push({
          code: "PREFIX_MISMATCH",
          message: `Publisher prefix "${controlPrefix ?? ""}" of the control ${c.name} does not match the prefix "${prefix}" of the solution's publisher.`,
        });
      }
      const part = controlManifestPart(c.name);
      if (c.fileName !== part) {
        problems.push({ code: "CONTROL_FILENAME", message: `<CustomControl> ${c.name}: <FileName> is "${c.fileName ?? ""}", expected "${part}".` });
      }
      if (!solution.rootComponents.some((r) => r.type === "66" && r.schemaName === c.name)) {
        problems.push({ code: "ROOT_COMPONENT", message: `solution.xml has no <RootComponent type="66" schemaName="${c.name}">.` });
      }
      if (contentTypesEntry && !overrides.has(part.toLowerCase())) {
        problems.push({ code: "CONTENT_TYPE_OVERRIDE", message: `[Content_Types].xml has no <Override PartName="${part}">.` });
      }
      const manifestEntry = byName.get(part.slice(1));
      if (!manifestEntry) {
        problems.push({
          code: "CONTROL_FOLDER",
          message: `The zip has no ${part.slice(1)}: the control folder must be Controls/${c.name}/.`,
        });
        continue;
      }
      const manifest = attempt(problems, "MANIFEST", () => readManifest(manifestEntry.data.toString("utf8"), part.slice(1)));
      if (!manifest) continue;
      const expected = attempt(problems, "CONTROL_NAME", () => controlComponentName(prefix, manifest.namespace, manifest.constructor));
      if (expected !== undefined && expected !== c.name) {
        problems.push({
          code: "CONTROL_NAME",
          message: `The manifest (namespace ${manifest.namespace}, constructor ${manifest.constructor}) gives the control name ${expected}, but customizations.xml says ${c.name}.`,
        });
      }
      for (const r of manifest.resources) {
        const entryName = `Controls/${c.name}/${r.path}`;
        if (!byName.has(entryName)) {
          problems.push({ code: "RESOURCE_MISSING", message: `The manifest lists <${r.kind} path="${r.path}">, but the zip has no ${entryName}.` });
        }
      }
    }
    for (const r of solution.rootComponents) {
      if (r.type === "66" && (!r.schemaName || !controlNames.has(r.schemaName))) {
        problems.push({ code: "ROOT_COMPONENT", message: `<RootComponent type="66" schemaName="${r.schemaName ?? ""}"> has no <CustomControl> in customizations.xml.` });
      }
    }
  }

  for (const e of entries) {
    if (ROOT_FILES.includes(e.name)) continue;
    const m = /^Controls\/([^/]+)\/./.exec(e.name);
    if (!m) {
      problems.push({ code: "UNEXPECTED_ENTRY", message: `Unexpected entry "${e.name}" (a control package holds the root files and Controls/ only).` });
    } else if (customizations && !controlNames.has(m[1])) {
      problems.push({ code: "CONTROL_FOLDER", message: `"${e.name}" is in Controls/${m[1]}/, which is no <CustomControl> of customizations.xml.` });
    }
  }
  return problems;
}

/** A managed and an unmanaged package of one build must differ only in <Managed>. */
export function comparePair(managed: PackageEntry[], unmanaged: PackageEntry[]): Problem[] {
  const problems: Problem[] = [];
  const names = (list: PackageEntry[]): string => list.map((e) => e.name).join("\n");
  if (names(managed) !== names(unmanaged)) {
    problems.push({ code: "PAIR_DIFFERENCE", message: "The managed and unmanaged zips do not hold the same entries in the same order." });
    return problems;
  }
  managed.forEach((m, i) => {
    const u = unmanaged[i];
    if (m.name === "solution.xml") {
      const mt = m.data.toString("utf8");
      const ut = u.data.toString("utf8");
      if (!/<Managed>1<\/Managed>/.test(mt) || !/<Managed>0<\/Managed>/.test(ut)) {
        problems.push({ code: "MANAGED_FLAG", message: "solution.xml: the managed zip must say <Managed>1</Managed> and the unmanaged zip <Managed>0</Managed>." });
      } else if (mt.replace("<Managed>1</Managed>", "<Managed>0</Managed>") !== ut) {
        problems.push({ code: "PAIR_DIFFERENCE", message: "solution.xml differs between the managed and unmanaged zips in more than <Managed>." });
      }
    } else if (!m.data.equals(u.data)) {
      problems.push({ code: "PAIR_DIFFERENCE", message: `${m.name} differs between the managed and unmanaged zips.` });
    }
  });
  return problems;
}

export function formatProblems(problems: Problem[]): string {
  return problems.map((p) => `  - [${p.code}] ${p.message}`).join("\n");
}
