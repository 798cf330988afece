/**
 * @jest-environment node
 */
/*
 * The real thing: a production build of the control, both zips packed from
 * it, then unzipped and checked the way the importer reads them. Then the
 * same zips, broken one way at a time, must fail the checks.
 */
import * as fs from "fs";
import * as path from "path";
import { unzipSync } from "fflate";
import { Problem } from "../../scripts/solution/errors";
import { defaultBuildCommand, pack, PackResult } from "../../scripts/solution/pack";
import { readCustomizationsXml, readManifest, readSolutionXml } from "../../scripts/solution/source";
import { comparePair, PackageEntry, validatePackage } from "../../scripts/solution/validate";
import { validateCustomizations, validateSolution } from "../../scripts/solution/xsd";
import { readZip, writeZip, ZipEntry } from "../../scripts/solution/zip";
import {
  cloneEntries,
  CONTROL,
  HAS_SAMPLES,
  HAS_XSD,
  QUILL,
  QUILL_CONTROL,
  REPO,
  replaceText,
  repoVersion,
  skipReason,
  tempDir,
  XSD_ROOT,
} from "./helpers";

if (!HAS_XSD || !HAS_SAMPLES) {
  console.warn(`XSD validation and byte comparison with MSBuild output are skipped: ${path.resolve(REPO, "..", "shared")} does not exist. The structural checks still run.`);
}

const DIR = `Controls/${CONTROL}`;
let result: PackResult;
let managed: ZipEntry[];
let unmanaged: ZipEntry[];
let managedBytes: Buffer;

/*
 * SOLUTION_TEST_BUILD=reuse packs the existing out/controls (e.g. right after
 * `npm run solution` in CI) instead of building again. By default the suite
 * runs the production build itself, without its ESLint pass (`npm run lint`
 * covers that; the bundle is the same), to stay within its time budget.
 */
const REUSE = process.env.SOLUTION_TEST_BUILD === "reuse";

beforeAll(async () => {
  const out = tempDir("bin");
  const lines: string[] = [];
  result = await pack({
    root: REPO,
    outDir: out,
    build: !REUSE,
    buildCommand: defaultBuildCommand(REPO, { skipLint: true }),
    log: (l) => lines.push(l),
  });
  if (!REUSE) expect(lines.join("\n")).toContain("[build] Succeeded");
  managedBytes = fs.readFileSync(result.managedZip);
  managed = readZip(managedBytes);
  unmanaged = readZip(fs.readFileSync(result.unmanagedZip));
}, 240_000);

const codes = (problems: Problem[]): string[] => [...new Set(problems.map((p) => p.code))];
const text = (entries: PackageEntry[], name: string): string => entries.find((e) => e.name === name)!.data.toString("utf8");
const builtManifest = (): ReturnType<typeof readManifest> => readManifest(text(managed, `${DIR}/ControlManifest.xml`));

describe("the zips from the real build", () => {
  test("are named <UniqueName>_<version>_managed|unmanaged.zip", () => {
    const v = `${repoVersion()}.0`.replace(/\./g, "_");
    expect(path.basename(result.managedZip)).toBe(`MailboxHealth_${v}_managed.zip`);
    expect(path.basename(result.unmanagedZip)).toBe(`MailboxHealth_${v}_unmanaged.zip`);
  });

  test("have MSBuild's layout: root files, the control folder, [Content_Types].xml last", () => {
    const names = managed.map((e) => e.name);
    expect(names.slice(0, 3)).toEqual(["customizations.xml", "solution.xml", `${DIR}/ControlManifest.xml`]);
    expect(names[names.length - 1]).toBe("[Content_Types].xml");
    expect(names).toContain(`${DIR}/bundle.js`);
    for (const n of names.slice(2, -1)) expect(n.startsWith(`${DIR}/`)).toBe(true);
  });

  test("hold every file of the build output, byte for byte", () => {
    const built = path.join(REPO, "out", "controls", "MailboxHealth");
    const walk = (d: string): string[] =>
      fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
    const files = walk(built).map((f) => path.relative(built, f).split(path.sep).join("/"));
    expect(managed.filter((e) => e.name.startsWith(`${DIR}/`)).map((e) => e.name.slice(DIR.length + 1)).sort()).toEqual(files.sort());
    for (const f of files) expect(text(managed, `${DIR}/${f}`)).toBe(fs.readFileSync(path.join(built, f), "utf8"));
  });

  test("hold every resource the built manifest lists", () => {
    const m = builtManifest();
    expect(m.resources.length).toBeGreaterThan(0);
    for (const r of m.resources) expect(managed.some((e) => e.name === `${DIR}/${r.path}`)).toBe(true);
  });

  test("are plain deflate zips: no directory entries, no extra fields, forward slashes, DOS time", () => {
    for (const e of [...managed, ...unmanaged]) {
      expect(e.name.endsWith("/")).toBe(false);
      expect(e.name).not.toContain("\\");
      expect(e.method).toBe(8);
      expect(e.extraLength).toBe(0);
      expect(e.versionMadeBy).toBe(20);
      expect(e.flags & 0x0008).toBe(0);
      expect(e.dosDate >> 9).toBeGreaterThanOrEqual(2025 - 1980);
    }
  });

  test("can be read by another zip reader (fflate) with the same content", () => {
    const files = unzipSync(new Uint8Array(managedBytes));
    expect(Object.keys(files)).toEqual(managed.map((e) => e.name));
    for (const e of managed) expect(Buffer.from(files[e.name]).equals(e.data)).toBe(true);
  });

  test("pass the importer-style checks (managed 1, unmanaged 0)", () => {
    expect(validatePackage(managed, { managed: true })).toEqual([]);
    expect(validatePackage(unmanaged, { managed: false })).toEqual([]);
  });

  test("differ only in <Managed>", () => {
    expect(comparePair(managed, unmanaged)).toEqual([]);
    const differing = managed.filter((m, i) => !m.data.equals(unmanaged[i].data)).map((e) => e.name);
    expect(differing).toEqual(["solution.xml"]);
  });

  test("carry the project's publisher, names and the control under one name", () => {
    const s = readSolutionXml(text(managed, "solution.xml"));
    expect(s.uniqueName).toBe("MailboxHealth");
    expect(s.version).toBe(`${repoVersion()}.0`);
    expect(s.managed).toBe("1");
    expect(s.localizedNames).toContainEqual({ languagecode: "1033", description: "Mailbox Health" });
    expect(s.localizedNames).toContainEqual({ languagecode: "1029", description: "Stav poštovních schránek" });
    expect(s.publisher.prefix).toBe("mbxh");
    expect(s.publisher.optionValuePrefix).toBe("61482");
    expect(s.rootComponents).toEqual([{ type: "66", schemaName: CONTROL, behavior: "0", id: undefined }]);
    const c = readCustomizationsXml(text(managed, "customizations.xml"));
    expect(c.customControls).toEqual([{ name: CONTROL, fileName: `/${DIR}/ControlManifest.xml` }]);
    const m = builtManifest();
    expect([m.namespace, m.constructor, m.version]).toEqual(["MailboxHealth", "MailboxHealth", repoVersion()]);
    expect(text(managed, "[Content_Types].xml")).toContain(`<Override PartName="/${DIR}/ControlManifest.xml" ContentType="application/octet-stream" />`);
  });

  test("have a content type for every extension present", () => {
    const ct = text(managed, "[Content_Types].xml");
    const exts = new Set(managed.map((e) => e.name).filter((n) => n !== "[Content_Types].xml").map((n) => n.slice(n.lastIndexOf(".") + 1)));
    for (const ext of exts) expect(ct).toContain(`<Default Extension="${ext}" `);
  });
});

describe("broken packages fail the checks", () => {
  const broken = (entries: PackageEntry[], managedFlag = true): string[] => codes(validatePackage(entries, { managed: managedFlag }));
  /** mutate, write a real zip, read it back, validate */
  const viaZip = (entries: PackageEntry[]): string[] =>
    broken(readZip(writeZip(entries.map((e) => ({ name: e.name, data: e.data })), { date: 0x5b7c, time: 0 })));

  test.each(["solution.xml", "customizations.xml", "[Content_Types].xml"])("a missing root file: %s", (name) => {
    expect(viaZip(managed.filter((e) => e.name !== name))).toContain("ROOT_FILE_MISSING");
  });

  test("root files inside a folder", () => {
    const nested = cloneEntries(managed).map((e) => ({ ...e, name: `MailboxHealth/${e.name}` }));
    expect(viaZip(nested)).toContain("ROOT_FILE_MISSING");
  });

  test("root file names in another case", () => {
    const upper = cloneEntries(managed).map((e) => (e.name === "solution.xml" ? { ...e, name: "Solution.xml" } : e));
    expect(viaZip(upper)).toContain("ROOT_FILE_MISSING");
  });

  test.each([`Controls/MailboxHealth.MailboxHealth`, `Controls/mbxh_MailboxHealth`, `Controls/MailboxHealth`])("a wrong control folder name: %s", (folder) => {
    const moved = cloneEntries(managed).map((e) => ({ ...e, name: e.name.replace(`${DIR}/`, `${folder}/`) }));
    expect(viaZip(moved)).toContain("CONTROL_FOLDER");
  });

  test("a publisher prefix that differs from the control's", () => {
    const other = replaceText(managed, "solution.xml", (t) => t.replace("<CustomizationPrefix>mbxh<", "<CustomizationPrefix>contoso<"));
    expect(viaZip(other)).toContain("PREFIX_MISMATCH");
  });

  test("a control named with another prefix everywhere", () => {
    let renamed = cloneEntries(managed).map((e) => ({ ...e, name: e.name.replace(CONTROL, "contoso_MailboxHealth.MailboxHealth") }));
    for (const f of ["solution.xml", "customizations.xml", "[Content_Types].xml"]) {
      renamed = replaceText(renamed, f, (t) => t.split(CONTROL).join("contoso_MailboxHealth.MailboxHealth"));
    }
    expect(viaZip(renamed)).toContain("PREFIX_MISMATCH");
  });

  test("a control name that does not match its manifest", () => {
    const m = builtManifest();
    const other = replaceText(managed, `${DIR}/ControlManifest.xml`, (t) => t.replace(`namespace="${m.namespace}"`, 'namespace="Other"'));
    expect(viaZip(other)).toContain("CONTROL_NAME");
  });

  test("a name missing from one of the five places", () => {
    expect(viaZip(replaceText(managed, "solution.xml", (t) => t.replace(/<RootComponent [^>]*\/>/, "")))).toContain("ROOT_COMPONENT");
    expect(viaZip(replaceText(managed, "customizations.xml", (t) => t.replace(`<FileName>/${DIR}/ControlManifest.xml`, `<FileName>/Controls/x/ControlManifest.xml`)))).toContain("CONTROL_FILENAME");
    expect(viaZip(replaceText(managed, "[Content_Types].xml", (t) => t.replace(/<Override [^>]*\/>/, "")))).toContain("CONTENT_TYPE_OVERRIDE");
  });

  // resources as the build will list them: the input manifest's, with the code file renamed to bundle.js
  const resources = readManifest(fs.readFileSync(path.join(REPO, "MailboxHealth", "ControlManifest.Input.xml"), "utf8")).resources.map((r) =>
    r.kind === "code" ? "bundle.js" : r.path,
  );
  test.each(resources)("a missing resource: %s", (resource) => {
    expect(builtManifest().resources.map((r) => r.path)).toContain(resource);
    expect(viaZip(managed.filter((e) => e.name !== `${DIR}/${resource}`))).toContain("RESOURCE_MISSING");
  });

  test.each(["xml", "js", "resx"])("a missing content type: %s", (ext) => {
    const without = replaceText(managed, "[Content_Types].xml", (t) => t.replace(new RegExp(`<Default Extension="${ext}" [^>]*/>`), ""));
    expect(viaZip(without)).toContain("CONTENT_TYPE_MISSING");
  });

  test("a file with an extension nobody declared", () => {
    expect(viaZip([...cloneEntries(managed), { name: `${DIR}/img/icon.png`, data: Buffer.from("png") }])).toContain("CONTENT_TYPE_MISSING");
  });

  test("<Managed> wrong", () => {
    expect(broken(unmanaged, true)).toContain("MANAGED_FLAG");
    expect(broken(managed, false)).toContain("MANAGED_FLAG");
    const both = replaceText(managed, "solution.xml", (t) => t.replace("<Managed>1</Managed>", "<Managed>2</Managed>"));
    expect(viaZip(both)).toContain("MANAGED_FLAG");
    expect(codes(comparePair(managed, managed))).toContain("MANAGED_FLAG");
    expect(codes(comparePair(managed, replaceText(unmanaged, "solution.xml", (t) => t.replace("<UniqueName>MailboxHealth<", "<UniqueName>Other<"))))).toContain("PAIR_DIFFERENCE");
  });

  test("zip-level faults: directory entry, backslash, stored entry, extra field", () => {
    expect(broken([...cloneEntries(managed), { name: `${DIR}/`, data: Buffer.alloc(0) }])).toContain("ZIP_DIRECTORY_ENTRY");
    expect(broken(cloneEntries(managed).map((e) => ({ ...e, name: e.name.split("/").join("\\") })))).toContain("ZIP_BACKSLASH");
    expect(broken(cloneEntries(managed).map((e, i) => (i === 3 ? { ...e, method: 0 } : e)))).toContain("ZIP_METHOD");
    expect(broken(cloneEntries(managed).map((e, i) => (i === 3 ? { ...e, extraLength: 9 } : e)))).toContain("ZIP_EXTRA");
  });

  test("encoding: no BOM, LF line ends", () => {
    expect(viaZip(replaceText(managed, "customizations.xml", (t) => t.replace(/^\uFEFF/, "")))).toContain("FORMAT_ENCODING");
    expect(viaZip(replaceText(managed, "solution.xml", (t) => t.replace(/\r\n/g, "\n")))).toContain("FORMAT_ENCODING");
  });

  test("an invalid version or prefix inside solution.xml", () => {
    expect(viaZip(replaceText(managed, "solution.xml", (t) => t.replace(/<Version>[^<]*</, "<Version>1.0<")))).toContain("VERSION_FORMAT");
    expect(viaZip(replaceText(managed, "solution.xml", (t) => t.replace(">61482<", ">123<")))).toContain("OPTION_VALUE_PREFIX");
  });

  test("not well-formed XML", () => {
    expect(viaZip(replaceText(managed, "customizations.xml", (t) => t.replace("</CustomControls>", "</CustomControl>")))).toContain("XML_SYNTAX");
  });
});

const describeXsd = HAS_XSD ? describe : describe.skip;
describeXsd(skipReason("XSD validation (xmllint-wasm, ../shared/xsd)", HAS_XSD), () => {
  test("customizations.xml of both zips is valid against CustomizationsSolution.xsd", async () => {
    for (const entries of [managed, unmanaged]) {
      expect(await validateCustomizations(text(entries, "customizations.xml"), XSD_ROOT)).toEqual({ valid: true, errors: [] });
    }
  });

  test("solution.xml of both zips is valid against the community Solution.xsd", async () => {
    for (const entries of [managed, unmanaged]) {
      expect(await validateSolution(text(entries, "solution.xml"), XSD_ROOT)).toEqual({ valid: true, errors: [] });
    }
  });

  test("an element the schema does not know fails (<ForceUpdate> in <CustomControl>)", async () => {
    const xml = text(managed, "customizations.xml").replace("</FileName>", "</FileName>\r\n      <ForceUpdate>true</ForceUpdate>");
    const r = await validateCustomizations(xml, XSD_ROOT);
    expect(r.valid).toBe(false);
    expect(r.errors.join("\n")).toMatch(/ForceUpdate/);
  });

  test("a <CustomControl> without <Name> fails", async () => {
    const xml = text(managed, "customizations.xml").replace(/<Name>[^<]*<\/Name>/, "");
    expect((await validateCustomizations(xml, XSD_ROOT)).valid).toBe(false);
  });

  test("customizations.xml children out of order fail", async () => {
    const xml = text(managed, "customizations.xml").replace("  <Entities />\r\n", "").replace("<Languages>", "<Entities />\r\n  <Languages>");
    expect((await validateCustomizations(xml, XSD_ROOT)).valid).toBe(false);
  });

  test("solution.xml violations fail: non-numeric <Managed>, missing <UniqueName>, an unknown element", async () => {
    const xml = text(managed, "solution.xml");
    expect((await validateSolution(xml.replace("<Managed>1<", "<Managed>yes<"), XSD_ROOT)).valid).toBe(false);
    expect((await validateSolution(xml.replace(/<UniqueName>MailboxHealth<\/UniqueName>/, ""), XSD_ROOT)).valid).toBe(false);
    expect((await validateSolution(xml.replace("<MissingDependencies />", "<MissingDependencies /><Bogus />"), XSD_ROOT)).valid).toBe(false);
  });

  test("the solution description is the only schema patch: Description children are accepted, nothing else changes", async () => {
    const xml = text(managed, "solution.xml");
    expect((await validateSolution(xml.replace("<Description description=", "<Bogus description="), XSD_ROOT)).valid).toBe(false);
  });
});

const describeSamples = HAS_SAMPLES ? describe : describe.skip;
describeSamples(skipReason("byte comparison with real MSBuild output (msbuild-release-quill)", HAS_SAMPLES), () => {
  const quill = (name: string): string => fs.readFileSync(path.join(QUILL, name), "utf8").split(QUILL_CONTROL).join(CONTROL);

  test("customizations.xml equals MSBuild's, modulo the control name", () => {
    expect(text(managed, "customizations.xml")).toBe(quill("customizations.xml"));
  });

  test("[Content_Types].xml equals MSBuild's, modulo the control name and the set of extensions", () => {
    const ours = text(managed, "[Content_Types].xml");
    const defaults = /(<Default [^>]*\/>)+/;
    const theirs = quill("[Content_Types].xml");
    // same bytes outside the <Default> list
    expect(ours.replace(defaults, "<Default/>")).toBe(theirs.replace(defaults, "<Default/>"));
    // the same Default element for every extension both zips have, in the same order
    const list = (t: string): string[] => [...t.matchAll(/<Default [^>]*\/>/g)].map((m) => m[0]);
    const shared = list(theirs).filter((d) => list(ours).includes(d));
    expect(list(ours).filter((d) => list(theirs).includes(d))).toEqual(shared);
    expect(shared.slice(0, 3)).toEqual(list(theirs).slice(0, 3)); // xml, js, txt
  });

  test("solution.xml has MSBuild's structure: same element lines, values aside", () => {
    const shape = (t: string): string[] =>
      t.split("\r\n").filter((l) => !/LocalizedName |Description /.test(l)).map((l) => l.replace(/>[^<]*</g, "><").replace(/"[^"]*"/g, '""'));
    // the solution's own <Descriptions> (4 spaces in): ours has two <Description> lines, Quill's is empty
    const ours = shape(text(managed, "solution.xml")).filter((l) => !/^ {4}<\/?Descriptions>$/.test(l));
    const theirs = shape(fs.readFileSync(path.join(QUILL, "solution.xml"), "utf8")).filter((l) => !/^ {4}<Descriptions \/>$/.test(l));
    expect(ours).toEqual(theirs);
  });
});
