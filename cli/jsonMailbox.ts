import type { Localizer } from "../MailboxHealth/i18n/localize";
import type { EvidenceValue, Finding, Message } from "../MailboxHealth/model/finding";
import type { MailboxDiagnosis } from "./diagnoseDump";
import { findingReport, mailboxHead } from "./report";

/**
 * A mailbox of the JSON report, laid out as `JSON.stringify(report, null, 2)` lays it out at its depth in
 * the report (the mailbox at 4 spaces, its findings at 8), in UTF-8 pieces to write one after the other.
 *
 * Most findings of a run read the same for many mailboxes (a profile's checks, the checks that pass): each
 * finding's text is made once (localized, laid out, encoded) and kept, by a key that spells out everything
 * the text is made from: the finding's rule, cause, status, messages with their arguments, evidence and
 * links, and whether the mailbox has a problem (the localizer and the org URL are the same for a whole
 * run). The key is a list of numbers: each string or number of the finding by a number given to that
 * value (a Map tells strings from numbers), between markers that say what comes next, so two findings have
 * the same key only when they are the same. A finding with a value of a type a finding does not have gets
 * no key and is made as before.
 */

const MAILBOX_INDENT = "\n    ";
const KEY_INDENT = "\n      ";
const FINDING_INDENT = "\n        ";
const NESTED_HEAD = "[\n  [\n    [\n      [\n        ";
const NESTED_TAIL = "\n      ]\n    ]\n  ]\n]";
/** How many findings' texts are kept; when full, the cache starts again (common findings come back at once). */
const KEPT = 8192;
/** The kept texts are in one buffer (not one Buffer each: many small buffers are costly to collect). */
const ARENA = 8 * 1024 * 1024;
/** How many values are numbered before the cache starts again. */
const NUMBERED = 1 << 16;

// Markers (values are numbered from 0 up).
const NULL = -1;
const NO_ARGS = -2;
const ARGS = -3;
const ARG_VALUE = -4;
const ARG_MESSAGE = -5;
const TEXT = -6;
const UNKNOWN = -7;
const YES = -8;
const NO = -9;
const DATE = -10;
const OPTION = -11;

/** Thrown (never out of this module) when a finding holds a value no key is written for. */
const NO_KEY = new Error("no key");

const ARG_HOLE = -12;

interface Kept {
  key: number[];
  /** Where the parts of its text (between the holes) are in the arena: start and end of each. */
  parts: number[];
  /** Which hole comes after each part but the last. */
  order: number[];
}

/** What JSON.stringify escapes: quote, backslash, control characters, and (when lone) surrogates. */
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;
/** A text as it is within quotes in JSON (most texts have nothing to escape: as they are). */
const inner = (text: string): string => (ESCAPED.test(text) ? JSON.stringify(text).slice(1, -1) : text);
/** JSON.stringify of a text. */
const quoted = (text: string): string => (ESCAPED.test(text) ? JSON.stringify(text) : `"${text}"`);
const isSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdfff;
/**
 * Whether an argument's text can be a hole: it is put into its message as it is, and JSON escapes it the
 * same within the message as alone, unless a surrogate at its ends pairs with one next to it.
 */
const holeable = (text: string): boolean => text.length === 0 || (!isSurrogate(text.charCodeAt(0)) && !isSurrogate(text.charCodeAt(text.length - 1)));

/**
 * Texts that are shown as they are (evidence texts, and the texts of message arguments other than a
 * date's) are holes in a kept text: the key has a marker in their place, and they are filled in as the
 * text is written. While a kept text is made, each stands in as `U+0001 <run's nonce>:<n> U+0001`.
 */
class FindingKeys {
  private numbers = new Map<string | number, number>();
  private readonly key: number[] = [];
  /** The texts of the holes of the finding last keyed, in order. */
  readonly holes: string[] = [];
  private readonly nonce = Math.random().toString(36).slice(2, 10);
  /** A hole as it is in the JSON text of the finding with its holes. */
  readonly holeAt = new RegExp(`\\\\u0001${this.nonce}:(\\d+)\\\\u0001`, "g");

  private hole(n: number): string {
    return `\u0001${this.nonce}:${n}\u0001`;
  }

  /** The finding last keyed with its holes in place of their texts. */
  holed(f: Finding): Finding {
    let n = 0;
    const message = (m: Message): Message => {
      if (!m.args) return m;
      const args: Record<string, string | number | Message> = {};
      for (const [name, value] of Object.entries(m.args)) {
        args[name] = typeof value === "string" ? (m.key !== "Date" && holeable(value) ? this.hole(n++) : value) : typeof value === "number" ? value : message(value);
      }
      return { key: m.key, args };
    };
    const detail = message(f.detail);
    const evidence = f.evidence.map((e) => (typeof e.value === "string" ? { field: e.field, value: this.hole(n++) } : e));
    const fix = f.fix.map(message);
    const links = f.links.map((link) => ({ label: message(link.label), url: link.url }));
    return { rule: f.rule, cause: f.cause, status: f.status, detail, evidence, fix, links };
  }

  /** Whether the numbering is to start again (with the kept texts, whose keys it voids). */
  full(): boolean {
    return this.numbers.size >= NUMBERED;
  }

  restart(): void {
    this.numbers = new Map();
  }

  /** The finding's key (valid until the next call), or undefined. */
  of(f: Finding, anyProblem: boolean): number[] | undefined {
    const k = this.key;
    k.length = 0;
    this.holes.length = 0;
    try {
      k.push(anyProblem ? 1 : 0, this.id(f.rule), f.cause === null ? NULL : this.num(f.cause), this.str(f.status));
      this.message(f.detail);
      k.push(f.evidence.length);
      for (const e of f.evidence) {
        k.push(this.str(e.field));
        this.value(e.value);
      }
      k.push(f.fix.length);
      for (const m of f.fix) this.message(m);
      k.push(f.links.length);
      for (const link of f.links) {
        this.message(link.label);
        k.push(this.str(link.url));
      }
    } catch (e) {
      if (e === NO_KEY) return undefined;
      throw e;
    }
    return k;
  }

  private id(value: string | number): number {
    let n = this.numbers.get(value);
    if (n === undefined) this.numbers.set(value, (n = this.numbers.size));
    return n;
  }

  private str(value: unknown): number {
    if (typeof value !== "string") throw NO_KEY;
    return this.id(value);
  }

  private num(value: unknown): number {
    // -0 and 0 are one key of a Map.
    if (typeof value !== "number" || Object.is(value, -0)) throw NO_KEY;
    return this.id(value);
  }

  private message(m: Message): void {
    if (!m || typeof m !== "object") throw NO_KEY;
    this.key.push(this.str(m.key));
    const args = m.args as unknown;
    if (args === undefined) {
      this.key.push(NO_ARGS);
      return;
    }
    if (!args || typeof args !== "object") throw NO_KEY;
    const names = Object.keys(args);
    this.key.push(ARGS, names.length);
    for (const name of names) {
      const value = (args as Record<string, unknown>)[name];
      this.key.push(this.id(name));
      if (typeof value === "string" && m.key !== "Date" && holeable(value)) {
        this.key.push(ARG_HOLE);
        this.holes.push(value);
      } else if (typeof value === "string" || typeof value === "number") this.key.push(ARG_VALUE, typeof value === "number" ? this.num(value) : this.id(value));
      else {
        this.key.push(ARG_MESSAGE);
        this.message(value as Message);
      }
    }
  }

  /** The same branches as the localizer's evidenceValue. */
  private value(v: EvidenceValue): void {
    if (v === null) this.key.push(NULL);
    // A text is shown as it is, in quotes, and nowhere else: a hole in the kept text, filled in as it is written.
    else if (typeof v === "string") {
      this.key.push(TEXT);
      this.holes.push(v);
    }
    else if (!v || typeof v !== "object") throw NO_KEY;
    else if ("unknown" in v) this.key.push(UNKNOWN);
    else if ("flag" in v) this.key.push(v.flag ? YES : NO);
    else if ("date" in v) this.key.push(DATE, this.str(v.date));
    else this.key.push(OPTION, this.str(v.option), this.num(v.value));
  }
}

function hashOf(key: readonly number[]): number {
  let h = key.length;
  for (const n of key) h = (Math.imul(h, 31) + n) | 0;
  return h;
}

function same(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class MailboxJson {
  private readonly keys = new FindingKeys();
  private kept = new Map<number, Kept[]>();
  private count = 0;
  private readonly arena = Buffer.allocUnsafe(ARENA);
  private used = 0;

  constructor(private readonly l: Localizer) {}

  /**
   * The mailbox's text, `{` to `}`, in pieces: strings, and the texts of its findings in an arena that is
   * reused: the pieces are to be written out before the next call.
   */
  pieces(d: MailboxDiagnosis): (string | Buffer)[] {
    if (this.count >= KEPT || this.used > ARENA / 2 || this.keys.full()) this.forget();
    const { snapshot, findings, verdict } = d.result;
    const head = mailboxHead(d, this.l);
    let text = "{";
    for (const [key, value] of Object.entries(head)) text += `${KEY_INDENT}${quoted(key)}: ${typeof value === "string" ? quoted(value) : JSON.stringify(value)},`;
    text += `${KEY_INDENT}"findings": `;
    if (findings.length === 0) return [text + "[]" + MAILBOX_INDENT + "}"];
    const out: (string | Buffer)[] = [text + "[" + FINDING_INDENT];
    const anyProblem = verdict.problems > 0;
    for (let i = 0; i < findings.length; i++) {
      if (i > 0) out.push("," + FINDING_INDENT);
      this.finding(findings[i], anyProblem, snapshot.clientUrl, out);
    }
    out.push(KEY_INDENT + "]" + MAILBOX_INDENT + "}");
    return out;
  }

  private finding(f: Finding, anyProblem: boolean, clientUrl: string | null, out: (string | Buffer)[]): void {
    const key = this.keys.of(f, anyProblem);
    let bucket: Kept[] | undefined;
    let hash = 0;
    if (key) {
      hash = hashOf(key);
      bucket = this.kept.get(hash);
      if (bucket) {
        for (const k of bucket) {
          if (same(k.key, key)) {
            this.fill(k, this.keys.holes, out);
            return;
          }
        }
      }
    }
    const holes = key ? this.keys.holes : [];
    const report = (finding: Finding): string => {
      // Four arrays around the finding put it at its depth (8 spaces); they are cut off again.
      const nested = JSON.stringify([[[[findingReport(finding, this.l, clientUrl, anyProblem)]]]], null, 2);
      return nested.slice(NESTED_HEAD.length, nested.length - NESTED_TAIL.length);
    };
    const text = report(holes.length ? this.keys.holed(f) : f);
    const split = holes.length ? this.split(text) : { parts: [text], order: [] };
    // Kept while the arena has room, and when the holes are found as they stand; otherwise made as it is.
    if (!key || !split || this.used + 3 * text.length > ARENA) {
      out.push(holes.length ? report(f) : text);
      return;
    }
    const parts: number[] = [];
    for (const part of split.parts) {
      parts.push(this.used);
      this.used += this.arena.write(part, this.used);
      parts.push(this.used);
    }
    const kept = { key: key.slice(), parts, order: split.order };
    if (bucket) bucket.push(kept);
    else this.kept.set(hash, [kept]);
    this.count++;
    this.fill(kept, holes, out);
  }

  /**
   * The text of a finding with holes cut at them, and which hole is at each cut; undefined when the text
   * has U+0001 other than in the holes (from the data), or a hole that is not one.
   */
  private split(text: string): { parts: string[]; order: number[] } | undefined {
    const parts: string[] = [];
    const order: number[] = [];
    const holeAt = this.keys.holeAt;
    holeAt.lastIndex = 0;
    let from = 0;
    for (let m = holeAt.exec(text); m; m = holeAt.exec(text)) {
      const n = Number(m[1]);
      if (n >= this.keys.holes.length) return undefined;
      parts.push(text.slice(from, m.index));
      order.push(n);
      from = m.index + m[0].length;
    }
    parts.push(text.slice(from));
    const marks = text.split("\\u0001").length - 1;
    return marks === 2 * order.length ? { parts, order } : undefined;
  }

  /** The kept parts with the texts of the holes between them. */
  private fill(kept: Kept, holes: readonly string[], out: (string | Buffer)[]): void {
    const { parts, order } = kept;
    out.push(this.arena.subarray(parts[0], parts[1]));
    for (let i = 0; i < order.length; i++) {
      out.push(inner(holes[order[i]]));
      out.push(this.arena.subarray(parts[2 * i + 2], parts[2 * i + 3]));
    }
  }

  private forget(): void {
    this.kept = new Map();
    this.count = 0;
    this.keys.restart();
    // Texts written out are copied from the arena at once: it is reused.
    this.used = 0;
  }
}
