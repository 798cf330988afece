import { readFileSync } from "fs";

/**
 * A small reader for .resx files: the `<data name="…"><value>…</value></data>` entries, with XML
 * entities decoded. The command line reads the control's own resx files with it at run time, so both
 * show the same texts.
 */

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === "#") {
      const code = entity[1] === "x" || entity[1] === "X" ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[entity] ?? whole;
  });
}

function textOf(inner: string): string {
  // CDATA sections are taken as they are; the rest is character data with entities.
  let out = "";
  const cdata = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
  let last = 0;
  for (let m = cdata.exec(inner); m; m = cdata.exec(inner)) {
    out += decodeXml(inner.slice(last, m.index)) + m[1];
    last = m.index + m[0].length;
  }
  return out + decodeXml(inner.slice(last));
}

function attribute(attributes: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(attributes);
  return m ? decodeXml(m[2] ?? m[3]) : undefined;
}

/** The strings of a resx document, by name. Comments and resheaders are skipped. */
export function parseResx(xml: string): Map<string, string> {
  const strings = new Map<string, string>();
  const withoutComments = xml.replace(/<!--[\s\S]*?-->/g, "");
  const data = /<data\b([^>]*?)(?:\/>|>([\s\S]*?)<\/data\s*>)/g;
  for (let m = data.exec(withoutComments); m; m = data.exec(withoutComments)) {
    const name = attribute(m[1], "name");
    if (name === undefined) continue;
    const body = m[2] ?? "";
    const value = /<value\s*>([\s\S]*?)<\/value\s*>/.exec(body);
    strings.set(name, value ? textOf(value[1]) : "");
  }
  return strings;
}

export function readResx(path: string): Map<string, string> {
  return parseResx(readFileSync(path, "utf8"));
}
