import * as fs from "fs";
import * as path from "path";
import { resx } from "../support/strings";
import { RULES } from "../../MailboxHealth/rules";
import { STATUS_ORDER } from "../../MailboxHealth/model/finding";
import { LEARN_PAGES } from "../../MailboxHealth/rules/links";

const en = resx(1033);
const cs = resx(1029);
const ROOT = path.join(__dirname, "../../MailboxHealth");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === "generated" ? [] : sourceFiles(p);
    return /\.tsx?$/.test(d.name) ? [p] : [];
  });
}

describe("the resx files", () => {
  it("have the same keys in English and Czech", () => {
    expect(Object.keys(cs).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(en).length).toBeGreaterThan(200);
  });

  it("have the same {placeholders} in both languages, key by key", () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(en)) expect([key, placeholders(cs[key])]).toEqual([key, placeholders(en[key])]);
  });

  it("are translated, not copied: Czech differs from English for almost every sentence", () => {
    // Option labels may be product names ("Dynamics 365 for Outlook"), the same in every language.
    const sentences = Object.keys(en).filter((k) => !k.startsWith("Option_") && en[k].split(" ").length >= 4);
    const same = sentences.filter((k) => en[k] === cs[k]);
    expect(same).toEqual([]);
    expect(Object.values(cs).join(" ")).toMatch(/[ěščřžýáíéůú]/);
  });

  it("contain every key the manifest names", () => {
    const manifest = fs.readFileSync(path.join(ROOT, "ControlManifest.Input.xml"), "utf8");
    const keys = [...manifest.matchAll(/(?:display-name-key|description-key)="([^"]+)"/g)].map((m) => m[1]);
    expect(keys.length).toBeGreaterThanOrEqual(10);
    for (const key of keys) {
      expect([key, key in en, key in cs]).toEqual([key, true, true]);
    }
  });

  it("contain every literal key the source uses", () => {
    const literal = /["'`]((?:[A-Z][A-Za-z0-9]*_)+[A-Za-z0-9-]+)["'`]/g;
    const used = new Set<string>();
    for (const file of sourceFiles(ROOT)) {
      for (const m of fs.readFileSync(file, "utf8").matchAll(literal)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(150);
    // Plural bases ("Verdict_Problems") are completed with _one/_few/_other by the localizer.
    const missing = [...used].filter((k) => !(k in en) && !(`${k}_other` in en));
    expect(missing).toEqual([]);
  });

  it("contain every key the source builds", () => {
    const built = [
      ...RULES.map((r) => `Rule_${r.id}_Title`),
      ...STATUS_ORDER.map((s) => `Status_${s}`),
      ...["privilege", "not-found", "throttled", "offline", "server", "unsupported", "failed"].map((k) => `DataError_${k}`),
      ...["mailbox", "profile", "owner", "alerts", "organization", "tenant"].map((k) => `Data_${k}`),
      ...["mailbox", "profile"].map((k) => `Alert_About_${k}`),
      ...["incoming", "outgoing", "act"].map((k) => `Direction_${k}`),
      ...Object.keys(LEARN_PAGES).map((page) => `Link_Learn_${page}`),
      "Directions_1",
      "Directions_2",
      "Directions_3",
      ...["Problems", "Warnings", "Unverified"].flatMap((k) => ["one", "few", "other"].map((p) => `Verdict_${k}_${p}`)),
    ];
    for (const key of built) expect([key, key in en, key in cs]).toEqual([key, true, true]);
  });
});
