/** @jest-environment node */
/**
 * The demo org (demo/org-dump.json) against its table in demo/README.md: each mailbox's intended cause
 * is a `problem`, the healthy ones have none, and the other findings are the ones the README lists.
 */
import * as fs from "fs";
import * as path from "path";
import { SECRET_COLUMNS } from "../../MailboxHealth/data/queries";
import { DEMO_REFERENCE_DATE } from "../../cli/paths";
import { DEMO, NOW, demoDump, runJson } from "./helpers";
import type { Json } from "./helpers";

interface Expected {
  problem: string[];
  warning?: string[];
  unverified?: string[];
}

/** demo/README.md, "The mailboxes". */
const EXPECTED: Record<string, Expected> = {
  "Healthy user — Alex Wilber": { problem: [] },
  "Healthy queue — Support": { problem: [] },
  "Cause 1 — mailbox address differs from the user's": { problem: ["address-mismatch"], unverified: ["exchange-online-license"] },
  "Cause 2 — hybrid profile for an Exchange Online mailbox": {
    problem: ["hybrid-profile-for-exchange-online"],
    unverified: ["address-mismatch", "exchange-online-license"],
  },
  "Cause 3 — no Exchange Online licence": { problem: ["exchange-online-license"], unverified: ["address-mismatch"] },
  "Cause 4 — profile for another tenant's Exchange Online": {
    problem: ["tenant-mismatch"],
    unverified: ["address-mismatch", "exchange-online-license"],
  },
  "Cause 5 — Basic authentication to on-premises EWS": {
    problem: ["ews-basic-auth"],
    warning: ["hybrid-profile-for-exchange-online"],
    unverified: ["address-mismatch"],
  },
  "Cause 6 — user deleted and re-created": { problem: ["recreated-user"], unverified: ["address-mismatch", "exchange-online-license"] },
  "Retired Basic auth — user name and password for Exchange Online": {
    problem: ["exchange-online-basic-auth"],
    warning: ["mailbox-state"],
    unverified: ["address-mismatch", "exchange-online-license"],
  },
  "Pending approval — Grady Archie": { problem: ["email-approval"], unverified: ["exchange-online-license", "mailbox-state"] },
  "Postponed after errors — Lidia Holloway": { problem: [], warning: ["processing-schedule"] },
  "Disabled owner — Patti Fernandez": { problem: ["owner-state"] },
  "Several problems — Miriam Graham": {
    problem: ["address-mismatch", "exchange-online-basic-auth", "email-approval", "mailbox-state"],
    warning: ["owner-state", "processing-schedule"],
    unverified: ["exchange-online-license"],
  },
  "Healthy on-premises — Henrietta Mueller (Hybrid Modern Auth)": { problem: [] },
};

const CAUSE_RULES: Record<number, string> = {
  1: "address-mismatch",
  2: "hybrid-profile-for-exchange-online",
  3: "exchange-online-license",
  4: "tenant-mismatch",
  5: "ews-basic-auth",
  6: "recreated-user",
};

const rulesWith = (mailbox: Json, status: string): string[] =>
  mailbox.findings.filter((f: Json) => f.status === status).map((f: Json) => f.rule).sort();

let report: Json;
let status: number | null;
beforeAll(async () => {
  ({ report, status } = await runJson(["diagnose", "--demo", "--now", NOW]));
});

describe("the demo org's findings", () => {
  it("has the fourteen mailboxes of the README, in dump order", () => {
    expect(report.mailboxes.map((m: Json) => m.name)).toEqual(Object.keys(EXPECTED));
    expect(status).toBe(1);
  });

  it.each(Object.entries(EXPECTED))("%s", (name, expected) => {
    const mailbox = report.mailboxes.find((m: Json) => m.name === name);
    expect({
      problem: rulesWith(mailbox, "problem"),
      warning: rulesWith(mailbox, "warning"),
      unverified: rulesWith(mailbox, "unverified"),
    }).toEqual({
      problem: [...expected.problem].sort(),
      warning: [...(expected.warning ?? [])].sort(),
      unverified: [...(expected.unverified ?? [])].sort(),
    });
  });

  it("has each documented cause 1–6 alone as the problem of its own mailbox", () => {
    for (const [cause, rule] of Object.entries(CAUSE_RULES)) {
      const mailbox = report.mailboxes.find((m: Json) => m.name.startsWith(`Cause ${cause} — `));
      expect([cause, rulesWith(mailbox, "problem")]).toEqual([cause, [rule]]);
      expect(mailbox.findings.find((f: Json) => f.rule === rule).cause).toBe(Number(cause));
    }
  });

  it("has no problem, warning or check to verify on the healthy mailboxes", () => {
    for (const mailbox of report.mailboxes.filter((m: Json) => m.name.startsWith("Healthy"))) {
      expect([mailbox.name, mailbox.verdict]).toEqual([mailbox.name, "ok"]);
    }
  });

  it("judges the time-based rules as of the reference date by default, and as of --now when given", async () => {
    expect(DEMO_REFERENCE_DATE).toBe(NOW);
    const byDefault = await runJson(["diagnose", "--demo", "--mailbox", "lidiah@contoso.com"]);
    expect(byDefault.report.mailboxes[0].verdict).toBe("warning");
    const later = await runJson(["diagnose", "--demo", "--mailbox", "lidiah@contoso.com", "--now", "2026-11-21T10:00:00Z"]);
    expect(later.report.mailboxes[0].verdict).toBe("ok");
    expect(later.status).toBe(0);
  });

  it("takes the 401 before the last successful Test & Enable as history (Alex Wilber)", () => {
    const dump = demoDump();
    const alex = dump.mailboxes[0];
    const old = dump.tracelogs.filter((t: Json) => t._regardingobjectid_value === alex.mailboxid && /401/.test(t.text));
    expect(old).toHaveLength(1);
    expect(Date.parse(old[0].modifiedon)).toBeLessThan(Date.parse(alex.testmailboxaccesscompletedon));
    expect(report.mailboxes[0].findings.find((f: Json) => f.rule === "address-mismatch").status).toBe("ok");
  });
});

describe("the demo dump has the Web API's shape", () => {
  const dump = demoDump();
  const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  const TABLES: Record<string, string> = {
    mailboxes: "mailboxid",
    emailserverprofiles: "emailserverprofileid",
    systemusers: "systemuserid",
    queues: "queueid",
    tracelogs: "tracelogid",
    organizations: "organizationid",
  };

  it("has GUID ids and GUID lookups, and every lookup points to a row of the dump", () => {
    const ids = new Set<string>();
    for (const [set, key] of Object.entries(TABLES)) for (const row of dump[set]) ids.add(row[key]);
    for (const [set, key] of Object.entries(TABLES)) {
      for (const row of dump[set]) {
        expect(row[key]).toMatch(GUID);
        for (const [column, value] of Object.entries(row)) {
          if (/^_\w+_value$/.test(column) && value !== null) expect([set, column, ids.has(value as string)]).toEqual([set, column, true]);
        }
      }
    }
  });

  it("is an online org that requires approval for users and queues", () => {
    const detail = dump.RetrieveCurrentOrganization.Detail;
    for (const key of ["TenantId", "EnvironmentId", "UniqueName", "UrlName"]) expect(typeof detail[key]).toBe("string");
    expect(detail.TenantId).toMatch(GUID);
    expect(dump.organizations).toHaveLength(1);
    expect(dump.organizations[0]).toMatchObject({ requireapprovalforuseremail: true, requireapprovalforqueueemail: true });
  });

  it("has annotations on some rows only", () => {
    const annotated = (rows: Json[], suffix: string) => rows.filter((r) => Object.keys(r).some((k) => k.endsWith(suffix))).length;
    for (const suffix of ["@Microsoft.Dynamics.CRM.lookuplogicalname", "@OData.Community.Display.V1.FormattedValue"]) {
      const n = annotated(dump.mailboxes, suffix);
      expect(n).toBeGreaterThan(0);
      expect(n).toBeLessThan(dump.mailboxes.length);
    }
    expect(annotated(dump.tracelogs, "@Microsoft.Dynamics.CRM.lookuplogicalname")).toBeGreaterThan(0);
  });

  it("has realistic alerts: the 401 line inside longer English texts, and Czech ones", () => {
    const texts: string[] = dump.tracelogs.map((t: Json) => t.text);
    const line = "Email Server Error Code: Http server returned 401 Unauthorized exception.";
    expect(texts.filter((t) => t.includes(line) && t.length > line.length + 40).length).toBeGreaterThanOrEqual(5);
    expect(texts.filter((t) => t.includes("Kód chyby e-mailového serveru")).length).toBeGreaterThanOrEqual(2);
  });

  it("holds no secret column", () => {
    const text = fs.readFileSync(DEMO, "utf8");
    for (const column of SECRET_COLUMNS) expect([column, text.includes(`"${column}"`)]).toEqual([column, false]);
  });

  it("is documented: every mailbox name appears in demo/README.md", () => {
    const readme = fs.readFileSync(path.join(path.dirname(DEMO), "README.md"), "utf8");
    for (const row of dump.mailboxes) expect(readme).toContain(`| ${row.name} |`);
    expect(readme).toContain("2026-11-20T09:00:00Z");
  });
});
