/**
 * Recheck shows the profile's alerts as they are now. Dataverse documents that "queries which expand
 * collection-valued navigation properties might return cached data for those properties that doesn't
 * reflect recent changes" (Join tables using OData, learn.microsoft.com/power-apps/developer/data-platform/
 * webapi/query/join-tables), and `context.webAPI` cannot send the If-None-Match header Microsoft suggests.
 * So the alerts are never read through an expanded collection: the fake org below serves every expanded
 * collection from the first check's data (the worst case the documentation allows), every direct read fresh.
 */
import { OrgDumpClient } from "../../MailboxHealth/data/orgDump";
import type { OrgDump } from "../../MailboxHealth/data/orgDump";
import type { Row, WebApiClient } from "../../MailboxHealth/data/webApiClient";
import { parseQuery } from "../../MailboxHealth/data/odataQuery";
import type { QueryOptions } from "../../MailboxHealth/data/odataQuery";
import { DiagnosisController } from "../../MailboxHealth/diagnosis/controller";
import { ALERT_401_EN, alertRow, healthyDump, IDS, NOW } from "../support/rows";

/** Every collection-valued property inside an `$expand` (single-valued ones are fresh). */
const COLLECTIONS = new Set(["tracelog_EmailServerProfile", "tracelog_Mailbox"]);

function replaceCollections(fresh: Row, stale: Row | null, query: QueryOptions): void {
  for (const [property, nested] of Object.entries(query.expand)) {
    if (COLLECTIONS.has(property)) fresh[property] = stale?.[property];
    else if (fresh[property] && typeof fresh[property] === "object") replaceCollections(fresh[property] as Row, (stale?.[property] as Row) ?? null, nested);
  }
}

/** An org whose expanded collections stay as they were at the first request; direct reads are fresh. */
class StaleExpandOrg implements WebApiClient {
  readonly sent: { kind: string; table?: string; options?: string }[] = [];
  private readonly stale: OrgDumpClient;

  constructor(private readonly dump: OrgDump) {
    this.stale = new OrgDumpClient(JSON.parse(JSON.stringify(dump)) as OrgDump);
  }

  private fresh(): OrgDumpClient {
    return new OrgDumpClient(this.dump);
  }

  async retrieveRecord(table: string, id: string, options: string): Promise<Row> {
    this.sent.push({ kind: "retrieveRecord", table, options });
    const row = await this.fresh().retrieveRecord(table, id, options);
    const stale = await this.stale.retrieveRecord(table, id, options).catch(() => null);
    replaceCollections(row, stale, parseQuery(options));
    return row;
  }

  retrieveMultipleRecords(table: string, options: string): Promise<Row[]> {
    this.sent.push({ kind: "retrieveMultipleRecords", table, options });
    return this.fresh().retrieveMultipleRecords(table, options);
  }

  retrieveCurrentOrganization(): Promise<Row | null> {
    this.sent.push({ kind: "retrieveCurrentOrganization" });
    return this.fresh().retrieveCurrentOrganization();
  }
}

const profileAlert = (modifiedon: string) => alertRow(ALERT_401_EN, { _regardingobjectid_value: IDS.profile, modifiedon });

async function check(controller: DiagnosisController) {
  await controller.check();
  const state = controller.getState();
  if (state.phase !== "done") throw new Error(`the check did not finish: ${state.phase}`);
  return state.result;
}

function controllerOn(org: StaleExpandOrg): DiagnosisController {
  const controller = new DiagnosisController({ client: org, clientUrl: null, isOffline: () => false, now: () => NOW });
  controller.setMailbox(IDS.mailbox);
  return controller;
}

describe("Recheck reads the profile's alerts fresh", () => {
  it("a 401 alert raised on the profile after the first check shows on Recheck", async () => {
    const dump = healthyDump();
    const org = new StaleExpandOrg(dump);
    const controller = controllerOn(org);
    expect((await check(controller)).alerts401).toEqual([]);

    dump.tracelogs!.push(profileAlert("2026-11-20T08:50:00Z"));
    const after = await check(controller);
    expect(after.alerts401?.map((a) => ({ about: a.alert.about, history: a.history }))).toEqual([{ about: "profile", history: false }]);
  });

  it("a profile alert deleted since the first check is gone on Recheck", async () => {
    const dump = healthyDump({ tracelogs: [profileAlert("2026-11-20T08:50:00Z")] });
    const org = new StaleExpandOrg(dump);
    const controller = controllerOn(org);
    expect((await check(controller)).alerts401).toHaveLength(1);

    dump.tracelogs = [];
    expect((await check(controller)).alerts401).toEqual([]);
  });

  it("no request reads alerts through an expanded collection; each check reads the profile's alerts directly", async () => {
    const dump = healthyDump();
    const org = new StaleExpandOrg(dump);
    const controller = controllerOn(org);
    await check(controller);
    await check(controller);
    const expandsAlerts = org.sent.filter((r) => r.options && /tracelog_/i.test(r.options));
    expect(expandsAlerts).toEqual([]);
    const profileReads = org.sent.filter(
      (r) =>
        r.table === "tracelog" &&
        parseQuery(r.options ?? "").filter.some((c) => c.field === "_regardingobjectid_value" && c.op === "eq" && c.value === IDS.profile),
    );
    expect(profileReads).toHaveLength(2);
  });
});
