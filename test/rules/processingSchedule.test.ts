import { findingOf, healthyDump, mailboxRow } from "../support/rows";

const rule = "processing-schedule" as const;

describe("processing-schedule", () => {
  it("ok with the last successful sync time, when the next cycle is minutes away", async () => {
    expect(await findingOf(rule, healthyDump())).toMatchObject({
      status: "ok",
      detail: { key: "Schedule_OkLastSync", args: { when: { key: "Date", args: { iso: "2026-11-20T08:55:00.000Z" } } } },
    });
  });

  it("warning when processing is postponed for hours, saying until when", async () => {
    const f = await findingOf(rule, healthyDump({ mailboxes: [mailboxRow({ postponemailboxprocessinguntil: "2026-11-20T15:00:00Z", receivingpostponeduntil: "2026-11-20T12:00:00Z" })] }));
    expect(f.status).toBe("warning");
    expect(f.detail).toEqual({ key: "Schedule_Postponed", args: { until: { key: "Date", args: { iso: "2026-11-20T15:00:00.000Z" } } } });
    expect(f.evidence.map((e) => e.field)).toEqual(["mailbox.postponemailboxprocessinguntil", "mailbox.receivingpostponeduntil", "mailbox.lastsuccessfulsynccompletedon"]);
  });

  it("a date in the past is not a postponement", async () => {
    expect((await findingOf(rule, healthyDump({ mailboxes: [mailboxRow({ receivingpostponeduntil: "2026-11-19T15:00:00Z" })] }))).status).toBe("ok");
  });

  it("not applicable when no direction uses SSS", async () => {
    expect((await findingOf(rule, healthyDump({ mailboxes: [mailboxRow({ incomingemaildeliverymethod: 0, outgoingemaildeliverymethod: 0, actdeliverymethod: 2 })] }))).status).toBe(
      "not-applicable",
    );
  });
});
