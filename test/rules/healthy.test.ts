import { RULES } from "../../MailboxHealth/rules";
import { diagnose, healthyDump, queueRow, mailboxRow, IDS } from "../support/rows";

describe("a healthy mailbox", () => {
  it("gets one finding per rule and no problem, warning or manual check", async () => {
    const result = await diagnose(healthyDump());
    expect(result.findings.map((f) => f.rule)).toEqual(RULES.map((r) => r.id));
    const notOk = result.findings.filter((f) => f.status !== "ok" && f.status !== "not-applicable");
    expect(notOk.map((f) => `${f.rule}:${f.status}:${f.detail.key}`)).toEqual([]);
    expect(result.verdict).toEqual({ status: "ok", problems: 0, warnings: 0, unverified: 0 });
  });

  it("a healthy queue mailbox too", async () => {
    const result = await diagnose(
      healthyDump({
        mailboxes: [
          mailboxRow({
            name: "Support",
            emailaddress: "Support@Contoso.com ",
            _regardingobjectid_value: IDS.queue,
            "_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "queue",
          }),
        ],
        queues: [queueRow()],
      }),
    );
    expect(result.verdict.status).toBe("ok");
    const byRule = Object.fromEntries(result.findings.map((f) => [f.rule, f.status]));
    expect(byRule["exchange-online-license"]).toBe("not-applicable");
    expect(byRule["recreated-user"]).toBe("not-applicable");
    expect(byRule["address-mismatch"]).toBe("ok");
  });
});
