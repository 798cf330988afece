/**
 * Test & Enable on the form, through the real index.ts: nothing is written on load, on Recheck or on
 * Cancel; the confirmed click writes once; a read-only form or a user without Write on mailboxes gets the
 * actions disabled, with the reason. `context.webAPI.updateRecord` is the fake at the Web API boundary.
 */
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MailboxHealth } from "../../MailboxHealth";
import { createContext } from "../support/context";
import type { ContextOptions } from "../support/context";
import { healthyDump, IDS, mailboxRow } from "../support/rows";

function mount(options: Partial<ContextOptions> = {}, canWrite?: boolean) {
  const mock = createContext({ dump: () => healthyDump(), ...options });
  const hasEntityPrivilege = jest.fn(() => canWrite ?? true);
  if (canWrite !== undefined) (mock.context as unknown as { utils: unknown }).utils = { hasEntityPrivilege };
  const updateRecord = mock.context.webAPI.updateRecord as jest.Mock;
  updateRecord.mockResolvedValue({ entityType: "mailbox", id: IDS.mailbox });
  const control = new MailboxHealth();
  control.init(mock.context, jest.fn());
  const view = render(control.updateView(mock.context));
  const rerender = () => act(() => view.rerender(control.updateView(mock.context)));
  return { mock, control, updateRecord, hasEntityPrivilege, rerender };
}

const testEnable = () => screen.getByRole("button", { name: "Test & Enable the mailbox Alex Wilber" });
/** A mailbox whose address differs from its user's: cause 1, whose fix ends with a test. */
const wrongAddress = () => healthyDump({ mailboxes: [mailboxRow({ emailaddress: "someone.else@contoso.com" })] });

/**
 * The confirmation both buttons open: the button found by its name, then Cancel, writes nothing; the
 * button again (by its test id: while the dialog fades out, Fluent hides the rest of the page from the
 * accessibility tree) and the confirmed click write once, and the control waits for the test.
 */
async function cancelThenConfirm(button: () => HTMLElement, testId: string, updateRecord: jest.Mock) {
  fireEvent.click(button());
  const dialog = await screen.findByRole("alertdialog");
  expect(dialog).toHaveTextContent("Server-side synchronization will test incoming email, outgoing email and appointments, contacts and tasks");
  fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
  await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
  expect(updateRecord).not.toHaveBeenCalled();

  fireEvent.click(screen.getByTestId(testId));
  await screen.findByRole("alertdialog");
  fireEvent.click(screen.getByTestId("confirm-action"));
  await waitFor(() => expect(screen.getByTestId("loop-waiting")).toBeInTheDocument());
  expect(updateRecord).toHaveBeenCalledTimes(1);
  expect(updateRecord).toHaveBeenCalledWith("mailbox", IDS.mailbox, { testemailconfigurationscheduled: true });
}

describe("Test & Enable on the form", () => {
  it("no write on load, on Recheck or on Cancel; one write on the confirmed click", async () => {
    const { updateRecord, control } = mount();
    await waitFor(() => expect(screen.getByTestId("verdict")).toHaveTextContent("No problems found"));
    fireEvent.click(screen.getByRole("button", { name: "Recheck the mailbox Alex Wilber" }));
    await waitFor(() => expect(screen.getByTestId("verdict")).toHaveTextContent("No problems found"));
    await cancelThenConfirm(testEnable, "action-test-enable", updateRecord);
    expect(screen.getByTestId("loop-waiting")).toHaveTextContent("Test & Enable requested just now: waiting for server-side synchronization.");
    expect(screen.getByTestId("action-test-enable")).toHaveAttribute("aria-disabled", "true");
    control.destroy();
  }, 30_000);

  it("the step after each fix points to the control's own Test & Enable, and to the command bar where the control may not write", async () => {
    const { control } = mount({ dump: wrongAddress });
    await waitFor(() => expect(screen.getByTestId("shared-step")).toHaveTextContent("Save the mailbox, then select Test & Enable; the control checks again after the test."));
    control.destroy();
    document.body.innerHTML = "";
    mount({ dump: wrongAddress, disabled: true });
    await waitFor(() => expect(screen.getByTestId("shared-step")).toHaveTextContent("Save the mailbox, select Test & Enable Mailbox, then select Recheck."));
  });

  it("Test & Enable inside the open finding: the same dialog; Cancel writes nothing, the confirmed click writes once", async () => {
    const { updateRecord, control } = mount({ dump: wrongAddress });
    const finding = await screen.findByRole("listitem", { name: /Mailbox address matches Exchange/ });
    const step = () => within(finding).getByRole("button", { name: "Test & Enable" });
    expect(step()).toHaveAttribute("data-testid", "finding-test-enable");
    await cancelThenConfirm(step, "finding-test-enable", updateRecord);
    // While the test is awaited, a second click does nothing.
    expect(screen.getByTestId("finding-test-enable")).toHaveAttribute("aria-disabled", "true");
    fireEvent.click(screen.getByTestId("finding-test-enable"));
    // The confirmed dialog fades out and no new one opens.
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(updateRecord).toHaveBeenCalledTimes(1);
    control.destroy();
  }, 30_000);

  it("Test & Enable inside the finding on a read-only form: disabled, with the same reason", async () => {
    const { updateRecord } = mount({ dump: wrongAddress, disabled: true });
    await screen.findByRole("listitem", { name: /Mailbox address matches Exchange/ });
    const step = screen.getByTestId("finding-test-enable");
    expect(step).toHaveAttribute("aria-disabled", "true");
    const reason = screen.getByTestId("loop-blocked");
    expect(reason).toHaveTextContent("Test & Enable and Approve are not available: the form is read-only.");
    expect(step).toHaveAttribute("aria-describedby", reason.id);
    expect(testEnable()).toHaveAttribute("aria-describedby", reason.id);
    fireEvent.click(step);
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(updateRecord).not.toHaveBeenCalled();
  });

  it("a read-only form: disabled, with the reason, and nothing written", async () => {
    const { updateRecord } = mount({ disabled: true });
    await waitFor(() => expect(screen.getByTestId("verdict")).toHaveTextContent("No problems found"));
    expect(testEnable()).toHaveAttribute("aria-disabled", "true");
    expect(screen.getByTestId("loop-blocked")).toHaveTextContent("Test & Enable and Approve are not available: the form is read-only.");
    fireEvent.click(testEnable());
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(updateRecord).not.toHaveBeenCalled();
  });

  it("no Write privilege on mailboxes (utils.hasEntityPrivilege): disabled, with the reason", async () => {
    const { hasEntityPrivilege } = mount({}, false);
    await waitFor(() => expect(screen.getByTestId("verdict")).toHaveTextContent("No problems found"));
    expect(hasEntityPrivilege).toHaveBeenCalledWith("mailbox", 3, 0);
    expect(testEnable()).toHaveAttribute("aria-disabled", "true");
    expect(screen.getByTestId("loop-blocked")).toHaveTextContent("your security role may not change mailboxes");
  });

  it("offline: disabled, with the reason", async () => {
    const { mock, rerender } = mount();
    await waitFor(() => expect(screen.getByTestId("verdict")).toHaveTextContent("No problems found"));
    expect(testEnable()).not.toHaveAttribute("aria-disabled", "true");
    mock.set({ offline: true });
    rerender();
    expect(testEnable()).toHaveAttribute("aria-disabled", "true");
    expect(screen.getByTestId("loop-blocked")).toHaveTextContent("while you are offline");
  });
});

describe("Approve email inside the open finding", () => {
  const pending = () => healthyDump({ mailboxes: [mailboxRow({ emailrouteraccessapproval: 2 })] });

  it("replaces the step that points to the command bar: the same dialog, Cancel writes nothing, the confirmed click writes the approval once", async () => {
    const { updateRecord, control } = mount({ dump: pending });
    const finding = await screen.findByRole("listitem", { name: /Email address approved/ });
    expect(finding).not.toHaveTextContent("On the mailbox, select Approve Email.");
    const step = within(finding).getByTestId("finding-approve");
    expect(step).toHaveTextContent("Approve email");
    fireEvent.click(step);
    await screen.findByRole("alertdialog", { name: "Approve the email address?" });
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(updateRecord).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId("finding-approve"));
    await screen.findByRole("alertdialog");
    fireEvent.click(screen.getByTestId("confirm-action"));
    await waitFor(() => expect(updateRecord).toHaveBeenCalledTimes(1));
    expect(updateRecord).toHaveBeenCalledWith("mailbox", IDS.mailbox, { emailrouteraccessapproval: 1 });
    control.destroy();
  }, 30_000);

  it("on a read-only form: disabled, with the reason", async () => {
    mount({ dump: pending, disabled: true });
    await screen.findByRole("listitem", { name: /Email address approved/ });
    const step = screen.getByTestId("finding-approve");
    expect(step).toHaveAttribute("aria-disabled", "true");
    expect(step).toHaveAttribute("aria-describedby", screen.getByTestId("loop-blocked").id);
  });
});
