import { exoProfileRow, findingOf, healthyDump, hybridProfileRow, IDS, mailboxRow } from "../support/rows";

const rule = "tenant-mismatch" as const;

describe("tenant-mismatch (cause 4)", () => {
  it("ok for the default tenant", async () => {
    expect(await findingOf(rule, healthyDump())).toMatchObject({ status: "ok", cause: 4, detail: { key: "Tenant_OkDefault" } });
  });

  it("ok for the same tenant written in upper case with braces", async () => {
    const f = await findingOf(
      rule,
      healthyDump({ emailserverprofiles: [exoProfileRow({ exchangeonlinetenantid: `{${IDS.tenant.toUpperCase()}}`, usedefaulttenantid: false })] }),
    );
    expect(f).toMatchObject({ status: "ok", detail: { key: "Tenant_OkSame" } });
  });

  // docs/rules.md, "Use default tenant ID" with another tenant's ID: contradictory data is judged by the ID, never ok.
  it("'use default tenant ID' does not clear another tenant's ID that the profile holds", async () => {
    const f = await findingOf(
      rule,
      healthyDump({ emailserverprofiles: [exoProfileRow({ exchangeonlinetenantid: IDS.otherTenant, usedefaulttenantid: true })] }),
    );
    expect(f).toMatchObject({ status: "problem", detail: { key: "Tenant_ProblemDiffers" } });
  });

  it("problem when the profile names another tenant without cross-tenant OAuth", async () => {
    const f = await findingOf(
      rule,
      healthyDump({ emailserverprofiles: [exoProfileRow({ exchangeonlinetenantid: IDS.otherTenant, usedefaulttenantid: false })] }),
    );
    expect(f.status).toBe("problem");
    expect(f.evidence).toEqual([
      { field: "emailserverprofile.exchangeonlinetenantid", value: IDS.otherTenant },
      { field: "organization.TenantId", value: IDS.tenant },
      { field: "emailserverprofile.incomingcredentialretrieval", value: { option: "credentialretrieval", value: 2 } },
      { field: "emailserverprofile.outgoingcredentialretrieval", value: { option: "credentialretrieval", value: 2 } },
    ]);
  });

  it("ok when another tenant is configured with OAuth (cross tenant, retrieval 7)", async () => {
    const f = await findingOf(
      rule,
      healthyDump({
        emailserverprofiles: [exoProfileRow({ exchangeonlinetenantid: IDS.otherTenant, usedefaulttenantid: false, incomingcredentialretrieval: 7, outgoingcredentialretrieval: 7 })],
      }),
    );
    expect(f).toMatchObject({ status: "ok", detail: { key: "Tenant_OkCrossTenant" } });
  });

  it("unverified when the profile names a tenant and the org's tenant cannot be read", async () => {
    const f = await findingOf(
      rule,
      healthyDump({ emailserverprofiles: [exoProfileRow({ exchangeonlinetenantid: IDS.otherTenant, usedefaulttenantid: false })], RetrieveCurrentOrganization: { Detail: { EnvironmentId: IDS.environment } } }),
    );
    expect(f.status).toBe("unverified");
  });

  it("not applicable on-premises and for non-Exchange-Online profiles", async () => {
    expect((await findingOf(rule, healthyDump({ RetrieveCurrentOrganization: null }), { clientUrl: null })).status).toBe("not-applicable");
    expect(
      (await findingOf(rule, healthyDump({ mailboxes: [mailboxRow({ ewsurl: null })], emailserverprofiles: [hybridProfileRow()] }))).status,
    ).toBe("not-applicable");
  });
});
