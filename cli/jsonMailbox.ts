import type { Localizer } from "../MailboxHealth/i18n/localize";
import type { EvidenceValue, Finding, Message } from "../MailboxHealth/model/finding";
import type { MailboxDiagnosis } from "./diagnoseDump";
import { findingReport, mailboxHead } from "./report";

/**
 * A mailbox of the JSON report, laid out as `JSON.stringify(report, null, 2)` lays it out at its depth in
 * the report (the mailbox at 4 spaces, its findings at 8): as one string (`text`), or written to a chunk
 * of UTF-8 (`write`), the kept texts of its findings copied there as bytes, without a piece or a copy of a
 * buffer made for each part.
 *
 * Most findings of a run read the same for many mailboxes (a profile's checks, the checks that pass): each
 * finding's text is made once (localized, laid out, encoded) and kept, by a key that spells out everything
 * the text is made from: the finding's rule, cause, status, messages with their arguments, evidence and
 * links, and whether the mailbox has a problem (the localizer and the org URL are the same for a whole
 * run). The key is a list of numbers: each string or number of the finding by a number given to that
 * value (a Map tells strings from numbers), between markers that say what comes next, so two findings have
 * the same key only when they are the same. A finding with a value of a type a finding does not have gets
 * no key and is made as before. Before the key is made, the finding's values are compared (===) with
 * those of the last few findings of its rule that were looked up: most findings are found there, and then
 * no value is numbered.
 */

const MAILBOX_INDENT = "\n    ";
const KEY_INDENT = "\n      ";
const FINDING_INDENT = "\n        ";
const NESTED_HEAD = "[\n  [\n    [\n      [\n        ";
const NESTED_TAIL = "\n      ]\n    ]\n  ]\n]";
/** How many findings' texts are kept; when full, the cache starts again (common findings come back at once). */
const KEPT = 8192;
/** How many UTF-16 code units of kept texts make the cache start again. */
const KEPT_SIZE = 4 * 1024 * 1024;
/** The kept texts' UTF-8 bytes are in one buffer (not one Buffer each: many small buffers are costly to collect). */
const ARENA = 8 * 1024 * 1024;
/** How many values are numbered before the cache starts again. */
const NUMBERED = 1 << 16;

/** A marker of a finding's values: one object each, its number in the key (values are numbered from 0 up). */
class Marker {
  constructor(readonly n: number) {}
}

const NULL = new Marker(-1);
const NO_ARGS = new Marker(-2);
const ARGS = new Marker(-3);
const ARG_VALUE = new Marker(-4);
const ARG_MESSAGE = new Marker(-5);
const TEXT = new Marker(-6);
const UNKNOWN = new Marker(-7);
const YES = new Marker(-8);
const NO = new Marker(-9);
const DATE = new Marker(-10);
const OPTION = new Marker(-11);
const ARG_HOLE = new Marker(-12);

/** Thrown (never out of this module) when a finding holds a value no key is written for. */
const NO_KEY = new Error("no key");

/** How many findings of each rule are compared with the one at hand, the latest first. */
const RECENT = 8;

interface Kept {
  key: number[];
  /** The parts of its text, between the holes. */
  parts: string[];
  /** The parts as UTF-8 bytes in the arena, once written there (MailboxJson.viewsOf). */
  views?: Uint8Array[];
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
  /**
   * The values of the finding last walked, in order, with markers between them: its first `rawLength`
   * (written in place, never shortened). Two findings with the same values (===) read the same.
   */
  readonly raw: (string | number | Marker)[] = [];
  rawLength = 0;
  /** Its key, the values numbered: the first `length` numbers. */
  private readonly key: number[] = [];
  length = 0;
  /** The texts of the holes of the finding last keyed, in order: the first `holeCount`. */
  readonly holes: string[] = [];
  holeCount = 0;
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

  private push(value: string | number | Marker): void {
    this.raw[this.rawLength++] = value;
  }

  /** The key of the finding last walked, its first `length` numbers (valid until the next call). */
  keyOf(): number[] {
    const { raw, rawLength, key } = this;
    for (let i = 0; i < rawLength; i++) {
      const value = raw[i];
      key[i] = value instanceof Marker ? value.n : this.id(value);
    }
    this.length = rawLength;
    return key;
  }

  /** Walks the finding: its values (`raw`) and the texts of its holes; false when it has no key. */
  walk(f: Finding, anyProblem: boolean): boolean {
    this.rawLength = 0;
    this.holeCount = 0;
    try {
      this.push(anyProblem ? 1 : 0);
      this.push(f.rule);
      this.push(f.cause === null ? NULL : this.num(f.cause));
      this.push(this.str(f.status));
      this.message(f.detail);
      const { evidence, fix, links } = f;
      this.push(evidence.length);
      for (const e of evidence) {
        this.push(this.str(e.field));
        this.value(e.value);
      }
      this.push(fix.length);
      for (const step of fix) this.message(step);
      this.push(links.length);
      for (const link of links) {
        this.message(link.label);
        this.push(this.str(link.url));
      }
    } catch (e) {
      if (e === NO_KEY) return false;
      throw e;
    }
    return true;
  }

  private addHole(text: string): void {
    this.holes[this.holeCount++] = text;
  }

  private id(value: string | number): number {
    let n = this.numbers.get(value);
    if (n === undefined) this.numbers.set(value, (n = this.numbers.size));
    return n;
  }

  private str(value: unknown): string {
    if (typeof value !== "string") throw NO_KEY;
    return value;
  }

  private num(value: unknown): number {
    // -0 and 0 are one key of a Map.
    if (typeof value !== "number" || Object.is(value, -0)) throw NO_KEY;
    return value;
  }

  private message(m: Message): void {
    if (!m || typeof m !== "object") throw NO_KEY;
    this.push(this.str(m.key));
    const args = m.args as unknown;
    if (args === undefined) {
      this.push(NO_ARGS);
      return;
    }
    if (!args || typeof args !== "object") throw NO_KEY;
    const names = Object.keys(args);
    this.push(ARGS);
    this.push(names.length);
    for (const name of names) {
      const value = (args as Record<string, unknown>)[name];
      this.push(name);
      if (typeof value === "string" && m.key !== "Date" && holeable(value)) {
        this.push(ARG_HOLE);
        this.addHole(value);
      } else if (typeof value === "string" || typeof value === "number") {
        this.push(ARG_VALUE);
        this.push(typeof value === "number" ? this.num(value) : value);
      } else {
        this.push(ARG_MESSAGE);
        this.message(value as Message);
      }
    }
  }

  /** The same branches as the localizer's evidenceValue. */
  private value(v: EvidenceValue): void {
    if (v === null) this.push(NULL);
    // A text is shown as it is, in quotes, and nowhere else: a hole in the kept text, filled in as it is written.
    else if (typeof v === "string") {
      this.push(TEXT);
      this.addHole(v);
    }
    else if (!v || typeof v !== "object") throw NO_KEY;
    else if ("unknown" in v) this.push(UNKNOWN);
    else if ("flag" in v) this.push(v.flag ? YES : NO);
    else if ("date" in v) {
      this.push(DATE);
      this.push(this.str(v.date));
    } else {
      this.push(OPTION);
      this.push(this.str(v.option));
      this.push(this.num(v.value));
    }
  }
}

/** A hash of the first `length` numbers of a key; 30 bits, a small integer to V8 (no number is allocated). */
function hashOf(key: readonly number[], length: number): number {
  let h = length;
  for (let i = 0; i < length; i++) h = (Math.imul(h, 31) + key[i]) | 0;
  return h & 0x3fffffff;
}

interface Recent {
  raw: (string | number | Marker)[];
  kept: Kept;
}

/** Whether a finding's values are the first `length` of `raw`, each the same (===). */
function sameValues(values: readonly unknown[], raw: readonly unknown[], length: number): boolean {
  if (values.length !== length) return false;
  for (let i = 0; i < length; i++) if (values[i] !== raw[i]) return false;
  return true;
}

/** Whether a kept key is the first `length` numbers of `key`. */
function same(kept: readonly number[], key: readonly number[], length: number): boolean {
  if (kept.length !== length) return false;
  for (let i = 0; i < length; i++) if (kept[i] !== key[i]) return false;
  return true;
}

/** Where a mailbox's text is written as UTF-8: texts, and bytes copied at once (never kept). */
export interface ByteSink {
  text(text: string): void;
  bytes(bytes: Uint8Array): void;
}

export class MailboxJson {
  private readonly keys = new FindingKeys();
  private kept = new Map<number, Kept[]>();
  /** The kept texts last used for each rule, the latest first, by the finding's values. */
  private recent = new Map<string, Recent[]>();
  private count = 0;
  /** How many UTF-16 code units the kept texts hold. */
  private size = 0;
  /** The kept texts as UTF-8, for `write` (made as they are first written). */
  private arena: Buffer | undefined;
  private used = 0;

  constructor(private readonly l: Localizer) {}

  /** The mailbox's text, `{` to `}`, as one string. */
  text(d: MailboxDiagnosis): string {
    this.start();
    const { snapshot, findings, verdict } = d.result;
    let text = this.head(d);
    if (findings.length === 0) return text + "[]" + MAILBOX_INDENT + "}";
    text += "[" + FINDING_INDENT;
    const anyProblem = verdict.problems > 0;
    for (let i = 0; i < findings.length; i++) {
      if (i > 0) text += "," + FINDING_INDENT;
      const kept = this.finding(findings[i], anyProblem, snapshot.clientUrl);
      text += typeof kept === "string" ? kept : fill(kept, this.keys.holes);
    }
    return text + KEY_INDENT + "]" + MAILBOX_INDENT + "}";
  }

  /**
   * The mailbox's text after `lead`, written to `out`: the kept texts of its findings as their UTF-8
   * bytes, copied from where they are kept (no text is encoded again, no piece is made for each part).
   */
  write(d: MailboxDiagnosis, lead: string, out: ByteSink): void {
    this.start();
    const { snapshot, findings, verdict } = d.result;
    const head = lead + this.head(d);
    if (findings.length === 0) {
      out.text(head + "[]" + MAILBOX_INDENT + "}");
      return;
    }
    // Texts between kept bytes are gathered and written together.
    let text = head + "[";
    const anyProblem = verdict.problems > 0;
    const holes = this.keys.holes;
    for (let i = 0; i < findings.length; i++) {
      const kept = this.finding(findings[i], anyProblem, snapshot.clientUrl);
      const views = typeof kept === "string" ? undefined : this.viewsOf(kept);
      if (!views) {
        text += (i > 0 ? "," : "") + FINDING_INDENT + (typeof kept === "string" ? kept : fill(kept, holes));
        continue;
      }
      if (text) out.text(text);
      // The first part starts with the comma and the indent: the first finding has no comma.
      out.bytes(i > 0 ? views[0] : views[1]);
      const order = (kept as Kept).order;
      for (let j = 0; j < order.length; j++) {
        out.text(inner(holes[order[j]]));
        out.bytes(views[j + 2]);
      }
      text = "";
    }
    out.text(text + KEY_INDENT + "]" + MAILBOX_INDENT + "}");
  }

  private start(): void {
    if (this.count >= KEPT || this.size > KEPT_SIZE || this.used > ARENA / 2 || this.keys.full()) this.forget();
  }

  /** The mailbox's text up to the `[` of its findings: mailboxHead's fields, in its order. */
  private head(d: MailboxDiagnosis): string {
    const head: Record<string, unknown> = mailboxHead(d, this.l);
    let text = "{";
    for (const key in head) {
      const value = head[key];
      text += `${KEY_INDENT}${quoted(key)}: ${typeof value === "string" ? quoted(value) : JSON.stringify(value)},`;
    }
    return text + `${KEY_INDENT}"findings": `;
  }

  /**
   * The kept text of a finding (its holes are then the keys' holes), or, for a finding that is not kept,
   * its text.
   */
  private finding(f: Finding, anyProblem: boolean, clientUrl: string | null): Kept | string {
    const keys = this.keys;
    const keyed = keys.walk(f, anyProblem);
    // First the latest findings of the rule, by their values: no value to number (most findings).
    let recent: Recent[] | undefined;
    if (keyed) {
      recent = this.recent.get(f.rule);
      if (recent) {
        for (const r of recent) if (sameValues(r.raw, keys.raw, keys.rawLength)) return r.kept;
      } else this.recent.set(f.rule, (recent = []));
    }
    const key = keyed ? keys.keyOf() : undefined;
    const length = keys.length;
    let bucket: Kept[] | undefined;
    let hash = 0;
    const found = (kept: Kept): Kept => {
      if (recent!.length >= RECENT) recent!.pop();
      recent!.unshift({ raw: keys.raw.slice(0, keys.rawLength), kept });
      return kept;
    };
    if (key) {
      hash = hashOf(key, length);
      bucket = this.kept.get(hash);
      if (bucket) {
        for (const k of bucket) if (same(k.key, key, length)) return found(k);
      }
    }
    const holes = key ? this.keys.holes.slice(0, this.keys.holeCount) : [];
    const report = (finding: Finding): string => {
      // Four arrays around the finding put it at its depth (8 spaces); they are cut off again.
      const nested = JSON.stringify([[[[findingReport(finding, this.l, clientUrl, anyProblem)]]]], null, 2);
      return nested.slice(NESTED_HEAD.length, nested.length - NESTED_TAIL.length);
    };
    const text = report(holes.length ? this.keys.holed(f) : f);
    const split = holes.length ? this.split(text) : { parts: [text], order: [] };
    // Kept when the holes are found as they stand; otherwise made as it is.
    if (!key || !split) return holes.length ? report(f) : text;
    const kept: Kept = { key: key.slice(0, length), parts: split.parts, order: split.order };
    if (bucket) bucket.push(kept);
    else this.kept.set(hash, [kept]);
    this.count++;
    this.size += text.length;
    return found(kept);
  }

  /**
   * The kept text's parts as UTF-8 in the arena: the first part with a comma and indent before it, then
   * without the comma, then the other parts. Undefined when the arena has no room.
   */
  private viewsOf(k: Kept): Uint8Array[] | undefined {
    if (k.views) return k.views;
    const arena = (this.arena ??= Buffer.allocUnsafe(ARENA));
    let room = 1 + FINDING_INDENT.length;
    for (const part of k.parts) room += 3 * part.length;
    if (this.used + room > ARENA) return undefined;
    const views: Uint8Array[] = [];
    const from = this.used;
    this.used += arena.write("," + FINDING_INDENT + k.parts[0], this.used);
    views.push(arena.subarray(from, this.used), arena.subarray(from + 1, this.used));
    for (let i = 1; i < k.parts.length; i++) {
      const at = this.used;
      this.used += arena.write(k.parts[i], at);
      views.push(arena.subarray(at, this.used));
    }
    return (k.views = views);
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
      if (n >= this.keys.holeCount) return undefined;
      parts.push(text.slice(from, m.index));
      order.push(n);
      from = m.index + m[0].length;
    }
    parts.push(text.slice(from));
    const marks = text.split("\\u0001").length - 1;
    return marks === 2 * order.length ? { parts, order } : undefined;
  }

  private forget(): void {
    this.kept = new Map();
    this.recent = new Map();
    this.count = 0;
    this.size = 0;
    this.keys.restart();
    // The arena is reused: its bytes are copied out as they are written.
    this.used = 0;
  }
}

/** A kept text with the texts of the holes between its parts. */
function fill(kept: Kept, holes: readonly string[]): string {
  const { parts, order } = kept;
  let text = parts[0];
  for (let i = 0; i < order.length; i++) text += inner(holes[order[i]]) + parts[i + 1];
  return text;
}
