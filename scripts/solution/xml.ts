/**
 * A small, strict XML reader: enough for solution.xml, customizations.xml,
 * [Content_Types].xml and ControlManifest.xml. It checks well-formedness
 * (matching tags, one root, quoted attributes, known entities) and keeps
 * elements, attributes and text. No DTDs, no namespace processing.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data directly inside this element. */
  text: string;
}

export class XmlSyntaxError extends Error {
  constructor(message: string, offset: number, source: string) {
    const before = source.slice(0, offset);
    const line = before.split("\n").length;
    super(`${message} (line ${line})`);
    this.name = "XmlSyntaxError";
  }
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;

function decodeEntities(raw: string, offset: number, source: string): string {
  return raw.replace(/&([^;&\s]*);?/g, (match, body: string) => {
    if (!match.endsWith(";")) throw new XmlSyntaxError(`Unterminated entity "${match}"`, offset, source);
    switch (body) {
      case "lt": return "<";
      case "gt": return ">";
      case "amp": return "&";
      case "quot": return "\"";
      case "apos": return "'";
      default: {
        const m = /^#(x[0-9A-Fa-f]+|[0-9]+)$/.exec(body);
        if (!m) throw new XmlSyntaxError(`Unknown entity "&${body};"`, offset, source);
        const code = m[1].startsWith("x") ? parseInt(m[1].slice(1), 16) : parseInt(m[1], 10);
        return String.fromCodePoint(code);
      }
    }
  });
}

/** Parses a whole document and returns its root element. A leading BOM is allowed. */
export function parseXml(input: string): XmlElement {
  const src = input.startsWith("\uFEFF") ? input.slice(1) : input;
  let pos = 0;
  let root: XmlElement | undefined;
  const stack: XmlElement[] = [];

  const fail = (message: string): never => {
    throw new XmlSyntaxError(message, pos, src);
  };

  while (pos < src.length) {
    const lt = src.indexOf("<", pos);
    const textEnd = lt === -1 ? src.length : lt;
    if (textEnd > pos) {
      const raw = src.slice(pos, textEnd);
      if (stack.length === 0) {
        if (raw.trim() !== "") fail("Text outside the root element");
      } else {
        if (raw.includes("]]>")) fail("\"]]>\" in text");
        stack[stack.length - 1].text += decodeEntities(raw, pos, src);
      }
      pos = textEnd;
      continue;
    }
    if (src.startsWith("<?", pos)) {
      const end = src.indexOf("?>", pos);
      if (end === -1) fail("Unterminated processing instruction");
      if (src.startsWith("<?xml", pos) && /\s/.test(src.charAt(pos + 5)) && pos !== 0) {
        fail("XML declaration not at the start of the document");
      }
      pos = end + 2;
    } else if (src.startsWith("<!--", pos)) {
      const end = src.indexOf("-->", pos + 4);
      if (end === -1) fail("Unterminated comment");
      pos = end + 3;
    } else if (src.startsWith("<![CDATA[", pos)) {
      const end = src.indexOf("]]>", pos);
      if (end === -1) fail("Unterminated CDATA section");
      if (stack.length === 0) fail("CDATA outside the root element");
      stack[stack.length - 1].text += src.slice(pos + 9, end);
      pos = end + 3;
    } else if (src.startsWith("<!", pos)) {
      fail("DOCTYPE and other declarations are not supported");
    } else if (src.startsWith("</", pos)) {
      pos += 2;
      const m = NAME.exec(src.slice(pos));
      if (!m) fail("Bad closing tag");
      const name = m![0];
      pos += name.length;
      while (/\s/.test(src.charAt(pos))) pos++;
      if (src.charAt(pos) !== ">") fail(`Bad closing tag </${name}`);
      pos++;
      const open = stack.pop();
      if (!open) fail(`Closing tag </${name}> without an opening tag`);
      if (open!.name !== name) fail(`Closing tag </${name}> does not match <${open!.name}>`);
    } else {
      pos += 1;
      const m = NAME.exec(src.slice(pos));
      if (!m) fail("Bad opening tag");
      const el: XmlElement = { name: m![0], attrs: Object.create(null) as Record<string, string>, children: [], text: "" };
      pos += el.name.length;
      let selfClosing = false;
      for (;;) {
        const ws = /^\s*/.exec(src.slice(pos))![0].length;
        pos += ws;
        const c = src.charAt(pos);
        if (c === ">") { pos++; break; }
        if (c === "/" && src.charAt(pos + 1) === ">") { pos += 2; selfClosing = true; break; }
        if (c === "") fail(`Unterminated tag <${el.name}`);
        if (ws === 0) fail(`Missing white space between attributes in <${el.name}>`);
        const an = NAME.exec(src.slice(pos));
        if (!an) fail(`Bad attribute in <${el.name}>`);
        const attrName = an![0];
        pos += attrName.length;
        const eq = /^\s*=\s*/.exec(src.slice(pos));
        if (!eq) fail(`Attribute ${attrName} in <${el.name}> has no value`);
        pos += eq![0].length;
        const quote = src.charAt(pos);
        if (quote !== "\"" && quote !== "'") fail(`Attribute ${attrName} in <${el.name}> is not quoted`);
        const close = src.indexOf(quote, pos + 1);
        if (close === -1) fail(`Unterminated attribute ${attrName} in <${el.name}>`);
        const rawValue = src.slice(pos + 1, close);
        if (rawValue.includes("<")) fail(`"<" in attribute ${attrName} of <${el.name}>`);
        if (attrName in el.attrs) fail(`Duplicate attribute ${attrName} in <${el.name}>`);
        el.attrs[attrName] = decodeEntities(rawValue, pos, src);
        pos = close + 1;
      }
      if (stack.length === 0) {
        if (root) fail(`Second root element <${el.name}>`);
        root = el;
      } else {
        stack[stack.length - 1].children.push(el);
      }
      if (!selfClosing) stack.push(el);
    }
  }
  if (stack.length > 0) fail(`Element <${stack[stack.length - 1].name}> is not closed`);
  if (!root) fail("No root element");
  return root!;
}

/** An attribute value, never an inherited Object property ("constructor"). */
export function attr(el: XmlElement, name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(el.attrs, name) ? el.attrs[name] : undefined;
}

export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

export function children(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

/** Follows a path of child names; undefined when any step is missing. */
export function path(el: XmlElement, ...names: string[]): XmlElement | undefined {
  let cur: XmlElement | undefined = el;
  for (const n of names) {
    if (!cur) return undefined;
    cur = child(cur, n);
  }
  return cur;
}

export function escapeXml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}
