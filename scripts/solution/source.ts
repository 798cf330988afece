/**
 * Reading the inputs: Solution/src/Other/{Solution,Customizations}.xml and
 * the control manifests (the input one and the one pcf-scripts built).
 */
import { SolutionError } from "./errors";
import { attr, child, children, parseXml, path, XmlElement, XmlSyntaxError } from "./xml";

export interface LocalizedText {
  languagecode: string;
  description: string;
}

export interface RootComponent {
  type: string;
  schemaName?: string;
  id?: string;
  behavior?: string;
}

export interface CustomControlEntry {
  name: string;
  fileName?: string;
}

export interface SolutionInfo {
  uniqueName: string;
  localizedNames: LocalizedText[];
  descriptions: LocalizedText[];
  version: string;
  managed: string;
  publisher: {
    uniqueName: string;
    localizedNames: LocalizedText[];
    prefix: string;
    optionValuePrefix: string;
  };
  rootComponents: RootComponent[];
}

export interface CustomizationsInfo {
  customControls: CustomControlEntry[];
  languages: string[];
}

export interface ManifestResource {
  /** element name: code, css, resx, img, html, ... */
  kind: string;
  path: string;
}

export interface ManifestInfo {
  namespace: string;
  constructor: string;
  version: string;
  controlType?: string;
  resources: ManifestResource[];
}

export function parseOrRefuse(text: string, what: string): XmlElement {
  try {
    return parseXml(text);
  } catch (e) {
    if (e instanceof XmlSyntaxError) throw new SolutionError("XML_SYNTAX", `${what} is not well-formed XML: ${e.message}`);
    throw e;
  }
}

function localized(el: XmlElement | undefined, item: string): LocalizedText[] {
  if (!el) return [];
  return children(el, item).map((c) => ({
    languagecode: attr(c, "languagecode") ?? "",
    description: attr(c, "description") ?? "",
  }));
}

function requiredText(root: XmlElement, what: string, ...names: string[]): string {
  const el = path(root, ...names);
  if (!el) throw new SolutionError("SOLUTION_XML", `${what} has no <${names.join("/")}>.`);
  return el.text.trim();
}

/** Reads the values the packer needs from a solution.xml (source template or packed file). */
export function readSolutionXml(text: string, what = "Solution.xml"): SolutionInfo {
  const root = parseOrRefuse(text, what);
  if (root.name !== "ImportExportXml") {
    throw new SolutionError("SOLUTION_XML", `${what}: the root element is <${root.name}>, expected <ImportExportXml>.`);
  }
  const manifest = child(root, "SolutionManifest");
  if (!manifest) throw new SolutionError("SOLUTION_XML", `${what} has no <SolutionManifest>.`);
  const publisher = child(manifest, "Publisher");
  if (!publisher) throw new SolutionError("SOLUTION_XML", `${what} has no <SolutionManifest/Publisher>.`);
  const rootComponents = child(manifest, "RootComponents");
  if (!rootComponents) throw new SolutionError("SOLUTION_XML", `${what} has no <SolutionManifest/RootComponents>.`);
  return {
    uniqueName: requiredText(manifest, what, "UniqueName"),
    localizedNames: localized(child(manifest, "LocalizedNames"), "LocalizedName"),
    descriptions: localized(child(manifest, "Descriptions"), "Description"),
    version: requiredText(manifest, what, "Version"),
    managed: requiredText(manifest, what, "Managed"),
    publisher: {
      uniqueName: requiredText(publisher, `${what} <Publisher>`, "UniqueName"),
      localizedNames: localized(child(publisher, "LocalizedNames"), "LocalizedName"),
      prefix: requiredText(publisher, `${what} <Publisher>`, "CustomizationPrefix"),
      optionValuePrefix: requiredText(publisher, `${what} <Publisher>`, "CustomizationOptionValuePrefix"),
    },
    rootComponents: children(rootComponents, "RootComponent").map((c) => ({
      type: attr(c, "type") ?? "",
      schemaName: attr(c, "schemaName"),
      id: attr(c, "id"),
      behavior: attr(c, "behavior"),
    })),
  };
}

export function readCustomizationsXml(text: string, what = "Customizations.xml"): CustomizationsInfo {
  const root = parseOrRefuse(text, what);
  if (root.name !== "ImportExportXml") {
    throw new SolutionError("CUSTOMIZATIONS_XML", `${what}: the root element is <${root.name}>, expected <ImportExportXml>.`);
  }
  const controls = child(root, "CustomControls");
  if (!controls) throw new SolutionError("CUSTOMIZATIONS_XML", `${what} has no <CustomControls> element.`);
  return {
    customControls: children(controls, "CustomControl").map((c) => ({
      name: (child(c, "Name")?.text ?? "").trim(),
      fileName: child(c, "FileName")?.text.trim(),
    })),
    languages: children(child(root, "Languages") ?? { name: "", attrs: {}, children: [], text: "" }, "Language").map((l) =>
      l.text.trim(),
    ),
  };
}

/** Reads a ControlManifest.xml (built) or ControlManifest.Input.xml (source). */
export function readManifest(text: string, what = "ControlManifest.xml"): ManifestInfo {
  const root = parseOrRefuse(text, what);
  const control = root.name === "manifest" ? child(root, "control") : undefined;
  if (!control) throw new SolutionError("MANIFEST", `${what} has no <manifest><control> element.`);
  const resources = child(control, "resources");
  if (!resources) throw new SolutionError("MANIFEST", `${what} has no <resources> element.`);
  const list: ManifestResource[] = [];
  for (const r of resources.children) {
    const p = attr(r, "path");
    if (p !== undefined) list.push({ kind: r.name, path: p });
  }
  return {
    namespace: attr(control, "namespace") ?? "",
    constructor: attr(control, "constructor") ?? "",
    version: attr(control, "version") ?? "",
    controlType: attr(control, "control-type"),
    resources: list,
  };
}

/** Replaces the version attribute of the <control> element, leaving the rest of the file as it is. */
export function setManifestVersion(text: string, version: string): string {
  const re = /(<control\s(?:[^>]*?\s)?version\s*=\s*")([^"]*)(")/;
  if (!re.test(text)) throw new SolutionError("MANIFEST", "ControlManifest.Input.xml: no version attribute on <control>.");
  return text.replace(re, `$1${version}$3`);
}

/** Replaces <Version> in a Solution.xml, leaving the rest of the file (BOM, CRLF, comments) as it is. */
export function setSolutionVersion(text: string, version: string): string {
  const re = /(<SolutionManifest>[\s\S]*?<Version>)([^<]*)(<\/Version>)/;
  if (!re.test(text)) throw new SolutionError("SOLUTION_XML", "Solution.xml: no <SolutionManifest>/<Version> element.");
  return text.replace(re, `$1${version}$3`);
}
