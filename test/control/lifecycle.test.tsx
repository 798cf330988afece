import * as React from "react";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MailboxHealth } from "../../MailboxHealth";
import { createContext } from "../support/context";
import type { ContextOptions } from "../support/context";
import { alertRow, ALERT_401_EN, FailingClient, healthyDump, mailboxRow, PRIVILEGE_ERROR, userRow } from "../support/rows";
import type { OrgDump } from "../../MailboxHealth/data/orgDump";

function mount(options: Partial<ContextOptions> & { dump?: () => OrgDump } = {}) {
  const mock = createContext({ dump: () => healthyDump(), ...options });
  const control = new MailboxHealth();
  const notify = jest.fn();
  control.init(mock.context, notify);
  const view = render(control.updateView(mock.context));
  // The host calls updateView outside React; in a test that is an act().
  const update = (o: Partial<ContextOptions> = {}, updated: string[] = []) =>
    act(() => {
      mock.set(o, updated);
      view.rerender(control.updateView(mock.context));
    });
  return { mock, control, notify, view, update };
}

const verdict = () => screen.getByTestId("verdict");

describe("the control's lifecycle (real index.ts, mocked form context)", () => {
  it("init tracks the container size and reads the record on load; the verdict appears", async () => {
    const { mock } = mount();
    expect(mock.trackContainerResize).toHaveBeenCalledWith(true);
    await waitFor(() => expect(verdict()).toHaveTextContent("No problems found"));
    // The profile's alerts come last, by their own query once the mailbox names its profile.
    expect(mock.calls.map((c) => c.table ?? c.kind)).toEqual(["mailbox", "tracelog", "organization", "fetch", "tracelog"]);
    expect(mock.calls[3].options).toBe(
      "https://contoso.crm4.dynamics.com/api/data/v9.2/RetrieveCurrentOrganization(AccessType=@p)?@p=Microsoft.Dynamics.CRM.EndpointAccessType'Default'",
    );
    expect(screen.getByTestId("announcement")).toHaveTextContent("Check complete: No problems found");
    expect(screen.getByText(/^Checked at \d{1,2}:\d\d/)).toBeInTheDocument();
  });

  it("shows the bound address and reports edits through getOutputs", async () => {
    const { control, notify, view } = mount();
    const input = screen.getByRole("textbox", { name: "Email Address" });
    expect(input).toHaveValue("alexw@contoso.com");
    fireEvent.change(input, { target: { value: "alex.wilber@contoso.com" } });
    expect(notify).toHaveBeenCalledTimes(1);
    expect(control.getOutputs()).toEqual({ emailAddress: "alex.wilber@contoso.com" });
    view.rerender(control.updateView((control as unknown as { context: never }).context));
    expect(screen.getByRole("textbox", { name: "Email Address" })).toHaveValue("alex.wilber@contoso.com");
    await waitFor(() => expect(screen.getByText(/These results are for alexw@contoso.com/)).toBeInTheDocument());
    fireEvent.change(input, { target: { value: "" } });
    expect(control.getOutputs()).toEqual({ emailAddress: undefined });
  });

  it("takes a new value from the form when the host changes it", async () => {
    const { update } = mount();
    update({ value: "new@contoso.com" }, ["emailAddress"]);
    expect(screen.getByRole("textbox", { name: "Email Address" })).toHaveValue("new@contoso.com");
    await waitFor(() => expect(verdict()).toHaveTextContent("No problems found"));
  });

  it("is read-only when the form is, and masked when field security hides the value", async () => {
    mount({ disabled: true });
    expect(screen.getByRole("textbox", { name: "Email Address" })).toHaveAttribute("readonly");
    await waitFor(() => expect(verdict()).toHaveTextContent("No problems found"));
  });

  it("masks the value when field security hides it", async () => {
    mount({ readable: false, editable: false });
    const input = screen.getByRole("textbox", { name: "Email Address" });
    expect(input).toHaveValue("********");
    expect(input).toHaveAttribute("readonly");
    expect(screen.queryByDisplayValue("alexw@contoso.com")).toBeNull();
    expect(screen.getByText("You don't have permission to see this value.")).toBeInTheDocument();
    await waitFor(() => expect(verdict()).toHaveTextContent("No problems found"));
  });

  it("a record not saved yet: a clear message, no request; after the first save it checks", async () => {
    const { mock, update } = mount({ entityId: null });
    expect(await screen.findByText("Save the mailbox first. The checks read the saved record.")).toBeInTheDocument();
    expect(mock.calls).toHaveLength(0);
    update({ entityId: undefined });
    await waitFor(() => expect(verdict()).toHaveTextContent("No problems found"));
    expect(mock.calls).toHaveLength(5);
  });

  it("placed on another table: shows only the field and says why", async () => {
    const { mock } = mount({ entityTypeName: "contact" });
    expect(await screen.findByText(/This control diagnoses mailboxes. Here it is on a contact form/)).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "Email Address" })).toBeInTheDocument();
    expect(mock.calls).toHaveLength(0);
  });

  it("on demand: no request until Check is selected", async () => {
    const { mock } = mount({ runOnLoad: false });
    expect(screen.getByText("Select Check to diagnose this mailbox.")).toBeInTheDocument();
    expect(mock.calls).toHaveLength(0);
    fireEvent.click(screen.getByRole("button", { name: "Check the mailbox Alex Wilber" }));
    await waitFor(() => expect(verdict()).toHaveTextContent("No problems found"));
    expect(mock.calls).toHaveLength(5);
  });

  it("Recheck reads the data again: fixing the address turns the problem into a pass", async () => {
    let user = userRow({ internalemailaddress: "alex.wilber@contoso.com" });
    const { mock } = mount({ dump: () => healthyDump({ systemusers: [user] }) });
    await waitFor(() => expect(verdict()).toHaveTextContent("Cause 1"));
    expect(screen.getByTestId("findings")).toHaveTextContent("Mailbox address matches Exchange");
    user = userRow();
    const recheck = screen.getByRole("button", { name: "Recheck the mailbox Alex Wilber" });
    fireEvent.click(recheck);
    expect(recheck).toHaveAttribute("aria-disabled", "true");
    expect(screen.getByTestId("announcement")).toHaveTextContent("Checking the mailbox…");
    await waitFor(() => expect(verdict()).toHaveTextContent("No problems found"));
    expect(screen.queryByTestId("findings")).toBeNull();
    expect(mock.calls).toHaveLength(10);
  });

  it("offline: says so, sends nothing, and Retry works once back online", async () => {
    const { mock, update } = mount({ offline: true });
    await waitFor(() => expect(screen.getAllByText("You are offline. The checks need a connection to Dynamics 365.").length).toBeGreaterThan(0));
    expect(mock.calls).toHaveLength(0);
    update({ offline: false });
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(verdict()).toHaveTextContent("No problems found"));
  });

  it("a failed request: the reason and a working Retry, never a blank control", async () => {
    let failing = true;
    mount({ client: (dump) => (failing ? new FailingClient(dump, { mailbox: { status: 500, message: "Generic SQL error." } }) : new FailingClient(dump, {})) });
    await waitFor(() => expect(screen.getAllByText("The mailbox could not be read: the server returned an error.").length).toBeGreaterThan(0));
    expect(screen.getByRole("textbox", { name: "Email Address" })).toBeInTheDocument();
    failing = false;
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(verdict()).toHaveTextContent("No problems found"));
  });

  it("throttling (429): says when to try again", async () => {
    mount({ client: (dump) => new FailingClient(dump, { mailbox: { status: 429, message: "Too Many Requests", retryAfterSeconds: 20 } }) });
    await waitFor(() => expect(screen.getAllByText("Dynamics 365 is limiting requests right now. Try again in 20 s.").length).toBeGreaterThan(0));
  });

  it("a deleted mailbox: says it no longer exists", async () => {
    mount({ dump: () => healthyDump({ mailboxes: [] }) });
    await waitFor(() => expect(screen.getAllByText("This mailbox no longer exists or you cannot see it.").length).toBeGreaterThan(0));
  });

  it("no privilege on email server profiles: the other checks still run", async () => {
    mount({ client: (dump) => new FailingClient(dump, { emailserverprofile: PRIVILEGE_ERROR }) });
    // The four checks that need the profile say why; the other seven still decide (the licence and the
    // re-created user too: the mailbox's EWS URL places it in Exchange Online without the profile).
    await waitFor(() => expect(verdict()).toHaveTextContent("some checks could not run"));
    expect(screen.getByTestId("announcement")).toHaveTextContent("4 to verify");
    expect(screen.getByRole("button", { name: "Passed (7)" })).toBeInTheDocument();
    const card = screen.getByTestId("unreadable-profile");
    expect(card).toHaveTextContent("Could not read the email server profile");
    expect(card.querySelectorAll("li[data-rule]")).toHaveLength(4);
  });

  it("destroy stops updates: a check that lands after destroy changes nothing", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const { control, view } = mount({
      client: (dump) => {
        const inner = new FailingClient(dump, {});
        return {
          retrieveRecord: (t, i, o) => gate.then(() => inner.retrieveRecord(t, i, o)),
          retrieveMultipleRecords: (t, o) => gate.then(() => inner.retrieveMultipleRecords(t, o)),
          retrieveCurrentOrganization: () => gate.then(() => inner.retrieveCurrentOrganization()),
        };
      },
    });
    expect(verdict()).toHaveTextContent("Checking the mailbox…");
    control.destroy();
    view.unmount();
    await act(async () => {
      release();
      await gate;
    });
    expect(view.container.innerHTML).toBe("");
  });

  it("a 401 alert shows in the latest alerts with its time", async () => {
    mount({ dump: () => healthyDump({ tracelogs: [alertRow(ALERT_401_EN)] }) });
    fireEvent.click(await screen.findByRole("button", { name: "401 alerts (1)" }));
    await waitFor(() => expect(screen.getByTestId("alerts")).toHaveTextContent("Http server returned 401 Unauthorized exception."));
    expect(screen.getByTestId("alerts")).toHaveTextContent("Nov 20, 2026");
  });

  it("a mailbox changed on the form is followed", async () => {
    const { update, mock } = mount({ dump: () => healthyDump({ mailboxes: [mailboxRow(), mailboxRow({ mailboxid: "99999999-9999-4999-8999-999999999999", emailaddress: "x@contoso.com" })] }) });
    await waitFor(() => expect(verdict()).toHaveTextContent("No problems found"));
    update({ entityId: "{99999999-9999-4999-8999-999999999999}" });
    await waitFor(() => expect(verdict()).toHaveTextContent("Cause 1"));
    expect(mock.calls.filter((c) => c.table === "mailbox")).toHaveLength(2);
  });

  it("maps the host's Fluent 2 tokens to one theme object while they stay the same; narrow under 350 px", async () => {
    const tokenTheme = { colorNeutralBackground1: "#292929", colorNeutralForeground1: "#ffffff", colorBrandBackground: "#115ea3" };
    const { control, mock, view } = mount({ fluentDesignLanguage: { tokenTheme, isDarkTheme: true }, width: 300 });
    const first = control.updateView(mock.context);
    const second = control.updateView(mock.context);
    const props = (e: React.ReactElement) => e.props as { theme?: { isInverted: boolean; semanticColors: { bodyBackground: string } }; narrow: boolean };
    expect(props(first).theme?.isInverted).toBe(true);
    expect(props(first).theme?.semanticColors.bodyBackground).toBe("#292929");
    expect(props(second).theme).toBe(props(first).theme);
    expect(props(first).narrow).toBe(true);
    mock.set({ width: 349, fluentDesignLanguage: undefined });
    expect(props(control.updateView(mock.context)).narrow).toBe(true);
    expect(props(control.updateView(mock.context)).theme).toBeUndefined();
    mock.set({ width: 350 });
    expect(props(control.updateView(mock.context)).narrow).toBe(false);
    view.rerender(control.updateView(mock.context));
    await waitFor(() => expect(verdict()).toHaveTextContent("No problems found"));
  });
});
