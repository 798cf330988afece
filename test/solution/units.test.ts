/**
 * @jest-environment node
 */
/* Unit tests of the solution packer: XML reader, zip writer, naming and version rules, the root files. */
import * as fs from "fs";
import * as path from "path";
import { unzipSync } from "fflate";
import {
  buildContentTypesXml,
  buildCustomizationsXml,
  buildSolutionXml,
  listControlFiles,
  msbuildText,
} from "../../scripts/solution/content";
import { SolutionError } from "../../scripts/solution/errors";
import {
  checkOptionValuePrefix,
  checkPublisherPrefix,
  controlComponentName,
  parseVersion,
  solutionVersionFor,
} from "../../scripts/solution/rules";
import { readManifest, readSolutionXml, setManifestVersion, setSolutionVersion } from "../../scripts/solution/source";
import { nextVersion } from "../../scripts/solution/version";
import { parseXml } from "../../scripts/solution/xml";
import { crc32, dosDateTime, readZip, writeZip } from "../../scripts/solution/zip";
import { checkBuildOutput } from "../../scripts/solution/pack";
import { HAS_SAMPLES, QUILL, QUILL_CONTROL, REPO, skipReason, tempDir } from "./helpers";

const SOLUTION_TEMPLATE = fs.readFileSync(path.join(REPO, "Solution", "src", "Other", "Solution.xml"), "utf8");
const CUSTOMIZATIONS_TEMPLATE = fs.readFileSync(path.join(REPO, "Solution", "src", "Other", "Customizations.xml"), "utf8");

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof SolutionError) return e.code;
    throw e;
  }
  return undefined;
}

describe("XML reader", () => {
  test("reads elements, attributes, text, entities, comments and a BOM", () => {
    const root = parseXml('\uFEFF<?xml version="1.0"?>\r\n<a x="1 &amp; 2"><!-- c --><b>t&lt;u&#x41;</b><c/></a>');
    expect(root.name).toBe("a");
    expect(root.attrs.x).toBe("1 & 2");
    expect(root.children.map((c) => c.name)).toEqual(["b", "c"]);
    expect(root.children[0].text).toBe("t<uA");
  });

  test.each([
    ["<a><b></a>", /does not match/],
    ["<a>", /not closed/],
    ["<a/><b/>", /Second root/],
    ['<a x="1" x="2"/>', /Duplicate attribute/],
    ["<a x=1/>", /not quoted/],
    ["<a>&nbsp;</a>", /Unknown entity/],
    ["", /No root/],
  ])("refuses %s", (xml, message) => {
    expect(() => parseXml(xml)).toThrow(message);
  });

  test("does not mistake Object properties for attributes", () => {
    const m = readManifest('<manifest><control namespace="N" version="1.0.0"><resources/></control></manifest>');
    expect(m.constructor).toBe("");
  });
});

describe("zip writer", () => {
  const when = dosDateTime(new Date(2026, 10, 28, 19, 33, 10));
  const zip = writeZip(
    [
      { name: "customizations.xml", data: Buffer.from("<a/>") },
      { name: "Controls/x_N.C/strings/N.1029.resx", data: Buffer.from("Stav poštovních schránek") },
      { name: "[Content_Types].xml", data: Buffer.alloc(0) },
    ],
    when,
  );

  test("writes deflate entries without directory entries or extra fields, made by MS-DOS 2.0", () => {
    const entries = readZip(zip);
    expect(entries.map((e) => e.name)).toEqual(["customizations.xml", "Controls/x_N.C/strings/N.1029.resx", "[Content_Types].xml"]);
    for (const e of entries) {
      expect(e.method).toBe(8);
      expect(e.versionMadeBy).toBe(20);
      expect(e.versionNeeded).toBe(20);
      expect(e.flags & 0x0008).toBe(0); // no data descriptor
      expect(e.flags & 0x0006).toBe(0); // normal deflate
      expect(e.extraLength).toBe(0);
      expect(e.externalAttributes).toBe(0);
      expect(e.dosDate).toBe(when.date);
      expect(e.dosTime).toBe(when.time);
    }
    expect(entries[1].data.toString("utf8")).toBe("Stav poštovních schránek");
  });

  test("DOS timestamp fields", () => {
    expect(when.date).toBe(((2026 - 1980) << 9) | (11 << 5) | 28);
    expect(when.time).toBe((19 << 11) | (33 << 5) | 5);
  });

  test("another zip reader (fflate) reads the same content", () => {
    const files = unzipSync(new Uint8Array(zip));
    expect(Object.keys(files)).toEqual(["customizations.xml", "Controls/x_N.C/strings/N.1029.resx", "[Content_Types].xml"]);
    expect(Buffer.from(files["customizations.xml"]).toString()).toBe("<a/>");
  });

  test("CRC-32 matches the standard check value", () => {
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
  });

  test.each(["Controls/", "Controls\\x\\a.js", "/solution.xml", "a/../b.xml"])("refuses the entry name %s", (name) => {
    expect(codeOf(() => writeZip([{ name, data: Buffer.from("x") }], when))).toBe("ZIP");
  });

  test("refuses duplicate names", () => {
    const e = { name: "a.xml", data: Buffer.from("x") };
    expect(() => writeZip([e, e], when)).toThrow(/Duplicate/);
  });

  test("detects a corrupted entry", () => {
    const broken = Buffer.from(zip);
    const i = broken.indexOf(Buffer.from("customizations.xml")) + "customizations.xml".length;
    broken[i] ^= 0xff;
    expect(() => readZip(broken)).toThrow();
  });
});

describe("naming rules", () => {
  test.each(["mbxh", "ab", "contoso1", "abcdefgh"])("accepts the publisher prefix %s", (p) => {
    expect(codeOf(() => checkPublisherPrefix(p))).toBeUndefined();
  });
  test.each(["a", "abcdefghi", "1abc", "ab_c", "ab-c", "mscrmx", "Mbxh", ""])("refuses the publisher prefix %s", (p) => {
    expect(codeOf(() => checkPublisherPrefix(p))).toBe("PUBLISHER_PREFIX");
  });
  test.each(["10000", "61482", "99999"])("accepts the option-value prefix %s", (v) => {
    expect(codeOf(() => checkOptionValuePrefix(v))).toBeUndefined();
  });
  test.each(["9999", "100000", "6148a", "", "-61482", "61482.0"])("refuses the option-value prefix %s", (v) => {
    expect(codeOf(() => checkOptionValuePrefix(v))).toBe("OPTION_VALUE_PREFIX");
  });
  test("control component name is prefix_namespace.constructor", () => {
    expect(controlComponentName("mbxh", "MailboxHealth", "MailboxHealth")).toBe("mbxh_MailboxHealth.MailboxHealth");
    expect(controlComponentName("raw", "RAW.ColorPicker", "ColorPicker")).toBe("raw_RAW.ColorPicker.ColorPicker");
    expect(codeOf(() => controlComponentName("mbxh", "Mailbox..Health", "X"))).toBe("CONTROL_NAME");
    expect(codeOf(() => controlComponentName("mbxh", "MailboxHealth", "1X"))).toBe("CONTROL_NAME");
  });
});

describe("version rules", () => {
  test("parses MAJOR.MINOR.PATCH and MAJOR.MINOR.BUILD.REVISION", () => {
    expect(parseVersion("1.2.3", 3, "t")).toEqual([1, 2, 3]);
    expect(parseVersion("1.2.3.0", 4, "t")).toEqual([1, 2, 3, 0]);
    expect(solutionVersionFor("0.1.7")).toBe("0.1.7.0");
  });
  test.each([
    ["1.2", 3],
    ["1.2.x", 3],
    ["1..3", 3],
    ["1.2.3-beta", 3],
    ["", 3],
    [undefined, 3],
    ["1.2.3", 4],
    ["1.2.3.4.5", 4],
    ["1.2.3.4294967296", 4],
  ] as const)("refuses %s as a %i-part version", (v, parts) => {
    expect(codeOf(() => parseVersion(v, parts, "t"))).toBe("VERSION_FORMAT");
  });
  test("bumps raise the version; an explicit version must be higher", () => {
    expect(nextVersion("0.1.9", "patch")).toBe("0.1.10");
    expect(nextVersion("0.1.9", "minor")).toBe("0.2.0");
    expect(nextVersion("0.1.9", "major")).toBe("1.0.0");
    expect(nextVersion("0.1.9", "0.1.10")).toBe("0.1.10");
    expect(codeOf(() => nextVersion("0.1.9", "0.1.9"))).toBe("VERSION_NOT_HIGHER");
    expect(codeOf(() => nextVersion("0.1.9", "0.1.8"))).toBe("VERSION_NOT_HIGHER");
    expect(codeOf(() => nextVersion("0.1.9", "banana"))).toBe("VERSION_FORMAT");
  });
  test("stamping changes only the version", () => {
    const manifest = '<manifest>\n  <control namespace="N" constructor="C" version="0.1.0" api-version="1.3.18">\n';
    expect(setManifestVersion(manifest, "0.1.1")).toBe(manifest.replace('version="0.1.0"', 'version="0.1.1"'));
    const stamped = setSolutionVersion(SOLUTION_TEMPLATE, "9.8.7.0");
    expect(readSolutionXml(stamped).version).toBe("9.8.7.0");
    expect(stamped.replace("<Version>9.8.7.0</Version>", "")).toBe(SOLUTION_TEMPLATE.replace(/<Version>[^<]*<\/Version>/, ""));
  });
});

describe("build result", () => {
  test("a build succeeded only when pcf-scripts printed [build] Succeeded", () => {
    expect(codeOf(() => checkBuildOutput(0, "[7:29:30 PM] [build] Succeeded\n"))).toBeUndefined();
    expect(codeOf(() => checkBuildOutput(0, "\u001b[32m[build] Succeeded\u001b[0m"))).toBeUndefined();
    expect(codeOf(() => checkBuildOutput(0, "[build] Failed: [pcf-1065] ESLint validation error"))).toBe("BUILD_FAILED");
    expect(codeOf(() => checkBuildOutput(0, ""))).toBe("BUILD_FAILED");
    expect(codeOf(() => checkBuildOutput(1, "[build] Succeeded"))).toBe("BUILD_FAILED");
    expect(codeOf(() => checkBuildOutput(null, "[build] Succeeded"))).toBe("BUILD_FAILED");
  });
});

describe("root files", () => {
  test("msbuildText writes a BOM, CRLF and no trailing line break", () => {
    expect(msbuildText("<a>\n  <b />\n</a>\n")).toBe("\uFEFF<a>\r\n  <b />\r\n</a>");
    expect(msbuildText("\uFEFF<a>\r\n</a>")).toBe("\uFEFF<a>\r\n</a>");
  });

  test("the solution template is pac's: Managed 2 (both), empty RootComponents, BOM, CRLF", () => {
    expect(SOLUTION_TEMPLATE.startsWith('\uFEFF<?xml version="1.0" encoding="utf-8"?>\r\n')).toBe(true);
    expect(SOLUTION_TEMPLATE).not.toMatch(/(^|[^\r])\n/);
    const info = readSolutionXml(SOLUTION_TEMPLATE);
    expect(info.managed).toBe("2");
    expect(info.rootComponents).toEqual([]);
    expect(CUSTOMIZATIONS_TEMPLATE).toMatch(/<CustomControls \/>/);
  });

  test("the project's facts live in Solution.xml", () => {
    const info = readSolutionXml(SOLUTION_TEMPLATE);
    expect(info.uniqueName).toBe("MailboxHealth");
    expect(info.localizedNames).toEqual([
      { languagecode: "1033", description: "Mailbox Health" },
      { languagecode: "1029", description: "Stav poštovních schránek" },
    ]);
    expect(info.descriptions.map((d) => d.languagecode)).toEqual(["1033", "1029"]);
    expect(info.descriptions[0].description).toMatch(/server-side synchronization 401 .*Mailbox form/);
    expect(info.publisher).toEqual({
      uniqueName: "MailboxHealth",
      localizedNames: [{ languagecode: "1033", description: "MailboxHealth" }],
      prefix: "mbxh",
      optionValuePrefix: "61482",
    });
  });

  test("solution.xml: Managed set, root component added, everything else as in the template", () => {
    const managed = buildSolutionXml(SOLUTION_TEMPLATE, true, ["mbxh_N.C"]);
    const unmanaged = buildSolutionXml(SOLUTION_TEMPLATE, false, ["mbxh_N.C"]);
    expect(readSolutionXml(managed).managed).toBe("1");
    expect(readSolutionXml(unmanaged).managed).toBe("0");
    expect(managed.replace("<Managed>1</Managed>", "<Managed>0</Managed>")).toBe(unmanaged);
    expect(managed).toContain('    <RootComponents>\r\n      <RootComponent type="66" schemaName="mbxh_N.C" behavior="0" />\r\n    </RootComponents>\r\n');
    const back = managed
      .replace("<Managed>1</Managed>", "<Managed>2</Managed>")
      .replace(/<RootComponents>[\s\S]*<\/RootComponents>/, "<RootComponents />");
    expect(back).toBe(SOLUTION_TEMPLATE);
  });

  test("[Content_Types].xml: a Default per extension in order of first use, an Override per manifest", () => {
    const xml = buildContentTypesXml(
      ["customizations.xml", "solution.xml", "Controls/p_N.C/ControlManifest.xml", "Controls/p_N.C/bundle.js", "Controls/p_N.C/img/a.PNG", "Controls/p_N.C/b.png", "Controls/p_N.C/LICENSE", "[Content_Types].xml"],
      ["p_N.C"],
    );
    expect(xml).toBe(
      '\uFEFF<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="xml" ContentType="text/xml" /><Default Extension="js" ContentType="application/octet-stream" />' +
        '<Default Extension="PNG" ContentType="application/octet-stream" />' +
        '<Override PartName="/Controls/p_N.C/ControlManifest.xml" ContentType="application/octet-stream" />' +
        '<Override PartName="/Controls/p_N.C/LICENSE" ContentType="application/octet-stream" /></Types>',
    );
  });

  test("control files are listed as MSBuild adds them: files first (ordinal), then subfolders", () => {
    const dir = tempDir("list");
    for (const f of ["bundle.js", "ControlManifest.xml", "quill.snow.css", "css/b.css", "css/A.css", "strings/x.1033.resx"]) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), "x");
    }
    expect(listControlFiles(dir)).toEqual(["ControlManifest.xml", "bundle.js", "quill.snow.css", "css/A.css", "css/b.css", "strings/x.1033.resx"]);
  });

  test("customizations.xml lists the control with its manifest path", () => {
    const xml = buildCustomizationsXml(CUSTOMIZATIONS_TEMPLATE, ["mbxh_N.C"]);
    expect(xml).toContain(
      "  <CustomControls>\r\n    <CustomControl>\r\n      <Name>mbxh_N.C</Name>\r\n      <FileName>/Controls/mbxh_N.C/ControlManifest.xml</FileName>\r\n    </CustomControl>\r\n  </CustomControls>\r\n",
    );
  });

  const describeSamples = HAS_SAMPLES ? describe : describe.skip;
  describeSamples(skipReason("byte for byte equal to real MSBuild output (msbuild-release-quill)", HAS_SAMPLES), () => {
    test("customizations.xml from our template with the Quill control name", () => {
      const expected = fs.readFileSync(path.join(QUILL, "customizations.xml"));
      expect(Buffer.from(buildCustomizationsXml(CUSTOMIZATIONS_TEMPLATE, [QUILL_CONTROL]), "utf8").equals(expected)).toBe(true);
    });
    test("[Content_Types].xml for the Quill zip's entry list", () => {
      const c = `Controls/${QUILL_CONTROL}`;
      const names = ["customizations.xml", "solution.xml", `${c}/ControlManifest.xml`, `${c}/bundle.js`, `${c}/bundle.js.LICENSE.txt`, `${c}/quill.snow.css`, `${c}/css/CustomRichTextField.css`, `${c}/css/FluentQuill.css`, "[Content_Types].xml"];
      const expected = fs.readFileSync(path.join(QUILL, "[Content_Types].xml"));
      expect(Buffer.from(buildContentTypesXml(names, [QUILL_CONTROL]), "utf8").equals(expected)).toBe(true);
    });
    test("solution.xml from a template with the Quill values", () => {
      const quill = fs.readFileSync(path.join(QUILL, "solution.xml"), "utf8");
      const template = SOLUTION_TEMPLATE
        .replace(/<UniqueName>MailboxHealth<\/UniqueName>/, "<UniqueName>QuillRichTextField</UniqueName>")
        .replace(/      <LocalizedName description="Mailbox Health" languagecode="1033" \/>\r\n.*\r\n/, '      <LocalizedName description="QuillRichTextField" languagecode="1033" />\r\n')
        .replace(/<Descriptions>\r\n      <Description[\s\S]*?<\/Descriptions>/, "<Descriptions />")
        .replace(/<Version>[^<]*<\/Version>/, "<Version>1.0.2</Version>")
        .replace(/MailboxHealth/g, "PowerbuildersLab")
        .replace("<CustomizationPrefix>mbxh<", "<CustomizationPrefix>pblab<")
        .replace(">61482<", ">27568<");
      expect(buildSolutionXml(template, true, [QUILL_CONTROL])).toBe(quill);
    });
  });
});

describe("Solution/ as pac solution init + add-reference leave it", () => {
  const dir = path.join(REPO, "Solution");
  const cdsproj = fs.readFileSync(path.join(dir, "Solution.cdsproj"), "utf8");

  test("the .cdsproj references the control project and packs both types from src/", () => {
    expect(cdsproj.startsWith('\uFEFF<?xml version="1.0" encoding="utf-8"?>\r\n<Project ToolsVersion="15.0" DefaultTargets="Build"')).toBe(true);
    const project = parseXml(cdsproj);
    const refs = project.children.flatMap((g) => g.children).filter((c) => c.name === "ProjectReference");
    expect(refs.map((r) => r.attrs.Include)).toEqual(["..\\MailboxHealth.pcfproj"]);
    expect(fs.existsSync(path.resolve(dir, "..", "MailboxHealth.pcfproj"))).toBe(true);
    const props = Object.fromEntries(project.children.filter((g) => g.name === "PropertyGroup").flatMap((g) => g.children).map((c) => [c.name, c.text]));
    expect(props).toMatchObject({ SolutionRootPath: "src", SolutionPackageType: "Both", TargetFramework: "net462" });
    expect(props.ProjectGuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const packages = project.children.flatMap((g) => g.children).filter((c) => c.name === "PackageReference").map((c) => c.attrs.Include);
    expect(packages).toEqual(["Microsoft.PowerApps.MSBuild.Solution", "Microsoft.NETFramework.ReferenceAssemblies"]);
  });

  test("src/Other holds Solution.xml, Customizations.xml, Relationships.xml; bin and obj are ignored", () => {
    for (const f of ["Solution.xml", "Customizations.xml", "Relationships.xml"]) {
      expect(fs.readFileSync(path.join(dir, "src", "Other", f), "utf8").startsWith('\uFEFF<?xml version="1.0" encoding="utf-8"?>\r\n')).toBe(true);
    }
    expect(parseXml(fs.readFileSync(path.join(dir, "src", "Other", "Relationships.xml"), "utf8")).name).toBe("EntityRelationships");
    expect(fs.readFileSync(path.join(dir, ".gitignore"), "utf8").split("\n")).toEqual(expect.arrayContaining(["/bin", "/obj"]));
  });
});
