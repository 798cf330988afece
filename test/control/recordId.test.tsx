import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MailboxHealth } from "../../MailboxHealth";
import { createContext } from "../support/context";
import type { ContextOptions } from "../support/context";
import { healthyDump, IDS, mailboxRow } from "../support/rows";

/** A second mailbox in the org, to tell which id the control read. */
const OTHER = "99999999-9999-4999-8999-999999999999";

function mount(options: Partial<ContextOptions> = {}) {
  const dump = () => healthyDump({ mailboxes: [mailboxRow(), mailboxRow({ mailboxid: OTHER, emailaddress: "other@contoso.com" })] });
  const mock = createContext({ dump, ...options });
  const control = new MailboxHealth();
  control.init(mock.context, jest.fn());
  const view = render(control.updateView(mock.context));
  const update = (o: Partial<ContextOptions>) =>
    act(() => {
      mock.set(o);
      view.rerender(control.updateView(mock.context));
    });
  return { mock, control, view, update };
}

const mailboxReads = (calls: { kind: string; table?: string; options?: string }[]) => calls.filter((c) => c.table === "mailbox");
const verdict = () => screen.getByTestId("verdict");

describe("the record id: the mailboxId property first, then mode.contextInfo, then page", () => {
  it("the bound mailboxId property wins over the form's record id (braces and case as the form gives them)", async () => {
    const { mock } = mount({ recordId: `{${OTHER.toUpperCase()}}`, entityId: IDS.mailbox });
    // The other mailbox's address is not its owner's.
    await waitFor(() => expect(verdict()).toHaveTextContent("Cause 1"));
    expect(mock.calls.map((c) => c.table ?? c.kind)).toEqual(["mailbox", "tracelog", "organization", "fetch", "tracelog"]);
    expect(mock.calls[0].id).toBe(OTHER);
    expect(mock.calls[1].options).toContain(OTHER);
  });

  it("without the property: mode.contextInfo's entityId", async () => {
    const { mock } = mount({ recordId: null, entityId: IDS.mailbox, pageEntityId: OTHER });
    await waitFor(() => expect(verdict()).toHaveTextContent("No problems found"));
    expect(mock.calls[0].id).toBe(IDS.mailbox);
  });

  it("without the property and contextInfo's id: page.entityId", async () => {
    const { mock } = mount({ recordId: null, entityId: null, pageEntityId: OTHER });
    await waitFor(() => expect(verdict()).toHaveTextContent("Cause 1"));
    expect(mock.calls[0].id).toBe(OTHER);
  });

  it("a property that holds no id (empty, text, the all-zero id) falls back to the form's id", async () => {
    for (const recordId of ["", "val", "00000000-0000-0000-0000-000000000000"]) {
      const { mock, view } = mount({ recordId, entityId: IDS.mailbox });
      await waitFor(() => expect(verdict()).toHaveTextContent("No problems found"));
      expect(mock.calls[0].id).toBe(IDS.mailbox);
      view.unmount();
    }
  });

  it("no id anywhere: the record is not saved yet, and nothing is sent", async () => {
    const { mock } = mount({ recordId: null, entityId: null });
    expect(await screen.findByText("Save the mailbox first. The checks read the saved record.")).toBeInTheDocument();
    expect(mock.calls).toHaveLength(0);
  });

  it("the property set by the first save: the check runs on the new id", async () => {
    const { mock, update } = mount({ recordId: null, entityId: null });
    await screen.findByText("Save the mailbox first. The checks read the saved record.");
    update({ recordId: OTHER });
    await waitFor(() => expect(verdict()).toHaveTextContent("Cause 1"));
    expect(mailboxReads(mock.calls)).toHaveLength(1);
  });
});

describe("a host that does not name the form's table", () => {
  it("reads whether a mailbox with the record's id exists, then checks it (one request more, once)", async () => {
    const { mock } = mount({ entityTypeName: null });
    await waitFor(() => expect(verdict()).toHaveTextContent("No problems found"));
    expect(mock.calls.map((c) => c.table ?? c.kind)).toEqual(["mailbox", "mailbox", "tracelog", "organization", "fetch", "tracelog"]);
    expect(mock.calls[0]).toEqual({ kind: "retrieveRecord", table: "mailbox", id: IDS.mailbox, options: "?$select=mailboxid" });
    fireEvent.click(screen.getByRole("button", { name: "Recheck the mailbox Alex Wilber" }));
    await waitFor(() => expect(verdict()).toHaveTextContent("No problems found"));
    expect(mock.calls).toHaveLength(11);
  });

  it("and has no working Web API (Microsoft's harness): one request, one message", async () => {
    const rejecting = {
      retrieveRecord: () => Promise.reject(new Error("Your control is trying to retrieve a record. This is not yet supported.")),
      retrieveMultipleRecords: () => Promise.reject(new Error("Your control is trying to retrieve multiple records. This is not yet supported.")),
      retrieveCurrentOrganization: () => Promise.reject(new Error("unsupported")),
    };
    const { mock } = mount({ entityTypeName: null, client: () => rejecting });
    const text =
      "The form does not say which table this record belongs to, and no mailbox with its id could be read: the request failed. Open the control on the Mailbox form, or bind its Mailbox record id property.";
    await waitFor(() => expect(screen.getAllByText(text).length).toBeGreaterThan(0));
    expect(mock.calls).toHaveLength(1);
    expect(verdict()).toHaveTextContent("Not checked");
    // One message on screen (the live region repeats it for screen readers only).
    const announcement = screen.getByTestId("announcement");
    expect(screen.getAllByText(text).filter((e) => !announcement.contains(e))).toHaveLength(1);
    expect(announcement).toHaveTextContent(text);
    expect(screen.getByRole("textbox", { name: "Email Address" })).toBeInTheDocument();
  });

  it("a record that is not a mailbox: one request, the same message", async () => {
    const { mock } = mount({ entityTypeName: null, entityId: "12345678-1234-4123-8123-123456789abc" });
    await waitFor(() => expect(screen.getAllByText(/The form does not say which table this record belongs to, and no mailbox with its id could be read: it was not found\./).length).toBeGreaterThan(0));
    expect(mock.calls).toHaveLength(1);
  });
});
