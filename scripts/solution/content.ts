/**
 * Building the three root files the way MSBuild (SolutionPackager) writes them:
 * UTF-8 with BOM, CRLF line ends, no trailing line break.
 */
import * as fs from "fs";
import * as nodePath from "path";
import { SolutionError } from "./errors";
import { escapeXml } from "./xml";

export const BOM = "\uFEFF";
export const CONTENT_TYPES_NAMESPACE = "http://schemas.openxmlformats.org/package/2006/content-types";

/** BOM + CRLF + no trailing line break, whatever the template used. */
export function msbuildText(text: string): string {
  const body = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").replace(/\s+$/, "");
  return BOM + body.replace(/\n/g, "\r\n");
}

function indentOf(text: string, index: number): string {
  const lineStart = text.lastIndexOf("\n", index - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/**
 * Fills an empty element (`<Tag />`) of a template with child lines, indented
 * one level (two spaces) deeper than the element itself.
 */
function fillEmptyElement(template: string, tag: string, lines: string[]): string {
  const re = new RegExp(`<${tag}\\s*/>`);
  const m = re.exec(template);
  if (!m) return template;
  const indent = indentOf(template, m.index);
  const inner = lines.map((l) => `\n${indent}  ${l}`).join("");
  return template.slice(0, m.index) + `<${tag}>${inner}\n${indent}</${tag}>` + template.slice(m.index + m[0].length);
}

export function controlManifestPart(controlName: string): string {
  return `/Controls/${controlName}/ControlManifest.xml`;
}

/** customizations.xml: the template with the control in <CustomControls>. */
export function buildCustomizationsXml(template: string, controlNames: string[]): string {
  const t = template.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const hasEmpty = /<CustomControls\s*\/>/.test(t);
  if (!hasEmpty && !/<CustomControls>[\s\S]*<\/CustomControls>/.test(t)) {
    throw new SolutionError("CUSTOMIZATIONS_XML", "Customizations.xml has no <CustomControls> element.");
  }
  const lines: string[] = [];
  for (const name of controlNames) {
    lines.push("<CustomControl>");
    lines.push(`  <Name>${escapeXml(name)}</Name>`);
    lines.push(`  <FileName>${escapeXml(controlManifestPart(name))}</FileName>`);
    lines.push("</CustomControl>");
  }
  // A template that already lists the controls (checked by the caller) is kept as it is.
  return msbuildText(hasEmpty ? fillEmptyElement(t, "CustomControls", lines) : t);
}

/** solution.xml: the template with <Managed> set and the controls as root components (type 66). */
export function buildSolutionXml(template: string, managed: boolean, controlNames: string[]): string {
  let t = template.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const managedRe = /(<SolutionManifest>[\s\S]*?<Managed>)[^<]*(<\/Managed>)/;
  if (!managedRe.test(t)) throw new SolutionError("SOLUTION_XML", "Solution.xml has no <Managed> element.");
  t = t.replace(managedRe, `$1${managed ? "1" : "0"}$2`);
  if (/<RootComponents\s*\/>/.test(t)) {
    t = fillEmptyElement(
      t,
      "RootComponents",
      controlNames.map((n) => `<RootComponent type="66" schemaName="${escapeXml(n)}" behavior="0" />`),
    );
  } else if (!/<RootComponents>[\s\S]*<\/RootComponents>/.test(t)) {
    throw new SolutionError("SOLUTION_XML", "Solution.xml has no <RootComponents> element.");
  }
  return msbuildText(t);
}

function extensionOf(entryName: string): string | undefined {
  const base = entryName.slice(entryName.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot > 0 && dot < base.length - 1 ? base.slice(dot + 1) : undefined;
}

/**
 * [Content_Types].xml: one <Default> per extension in order of first appearance
 * ("xml" is text/xml, everything else application/octet-stream), one <Override>
 * per control manifest, and one per file without an extension. One line.
 */
export function buildContentTypesXml(entryNames: string[], controlNames: string[]): string {
  const seen = new Set<string>();
  const defaults: string[] = [];
  const overrides: string[] = [];
  for (const name of entryNames) {
    const ext = extensionOf(name);
    if (ext === undefined) {
      overrides.push(`/${name}`);
      continue;
    }
    if (seen.has(ext.toLowerCase())) continue;
    seen.add(ext.toLowerCase());
    const type = ext.toLowerCase() === "xml" ? "text/xml" : "application/octet-stream";
    defaults.push(`<Default Extension="${escapeXml(ext)}" ContentType="${type}" />`);
  }
  const parts = [...controlNames.map(controlManifestPart), ...overrides];
  const overrideXml = parts.map((p) => `<Override PartName="${escapeXml(p)}" ContentType="application/octet-stream" />`);
  return (
    BOM +
    `<?xml version="1.0" encoding="utf-8"?><Types xmlns="${CONTENT_TYPES_NAMESPACE}">` +
    defaults.join("") +
    overrideXml.join("") +
    "</Types>"
  );
}

/**
 * Files of a built control folder, relative, "/"-separated, in the order
 * MSBuild adds them: the folder's files (ordinal order), then each subfolder.
 */
export function listControlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string, rel: string): void => {
    const entries = fs.readdirSync(abs, { withFileTypes: true });
    const ordinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
    const files = entries.filter((e) => e.isFile()).map((e) => e.name).sort(ordinal);
    const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort(ordinal);
    for (const f of files) out.push(rel ? `${rel}/${f}` : f);
    for (const d of dirs) walk(nodePath.join(abs, d), rel ? `${rel}/${d}` : d);
  };
  walk(dir, "");
  return out;
}
