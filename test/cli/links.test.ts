/** @jest-environment node */
/** Links only to the org the data came from, and never a script or data URL. */
import { clientUrlOf } from "../../cli/diagnoseDump";
import { isAllowedUrl } from "../../MailboxHealth/i18n/localize";
import { NOW, demoDump, runJson, writeTemp } from "./helpers";
import type { Json } from "./helpers";

function withEndpoints(values: string[], urlName: string | null = "contoso-sales"): Json {
  const dump = demoDump();
  const detail = dump.RetrieveCurrentOrganization.Detail;
  detail.UrlName = urlName;
  detail.Endpoints = { Count: values.length, IsReadOnly: false, Keys: ["WebApplication", "OrganizationService", "OrganizationDataService"].slice(0, values.length), Values: values };
  return dump;
}

const recordLinks = (report: Json): string[] =>
  report.mailboxes.flatMap((m: Json) => m.findings.flatMap((f: Json) => f.links.map((l: Json) => l.url))).filter((u: string) => u.includes("main.aspx"));

describe("isAllowedUrl", () => {
  it.each([
    ["javascript:alert(1)", "javascript:void(0)"],
    ["javascript:alert(1)", "data:text/html,x"],
    ["data:text/html,<script>alert(1)</script>", "data:text/html,x"],
    ["javascript:alert(1)", "about:blank"],
    ["blob:https://x/y", "about:blank"],
    ["javascript:alert(1)", null],
  ])("never accepts %s (client URL %s)", (url, clientUrl) => {
    expect(isAllowedUrl(url, clientUrl)).toBe(false);
  });

  it("accepts the allowed Microsoft pages and the org's own origin", () => {
    expect(isAllowedUrl("https://learn.microsoft.com/en-us/x", null)).toBe(true);
    expect(isAllowedUrl("https://org.crm4.dynamics.com/main.aspx?id=1", "https://org.crm4.dynamics.com")).toBe(true);
    expect(isAllowedUrl("https://evil.example/main.aspx", "https://org.crm4.dynamics.com")).toBe(false);
    expect(isAllowedUrl("https://user:pw@learn.microsoft.com/x", null)).toBe(false);
  });
});

describe("record links in a dump", () => {
  it("the demo's org: links to its records", async () => {
    const { report } = await runJson(["diagnose", "--demo"]);
    expect(recordLinks(report).length).toBeGreaterThan(0);
    for (const url of recordLinks(report)) expect(url.startsWith("https://contoso-sales.crm4.dynamics.com/main.aspx?")).toBe(true);
  });

  it.each([
    ["any https site", ["https://evil.example/"]],
    ["a Dynamics host of another org than UrlName", ["https://other-org.crm4.dynamics.com/"]],
    ["a port", ["https://contoso-sales.crm4.dynamics.com:8443/"]],
    ["a path", ["https://contoso-sales.crm4.dynamics.com/evil/"]],
    ["user info", ["https://a@contoso-sales.crm4.dynamics.com/"]],
    ["a look-alike host", ["https://contoso-sales.crm4.dynamics.com.evil.example/"]],
    ["other endpoints on another host", ["https://contoso-sales.crm4.dynamics.com/", "https://evil.example/XRMServices/2011/Organization.svc"]],
  ])("no record links when the dump names %s", async (_, values) => {
    const dump = withEndpoints(values);
    expect(clientUrlOf(dump)).toBeNull();
    const { report } = await runJson(["diagnose", writeTemp(`links-${values[0].length}-${values.length}.json`, dump), "--now", NOW]);
    expect(recordLinks(report)).toEqual([]);
  });

  it("an online org named consistently, in another region", () => {
    expect(clientUrlOf(withEndpoints(["https://contoso.crm.dynamics.com/", "https://contoso.api.crm.dynamics.com/XRMServices/2011/Organization.svc"], "contoso"))).toBe(
      "https://contoso.crm.dynamics.com",
    );
    expect(clientUrlOf(withEndpoints(["https://contoso.crm9.dynamics.com"], null))).toBe("https://contoso.crm9.dynamics.com");
  });
});
