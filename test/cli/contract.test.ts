/** @jest-environment node */
/**
 * The JSON contract of docs/org-dump.md: one entry per mailbox, exactly one finding per rule id, the five
 * statuses, verdict = worst status, texts from the resx files, exit statuses.
 */
import * as fs from "fs";
import * as path from "path";
import { RULES } from "../../MailboxHealth/rules";
import { STATUS_ORDER } from "../../MailboxHealth/model/finding";
import { ALLOWED_HOSTS } from "../../MailboxHealth/i18n/localize";
import * as queries from "../../MailboxHealth/data/queries";
import { readResx } from "../../cli/strings";
import { NOW, ROOT, demoDump, demoMailbox, runIn, runJson, writeTemp } from "./helpers";
import type { Json } from "./helpers";

const en = readResx(path.join(ROOT, "MailboxHealth/strings/MailboxHealth.1033.resx"));
const cs = readResx(path.join(ROOT, "MailboxHealth/strings/MailboxHealth.1029.resx"));
const RULE_IDS = RULES.map((r) => r.id);

function worst(statuses: string[]): string {
  const i = Math.min(...statuses.map((s) => STATUS_ORDER.indexOf(s as never)));
  return STATUS_ORDER[i] === "not-applicable" ? "ok" : STATUS_ORDER[i];
}

let report: Json;
beforeAll(async () => {
  ({ report } = await runJson(["diagnose", "--demo", "--now", NOW]));
});

describe("--format json", () => {
  it("has exactly the contract's keys, per mailbox and per finding", () => {
    expect(Object.keys(report)).toEqual(["metadata", "mailboxes", "summary"]);
    expect(Object.keys(report.metadata)).toEqual(["tool", "version", "checkedAt", "sourceType", "source", "dumpReadAt", "language", "only", "unreadableTables"]);
    expect(Object.keys(report.summary)).toEqual(["mailboxes", "listed", "verdicts", "mailboxesWith", "exitStatus", "byRule", "byProfile"]);
    for (const m of report.mailboxes) {
      expect(Object.keys(m)).toEqual(["mailboxid", "name", "emailaddress", "verdict", "findings"]);
      for (const f of m.findings) expect(Object.keys(f)).toEqual(["rule", "cause", "status", "title", "detail", "evidence", "fix", "links"]);
    }
  });

  it("gives one entry per mailbox of the dump, with its id, name and address", () => {
    const dump = demoDump();
    expect(report.mailboxes.map((m: Json) => [m.mailboxid, m.name, m.emailaddress])).toEqual(
      dump.mailboxes.map((r: Json) => [r.mailboxid, r.name, r.emailaddress]),
    );
  });

  it("has exactly one finding per rule id for every mailbox, in the rules' order", () => {
    expect(RULE_IDS).toHaveLength(11);
    for (const m of report.mailboxes) expect(m.findings.map((f: Json) => f.rule)).toEqual(RULE_IDS);
  });

  it("uses the five statuses, cause 1–6 for the documented causes and null for the others", () => {
    for (const m of report.mailboxes) {
      for (const f of m.findings) {
        expect(STATUS_ORDER).toContain(f.status);
        expect(f.cause).toBe(RULES.find((r) => r.id === f.rule)!.cause);
      }
    }
    const causes = report.mailboxes[0].findings.map((f: Json) => f.cause);
    expect(causes).toEqual([1, 2, 3, 4, 5, 6, null, null, null, null, null]);
    const seen = new Set(report.mailboxes.flatMap((m: Json) => m.findings.map((f: Json) => f.status)));
    expect([...seen].sort()).toEqual([...STATUS_ORDER].sort());
  });

  it("gives the worst status as verdict, ok when all findings are ok or not applicable", () => {
    for (const m of report.mailboxes) expect([m.name, m.verdict]).toEqual([m.name, worst(m.findings.map((f: Json) => f.status))]);
    const verdicts = new Set(report.mailboxes.map((m: Json) => m.verdict));
    expect([...verdicts].sort()).toEqual(["ok", "problem", "warning"]);
  });

  it("writes texts from the resx files: title, detail, fix, link labels; evidence values as text", () => {
    const values = new Set(en.values());
    for (const m of report.mailboxes) {
      for (const f of m.findings) {
        expect(f.title).toBe(en.get(`Rule_${f.rule}_Title`));
        expect(typeof f.detail).toBe("string");
        expect(f.detail).not.toMatch(/\{\w+\}|^[A-Z][A-Za-z]+_[A-Za-z_]+$/); // filled in, not a key
        for (const step of f.fix) expect(step).not.toMatch(/^[A-Z][A-Za-z]+_[A-Za-z_]+$/);
        for (const e of f.evidence) {
          expect(e.field).toMatch(/^[a-z]+\.[\w@.]+$|^organization\.TenantId$/);
          expect(typeof e.value).toBe("string");
        }
        if (f.status === "ok" || f.status === "not-applicable") expect(f.fix).toEqual([]);
      }
    }
    const adele = report.mailboxes.find((m: Json) => m.emailaddress === "adelev@contoso.com");
    const mismatch = adele.findings[0];
    expect(mismatch.detail).toBe(en.get("AddressMismatch_DiffersUser"));
    // The step after the fix as a report says it: for a reader who is not on the control's form.
    expect(mismatch.fix).toEqual([en.get("AddressMismatch_Fix_AlignUser"), en.get("Report_Fix_SaveAndTestEnable")]);
    expect(mismatch.evidence).toEqual([
      { field: "mailbox.emailaddress", value: "adelev@contoso.com" },
      { field: "systemuser.internalemailaddress", value: "adele.vance@contoso.com" },
    ]);
    expect(values.has(mismatch.links[0].label)).toBe(true);
  });

  it("renders option values and flags with the localizer", () => {
    const lee = report.mailboxes.find((m: Json) => m.emailaddress === "leeg@contoso.com");
    const hybrid = lee.findings.find((f: Json) => f.rule === "hybrid-profile-for-exchange-online");
    expect(hybrid.evidence[0]).toEqual({ field: "emailserverprofile.servertype", value: `2 (${en.get("Option_servertype_2")})` });
    const patti = report.mailboxes.find((m: Json) => m.emailaddress === "pattif@contoso.com");
    expect(patti.findings.find((f: Json) => f.rule === "owner-state").evidence).toEqual([{ field: "systemuser.isdisabled", value: en.get("Value_Yes") }]);
  });

  it("links only to allowed Microsoft hosts and to the org's own records, in https", () => {
    const org = new URL(demoDump().RetrieveCurrentOrganization.Detail.Endpoints.Values[0]).hostname;
    for (const m of report.mailboxes) {
      for (const f of m.findings) {
        for (const link of f.links) {
          const url = new URL(link.url);
          expect(url.protocol).toBe("https:");
          expect([...ALLOWED_HOSTS, org]).toContain(url.hostname);
          expect(link.label).not.toBe("");
        }
      }
    }
    const cause = report.mailboxes[2].findings[0];
    expect(cause.links.at(-1)).toEqual({
      label: "Cause 1 in Microsoft's article on the 401 error",
      url: "https://learn.microsoft.com/en-us/troubleshoot/power-platform/dataverse/email-exchange-synchronization/exception-when-using-server-side-sync",
    });
    expect(cause.links[0].url).toMatch(/^https:\/\/contoso-sales\.crm4\.dynamics\.com\/main\.aspx\?pagetype=entityrecord&etn=systemuser&id=/);
  });
});

describe("--lang cs", () => {
  it("writes the Czech resx texts and Learn links in Czech", async () => {
    const { report: czech } = await runJson(["diagnose", "--demo", "--lang", "cs", "--now", NOW]);
    const adele = czech.mailboxes.find((m: Json) => m.emailaddress === "adelev@contoso.com");
    expect(adele.findings[0].title).toBe(cs.get("Rule_address-mismatch_Title"));
    expect(adele.findings[0].detail).toBe(cs.get("AddressMismatch_DiffersUser"));
    expect(adele.findings[0].title).not.toBe(en.get("Rule_address-mismatch_Title"));
    const learn = czech.mailboxes.flatMap((m: Json) => m.findings.flatMap((f: Json) => f.links)).filter((l: Json) => l.url.includes("learn.microsoft.com"));
    expect(learn.length).toBeGreaterThan(10);
    for (const link of learn) expect(link.url).toMatch(/^https:\/\/learn\.microsoft\.com\/cs-cz\//);
    // Same verdicts in either language.
    expect(czech.mailboxes.map((m: Json) => m.verdict)).toEqual(report.mailboxes.map((m: Json) => m.verdict));
  });

  it("writes Czech in the table and Markdown views too", async () => {
    const table = await runIn(["diagnose", "--demo", "--lang", "cs"]);
    expect(table.stdout).toContain(cs.get("Panel_Label"));
    // A problem is headed by what is wrong, a check to verify by the check's name.
    expect(table.stdout).toContain(`${cs.get("Status_problem")}: ${cs.get("Headline_owner-state")}`);
    expect(table.stdout).toContain(`${cs.get("Status_unverified")}: ${cs.get("Rule_exchange-online-license_Title")}`);
    const markdown = await runIn(["diagnose", "--demo", "--lang", "cs", "--format", "markdown"]);
    expect(markdown.stdout).toContain(`### ${cs.get("Status_problem")}: ${cs.get("Headline_owner-state")}`);
    expect(markdown.stdout).toContain(`### ${cs.get("Status_warning")}: ${cs.get("Headline_processing-schedule")}`);
    // Never a check's name after "Problem:": it says what should hold, and would read as the opposite.
    for (const out of [table.stdout, markdown.stdout]) expect(out).not.toContain(`${cs.get("Status_problem")}: ${cs.get("Rule_owner-state_Title")}`);
  });
});

describe("--mailbox", () => {
  const dump = demoDump();
  const lee = demoMailbox(dump, "Cause 2");

  it("selects by id, in any case and with braces", async () => {
    for (const id of [lee.mailboxid, lee.mailboxid.toUpperCase(), `{${lee.mailboxid}}`]) {
      const { report: one } = await runJson(["diagnose", "--demo", "--mailbox", id]);
      expect(one.mailboxes.map((m: Json) => m.mailboxid)).toEqual([lee.mailboxid]);
    }
  });

  it("selects by address, case-insensitively and trimmed", async () => {
    const { report: one } = await runJson(["diagnose", "--demo", "--mailbox", " LeeG@Contoso.COM "]);
    expect(one.mailboxes.map((m: Json) => m.name)).toEqual([lee.name]);
  });

  it("takes several, in dump order, each once", async () => {
    const { report: some } = await runJson(["diagnose", "--demo", "--mailbox", "pattif@contoso.com", "--mailbox", lee.mailboxid, "--mailbox=PATTIF@contoso.com"]);
    expect(some.mailboxes.map((m: Json) => m.emailaddress)).toEqual(["leeg@contoso.com", "pattif@contoso.com"]);
  });

  it("matches the mailbox's own address, not its owner's", async () => {
    const r = await runIn(["diagnose", "--demo", "--mailbox", "miriamg@contoso.com"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
  });
});

describe("exit status", () => {
  it("is 0 when no mailbox has a problem, 1 when one has", async () => {
    expect((await runJson(["diagnose", "--demo", "--mailbox", "alexw@contoso.com"])).status).toBe(0);
    expect((await runJson(["diagnose", "--demo", "--mailbox", "support@contoso.com", "--mailbox", "lidiah@contoso.com"])).status).toBe(0);
    expect((await runJson(["diagnose", "--demo", "--mailbox", "alexw@contoso.com", "--mailbox", "gradya@contoso.com"])).status).toBe(1);
    expect((await runIn(["diagnose", "--demo", "--format", "markdown"])).status).toBe(1);
  });

  it("is 0 for a dump with no mailboxes, which gives an empty list", async () => {
    const file = writeTemp("nomailbox.json", { ...demoDump(), mailboxes: [] });
    const r = await runIn(["diagnose", file, "--format", "json"]);
    expect(r.status).toBe(0);
    const empty = JSON.parse(r.stdout);
    expect(empty.mailboxes).toEqual([]);
    expect(empty.summary).toEqual({ mailboxes: 0, listed: 0, verdicts: { problem: 0, warning: 0, unverified: 0, ok: 0 }, mailboxesWith: { problem: 0, warning: 0, unverified: 0 }, exitStatus: 0, byRule: expect.any(Object), byProfile: [] });
    // Every rule, each at 0.
    expect(Object.values(empty.summary.byRule)).toEqual(Array(11).fill({ problem: 0, warning: 0, unverified: 0 }));
  });
});

describe("docs/org-dump.md", () => {
  const doc = fs.readFileSync(path.join(ROOT, "docs/org-dump.md"), "utf8");

  it("documents the JSON keys the command writes and the rule ids in their order", () => {
    for (const key of ["metadata", "summary", "version", "checkedAt", "sourceType", "source", "dumpReadAt", "only", "unreadableTables", "listed", "verdicts", "mailboxesWith", "exitStatus", "byRule", "byProfile", "lookup", "emailserverprofileid", "readAt",
      "mailboxid", "name", "emailaddress", "verdict", "findings", "rule", "cause", "status", "title", "detail", "evidence", "fix", "links"]) {
      expect(doc).toContain(`"${key}"`);
    }
    const listed = [...doc.matchAll(/`([a-z]+(?:-[a-z]+)+)`/g)].map((m) => m[1]).filter((id) => (RULE_IDS as string[]).includes(id));
    expect([...new Set(listed)]).toEqual(RULE_IDS);
  });

  it("gives the exact $select list of every table the diagnosis reads, and no secret column", () => {
    const sets: Record<string, readonly string[]> = {
      organizations: queries.ORGANIZATION_COLUMNS,
      mailboxes: queries.MAILBOX_COLUMNS,
      emailserverprofiles: queries.PROFILE_COLUMNS,
      systemusers: queries.USER_COLUMNS,
      queues: queries.QUEUE_COLUMNS,
      tracelogs: queries.ALERT_COLUMNS,
    };
    for (const [set, columns] of Object.entries(sets)) {
      const request = `${set}?$select=${columns.join(",")}`;
      expect(doc.split(request).length - 1).toBeGreaterThanOrEqual(2); // the table and the PowerShell example
    }
    expect(doc).toContain(`$filter=${queries.ALERT_FILTER}`);
    const selects = [...doc.matchAll(/\$select=([\w,]+)/g)].flatMap((m) => m[1].split(","));
    for (const secret of queries.SECRET_COLUMNS) expect(selects).not.toContain(secret);
  });
});
