/**
 * XSD validation of customizations.xml and solution.xml with xmllint-wasm
 * (a devDependency, no native code). The schemas are not part of the
 * project: pass the folder that holds them (e.g. ../shared/xsd).
 *
 *   <xsdRoot>/9.0.0.2090-libxml2/CustomizationsSolution.xsd  Microsoft's set, patched for libxml2
 *   <xsdRoot>/community/Solution.xsd                          community schema for solution.xml
 */
import * as fs from "fs";
import * as nodePath from "path";

export interface XsdResult {
  valid: boolean;
  errors: string[];
}

interface XmlLint {
  validateXML(options: {
    xml: { fileName: string; contents: string };
    schema: { fileName: string; contents: string };
    preload?: { fileName: string; contents: string }[];
  }): Promise<{ valid: boolean; errors: ReadonlyArray<{ rawMessage: string }> }>;
}

function loadXmlLint(): XmlLint {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("xmllint-wasm") as XmlLint;
}

function schemaFiles(dir: string): { fileName: string; contents: string }[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".xsd"))
    .sort()
    .map((f) => ({ fileName: f, contents: fs.readFileSync(nodePath.join(dir, f), "utf8") }));
}

async function run(xml: string, fileName: string, schema: { fileName: string; contents: string }, preload: { fileName: string; contents: string }[]): Promise<XsdResult> {
  const result = await loadXmlLint().validateXML({
    xml: { fileName, contents: xml.replace(/^\uFEFF/, "") },
    schema,
    preload,
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}

export const CUSTOMIZATIONS_XSD_DIR = "9.0.0.2090-libxml2";
export const SOLUTION_XSD = nodePath.join("community", "Solution.xsd");

/** customizations.xml against Microsoft's CustomizationsSolution.xsd (libxml2-compatible copy). */
export async function validateCustomizations(xml: string, xsdRoot: string): Promise<XsdResult> {
  const files = schemaFiles(nodePath.join(xsdRoot, CUSTOMIZATIONS_XSD_DIR));
  const main = files.find((f) => f.fileName === "CustomizationsSolution.xsd");
  if (!main) throw new Error(`CustomizationsSolution.xsd not found in ${nodePath.join(xsdRoot, CUSTOMIZATIONS_XSD_DIR)}`);
  return run(xml, "customizations.xml", main, files.filter((f) => f !== main));
}

/**
 * The community Solution.xsd declares the solution's <Descriptions> as a plain
 * string, so it rejects the <Description description=".." languagecode=".."/>
 * children that Dataverse writes when a solution has a description. This
 * gives that element the same content model the schema already uses for the
 * publisher's <Descriptions>. Applied in memory only.
 */
export function patchSolutionSchema(xsd: string): string {
  const simple = '<xs:element type="xs:string" name="Descriptions"/>';
  if (!xsd.includes(simple)) return xsd;
  const complex =
    '<xs:element name="Descriptions"><xs:complexType><xs:sequence>' +
    '<xs:element name="Description" maxOccurs="unbounded" minOccurs="0"><xs:complexType><xs:simpleContent>' +
    '<xs:extension base="xs:string">' +
    '<xs:attribute type="xs:string" name="description" use="optional"/>' +
    '<xs:attribute type="xs:nonNegativeInteger" name="languagecode" use="optional"/>' +
    "</xs:extension></xs:simpleContent></xs:complexType></xs:element>" +
    "</xs:sequence></xs:complexType></xs:element>";
  return xsd.replace(simple, complex);
}

/** solution.xml against the community Solution.xsd (patched in memory, see patchSolutionSchema). */
export async function validateSolution(xml: string, xsdRoot: string): Promise<XsdResult> {
  const file = nodePath.join(xsdRoot, SOLUTION_XSD);
  const contents = patchSolutionSchema(fs.readFileSync(file, "utf8"));
  return run(xml, "solution.xml", { fileName: "Solution.xsd", contents }, []);
}
