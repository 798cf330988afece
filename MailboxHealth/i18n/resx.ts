/** Reads the `<data name="…"><value>…</value></data>` entries of a .resx file (no DOM needed). */
export function parseResx(xml: string): Record<string, string> {
  const strings: Record<string, string> = {};
  const entry = /<data\s+[^>]*?name="([^"]+)"[^>]*>\s*<value>([\s\S]*?)<\/value>/g;
  let m: RegExpExecArray | null;
  while ((m = entry.exec(xml)) !== null) strings[decodeXml(m[1])] = decodeXml(m[2]);
  return strings;
}

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (whole, name: string) => {
    switch (name.toLowerCase()) {
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "quot":
        return '"';
      case "apos":
        return "'";
      case "amp":
        return "&";
    }
    const code = name[1].toLowerCase() === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
  });
}
