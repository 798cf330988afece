/**
 * The PCF host's one call outside `context.webAPI`: RetrieveCurrentOrganization by a same-origin fetch.
 * The control runs inside the org's own pages, so a relative URL reaches the same Web API when the host
 * gives no `getClientUrl()`; without `fetch` the tenant stays unknown and the online checks say unverified.
 */
import { CURRENT_ORGANIZATION_PATH, PcfWebApiClient } from "../../MailboxHealth/data/pcfWebApiClient";
import { OrgDumpClient } from "../../MailboxHealth/data/orgDump";
import { diagnoseMailbox } from "../../MailboxHealth/diagnosis/diagnose";
import { exoProfileRow, healthyDump, hybridProfileRow, IDS, mailboxRow, NOW } from "../support/rows";

type Dump = ReturnType<typeof healthyDump>;

/** A `context.webAPI` answered by the org-dump client, and a fetch that records the URLs it was given. */
function host(dump: Dump, answer: "detail" | "none" = "detail") {
  const org = new OrgDumpClient(dump);
  const webAPI = {
    retrieveRecord: (table: string, id: string, options: string) => org.retrieveRecord(table, id, options),
    retrieveMultipleRecords: (table: string, options: string) =>
      org.retrieveMultipleRecords(table, options).then((entities) => ({ entities, nextLink: undefined })),
  } as unknown as ComponentFramework.WebApi;
  const urls: string[] = [];
  const fetchImpl = (url: string) => {
    urls.push(url);
    return Promise.resolve({
      ok: true,
      status: 200,
      headers: { get: () => null },
      json: () => Promise.resolve(answer === "detail" ? { Detail: dump.RetrieveCurrentOrganization?.Detail } : {}),
    });
  };
  return { webAPI, fetchImpl, urls };
}

/** A profile that names another tenant: tenant-mismatch needs the org's TenantId to decide. */
const otherTenantDump = (): Dump =>
  healthyDump({ emailserverprofiles: [exoProfileRow({ exchangeonlinetenantid: IDS.otherTenant, usedefaulttenantid: false })] });

describe("RetrieveCurrentOrganization from the PCF host", () => {
  it("the path is the documented function call with the Default access type", () => {
    expect(CURRENT_ORGANIZATION_PATH).toBe(
      "/api/data/v9.2/RetrieveCurrentOrganization(AccessType=@p)?@p=Microsoft.Dynamics.CRM.EndpointAccessType'Default'",
    );
  });

  it("with the org URL: an absolute URL on that org", async () => {
    const h = host(healthyDump());
    const client = new PcfWebApiClient(h.webAPI, "https://contoso.crm4.dynamics.com/", h.fetchImpl);
    const detail = await client.retrieveCurrentOrganization();
    expect(h.urls).toEqual(["https://contoso.crm4.dynamics.com" + CURRENT_ORGANIZATION_PATH]);
    expect(detail?.TenantId).toBe(IDS.tenant);
  });

  it("without getClientUrl: a same-origin relative URL, and the tenant is read", async () => {
    const h = host(otherTenantDump());
    const client = new PcfWebApiClient(h.webAPI, null, h.fetchImpl);
    const result = await diagnoseMailbox(client, IDS.mailbox, { now: () => NOW, clientUrl: null });
    expect(h.urls).toEqual([CURRENT_ORGANIZATION_PATH]);
    expect(result.snapshot.tenant).toEqual({ ok: true, value: { tenantId: IDS.tenant, environmentId: expect.any(String) } });
    expect(result.findings.find((f) => f.rule === "tenant-mismatch")?.status).toBe("problem");
  });

  it("without fetch: the tenant is unknown (unsupported) and tenant-mismatch says unverified, never ok", async () => {
    const h = host(otherTenantDump());
    const client = new PcfWebApiClient(h.webAPI, null, undefined);
    const result = await diagnoseMailbox(client, IDS.mailbox, { now: () => NOW, clientUrl: null });
    expect(result.snapshot.tenant).toEqual({ ok: false, error: expect.objectContaining({ kind: "unsupported" }) });
    expect(result.findings.find((f) => f.rule === "tenant-mismatch")?.status).toBe("unverified");
  });

  it("without fetch and without an org URL, online-only checks are unverified, never not-applicable (on-premises is not assumed)", async () => {
    const dump = healthyDump({ emailserverprofiles: [hybridProfileRow()], mailboxes: [mailboxRow({ ewsurl: "https://outlook.office365.com/EWS/Exchange.asmx" })] });
    const h = host(dump);
    const result = await diagnoseMailbox(new PcfWebApiClient(h.webAPI, null, undefined), IDS.mailbox, { now: () => NOW, clientUrl: null });
    const status = Object.fromEntries(result.findings.map((f) => [f.rule, f.status]));
    expect(status["hybrid-profile-for-exchange-online"]).toBe("unverified");
    // With the tenant read through the relative URL, the same mailbox is cause 2.
    const withFetch = await diagnoseMailbox(new PcfWebApiClient(h.webAPI, null, h.fetchImpl), IDS.mailbox, { now: () => NOW, clientUrl: null });
    expect(withFetch.findings.find((f) => f.rule === "hybrid-profile-for-exchange-online")?.status).toBe("problem");
  });

  it.each([
    [{ error: { message: "", code: "0x80040220" } }, "HTTP 403"],
    [{ error: { code: "0x80040220" } }, "HTTP 403"],
    [null, "HTTP 403"],
    [{ error: { message: "Principal user is missing prvReadOrganization privilege", code: "0x80040220" } }, "Principal user is missing prvReadOrganization privilege"],
  ])("a refused request says what the server said, or its HTTP status when it said nothing (%j)", async (body, message) => {
    const webAPI = {} as ComponentFramework.WebApi;
    const fetchImpl = () =>
      Promise.resolve({ ok: false, status: 403, headers: { get: () => null }, json: () => Promise.resolve(body) });
    const client = new PcfWebApiClient(webAPI, null, fetchImpl);
    await expect(client.retrieveCurrentOrganization()).rejects.toMatchObject({ message, status: 403 });
  });

  it("a response without Detail leaves no tenant (null), not a made-up one", async () => {
    const h = host(healthyDump(), "none");
    const client = new PcfWebApiClient(h.webAPI, null, h.fetchImpl);
    await expect(client.retrieveCurrentOrganization()).resolves.toBeNull();
  });
});
