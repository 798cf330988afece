/**
 * Where a text stops being JSON, and what was expected there: line, column and one of a few fixed
 * expectations. Used only after JSON.parse has failed, whose own message quotes bytes of the input (a
 * fragment of a password, terminal escape sequences); this one never does.
 * Iterative (no recursion), so that deep nesting cannot overflow the stack.
 */

export type Expected =
  | "value"
  | "property-name"
  | "comma-or-brace"
  | "comma-or-bracket"
  | "colon"
  | "end"
  | "string-end"
  | "escape"
  | "string-character"
  | "digit";

/** The resx key that says what was expected. */
export const EXPECTED_KEYS: Record<Expected, string> = {
  "value": "Cli_Json_ExpectedValue",
  "property-name": "Cli_Json_ExpectedPropertyName",
  "comma-or-brace": "Cli_Json_ExpectedCommaOrBrace",
  "comma-or-bracket": "Cli_Json_ExpectedCommaOrBracket",
  "colon": "Cli_Json_ExpectedColon",
  "end": "Cli_Json_ExpectedEnd",
  "string-end": "Cli_Json_ExpectedStringEnd",
  "escape": "Cli_Json_ExpectedEscape",
  "string-character": "Cli_Json_ExpectedStringCharacter",
  "digit": "Cli_Json_ExpectedDigit",
};

export interface JsonSyntaxError {
  /** 1-based line and column (columns counted in UTF-16 code units, as editors of JSON files mostly do). */
  line: number;
  column: number;
  expected: Expected;
  /** 0-based offset into the text. */
  offset: number;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** The first syntax error of `text`, or null when it is valid JSON. */
export function findJsonError(text: string): JsonSyntaxError | null {
  let i = 0;
  const n = text.length;
  const stack: number[] = []; // 0x7b object, 0x5b array
  const fail = (expected: Expected): JsonSyntaxError => ({ ...lineColumn(text, i), expected, offset: i });
  const skip = (): void => {
    while (i < n && WS.has(text.charCodeAt(i))) i++;
  };
  const string = (): Expected | null => {
    i++; // opening quote
    for (;;) {
      if (i >= n) return "string-end";
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return null;
      }
      if (c < 0x20) return "string-character";
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === undefined) {
          i++;
          return "string-end";
        }
        if ('"\\/bfnrt'.includes(e)) i += 2;
        else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else {
          i++;
          return "escape";
        }
        continue;
      }
      i++;
    }
  };
  const digits = (): boolean => {
    const start = i;
    while (i < n && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
    return i > start;
  };
  const number = (): Expected | null => {
    if (text[i] === "-") i++;
    if (text[i] === "0") i++;
    else if (!digits()) return "digit";
    if (text[i] === ".") {
      i++;
      if (!digits()) return "digit";
    }
    if (text[i] === "e" || text[i] === "E") {
      i++;
      if (text[i] === "+" || text[i] === "-") i++;
      if (!digits()) return "digit";
    }
    return null;
  };
  /** After a value: what closes or continues the container on top of the stack. */
  let state: "value" | "after-value" | "key-or-close" | "value-or-close" = "value";
  for (;;) {
    skip();
    if (state === "value" || state === "value-or-close") {
      if (state === "value-or-close" && text[i] === "]") {
        stack.pop();
        i++;
        state = "after-value";
        continue;
      }
      const c = text[i];
      if (c === "{") {
        stack.push(0x7b);
        i++;
        state = "key-or-close";
        continue;
      }
      if (c === "[") {
        stack.push(0x5b);
        i++;
        state = "value-or-close";
        continue;
      }
      let problem: Expected | null;
      if (c === '"') problem = string();
      else if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) problem = number();
      else if (text.startsWith("true", i)) (i += 4), (problem = null);
      else if (text.startsWith("false", i)) (i += 5), (problem = null);
      else if (text.startsWith("null", i)) (i += 4), (problem = null);
      else problem = "value";
      if (problem) return fail(problem);
      state = "after-value";
      continue;
    }
    if (state === "key-or-close") {
      if (text[i] === "}") {
        stack.pop();
        i++;
        state = "after-value";
        continue;
      }
      if (text[i] !== '"') return fail("property-name");
      const problem = string();
      if (problem) return fail(problem);
      skip();
      if (text[i] !== ":") return fail("colon");
      i++;
      state = "value";
      continue;
    }
    // after-value
    const top = stack[stack.length - 1];
    if (top === undefined) return i >= n ? null : fail("end");
    const c = text[i];
    if (c === ",") {
      i++;
      if (top === 0x7b) {
        skip();
        if (text[i] !== '"') return fail("property-name");
        state = "key-or-close";
      } else state = "value";
      continue;
    }
    if ((top === 0x7b && c === "}") || (top === 0x5b && c === "]")) {
      stack.pop();
      i++;
      continue;
    }
    return fail(top === 0x7b ? "comma-or-brace" : "comma-or-bracket");
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let j = text.indexOf("\n"); j !== -1 && j < offset; j = text.indexOf("\n", j + 1)) {
    line++;
    start = j + 1;
  }
  return { line, column: offset - start + 1 };
}
