/** @jest-environment node */
/**
 * A dump larger than V8's longest string (about 512 MB of text) is read value by value, never as one
 * string. The size that switches to it is a parameter, so the same reader is tested here on small dumps:
 * the same dump, and the same located errors, as the one-string reader.
 */
import { parseDump, parseDumpBytes } from "../../cli/dump";
import { CliError } from "../../cli/errors";
import { localizerFor } from "../../cli/strings";
import { LargeJsonError, parseLargeJsonObject } from "../../cli/largeJson";
import { demoDump } from "./helpers";

const message = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof CliError) return localizerFor("en").message(e.text);
    throw e;
  }
  return "no error";
};

describe("reading a dump value by value", () => {
  it("reads the same dump as the one-string reader", () => {
    for (const text of [JSON.stringify(demoDump()), JSON.stringify(demoDump(), null, 2), '{ "mailboxes" : [ ] , "x": {"a":[1,"]}"]}, "n": -1.5e3 }']) {
      expect(parseDumpBytes(Buffer.from(text), "d.json", 0)).toEqual(parseDump(text, "d.json"));
    }
  });

  it('keeps a top-level "__proto__" key as a property, as JSON.parse does, not as the prototype', () => {
    const text = '{ "mailboxes": [], "__proto__": { "polluted": true }, "constructor": [1] }';
    const large = parseDumpBytes(Buffer.from(text), "d.json", 0) as unknown as Record<string, unknown>;
    expect(Object.getPrototypeOf(large)).toBe(Object.prototype);
    expect((large as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(large, "__proto__")).toBe(true);
    expect(large).toEqual(parseDump(text, "d.json"));
  });

  it.each([
    ['{\n  "mailboxes": [\n    { "mailboxid": "a", "password": SECRET }\n  ]\n}'],
    ['{ "mailboxes": [ {"mailboxid": "a"} {"mailboxid": "b"} ] }'],
    ['{ "mailboxes": [ {"mailboxid": "a"}, ] }'],
    ['{ "mailboxes": [], }'],
    ['{ "mailboxes": [] } x'],
    ['{ "mailboxes": [ "\u0007" ] }'],
    ['{ "mailboxes": [ {"name": "unterminated'],
    ["[]"],
    [""],
  ])("locates the error in %j like the one-string reader, without quoting it", (text) => {
    const large = message(() => parseDumpBytes(Buffer.from(text), "d.json", 0));
    const small = message(() => parseDump(text, "d.json"));
    expect(large).toBe(small);
    expect(large).not.toContain("SECRET");
  });
});

describe("reading a table's rows in chunks", () => {
  // Rows with the bytes that look like the end of a row inside strings and nested arrays and objects.
  const rows = [
    { mailboxid: "a", name: "},{", note: "} , {", x: [{ a: 1 }, { b: "]" }] },
    { mailboxid: "b", name: 'quote \\" },{ "', nested: { list: [{}, {}], empty: [] } },
    { mailboxid: "c", name: "é ü 漢字 😀 }]", n: -1.5e3 },
    { mailboxid: "d", deep: [[[{ a: [{ b: "}, {" }] }]]] },
    { mailboxid: "e" },
  ];
  const texts = [
    JSON.stringify({ mailboxes: rows, tracelogs: rows, after: { a: [1, 2] } }),
    JSON.stringify({ mailboxes: rows, tracelogs: [...rows, ...rows] }, null, 2),
    '{ "mailboxes" : [ {"a":1} ,\n {"b":"},{"} , 7, "x", [1], {"c":[{"d":2}]} ] , "t": [ {} ] }',
  ];

  it("gives the rows JSON.parse gives, whatever the size of a chunk", () => {
    for (const text of texts) {
      for (const size of [1, 2, 5, 10, 20, 40, 80, 160, 1000, 100_000]) {
        expect(parseLargeJsonObject(Buffer.from(text), 0, size)).toEqual(JSON.parse(text));
      }
    }
  });

  it.each([
    ['{ "mailboxes": [ {"a":1}, {"b":2} {"c":3}, {"d":4} ] }'],
    ['{ "mailboxes": [ {"a":1}, {"b":2}, {"c":3}, ] }'],
    ['{ "mailboxes": [ {"a":1}, {"b":"x}, {"}, {"c":3} }'],
    ['{ "mailboxes": [ {"a":1}, {"b":2}, {"c":3} ], }'],
    ['{ "mailboxes": [ {"a":1}, {"b":2}, {"c":3} ] } x'],
  ])("locates the error in %j, whatever the size of a chunk", (text) => {
    const expected = message(() => parseDump(text, "d.json"));
    for (const size of [1, 3, 10, 20, 1000]) {
      let error: unknown;
      try {
        parseLargeJsonObject(Buffer.from(text), 0, size);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(LargeJsonError);
      expect(message(() => parseDumpBytes(Buffer.from(text), "d.json", 0))).toBe(expected);
      expect((error as LargeJsonError).error).toEqual((() => {
        try {
          // Chunks of 0 bytes: every row on its own.
          parseLargeJsonObject(Buffer.from(text), 0, 0);
        } catch (e) {
          return (e as LargeJsonError).error;
        }
        return undefined;
      })());
    }
  });
});
