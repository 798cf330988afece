/**
 * Copy report, through the real index.ts: the click copies this mailbox's diagnosis as Markdown (its
 * name, verdict, each problem with its evidence and fix), in the form's language; where the browser
 * refuses the clipboard, the same text is shown selected in a read-only field. `navigator.clipboard` is
 * the browser's, replaced here at that boundary.
 */
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MailboxHealth } from "../../MailboxHealth";
import { createContext } from "../support/context";
import type { ContextOptions } from "../support/context";
import { healthyDump, mailboxRow } from "../support/rows";

const wrongAddress = () => healthyDump({ mailboxes: [mailboxRow({ emailaddress: "someone.else@contoso.com" })] });

function mount(options: Partial<ContextOptions>, writeText: (text: string) => Promise<void>) {
  Object.defineProperty(navigator, "clipboard", { value: { writeText: jest.fn(writeText) }, configurable: true });
  const mock = createContext({ dump: wrongAddress, ...options });
  const control = new MailboxHealth();
  control.init(mock.context, jest.fn());
  render(control.updateView(mock.context));
  return { control, writeText: navigator.clipboard.writeText as jest.Mock };
}

afterEach(() => {
  delete (navigator as { clipboard?: unknown }).clipboard;
  document.body.innerHTML = "";
});

describe("Copy report", () => {
  it("copies the mailbox's diagnosis as Markdown and says so", async () => {
    const { writeText, control } = mount({}, () => Promise.resolve());
    await waitFor(() => expect(screen.getByTestId("verdict")).toHaveAttribute("data-status", "problem"));
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Copy report" }));
    });
    expect(writeText).toHaveBeenCalledTimes(1);
    const text: string = writeText.mock.calls[0][0];
    expect(text.startsWith("## Alex Wilber\n")).toBe(true);
    expect(text).toContain("### Problem: The mailbox address does not match Exchange");
    expect(text).toContain("- `mailbox.emailaddress`: someone.else@contoso.com");
    // Worded for a reader away from the form: no "select Recheck".
    expect(text).not.toMatch(/Recheck/);
    expect(screen.getByTestId("report-copied")).toHaveTextContent("Report copied");
    expect(screen.queryByTestId("report-text")).toBeNull();
    control.destroy();
  });

  it("in Czech on a Czech form", async () => {
    const { writeText } = mount({ lcid: 1029 }, () => Promise.resolve());
    await waitFor(() => expect(screen.getByTestId("verdict")).toHaveAttribute("data-status", "problem"));
    await act(async () => {
      fireEvent.click(screen.getByTestId("action-copy-report"));
    });
    const text: string = writeText.mock.calls[0][0];
    expect(text).toContain("### Problém:");
    expect(screen.getByTestId("report-copied").textContent).not.toBe("");
  });

  it("a refused clipboard: the same text, selected in a read-only field, and Close removes it", async () => {
    const copied: string[] = [];
    const { writeText } = mount({}, (text) => {
      copied.push(text);
      return Promise.reject(new DOMException("Write permission denied.", "NotAllowedError"));
    });
    await waitFor(() => expect(screen.getByTestId("verdict")).toHaveAttribute("data-status", "problem"));
    await act(async () => {
      fireEvent.click(screen.getByTestId("action-copy-report"));
    });
    expect(writeText).toHaveBeenCalledTimes(1);
    const field = (await screen.findByTestId("report-text")).querySelector("textarea")!;
    expect(field.readOnly).toBe(true);
    expect(field.value).toBe(copied[0]);
    expect(document.activeElement).toBe(field);
    expect([field.selectionStart, field.selectionEnd]).toEqual([0, copied[0].length]);
    expect(screen.getByTestId("report-copied")).toHaveTextContent("");
    fireEvent.click(screen.getByRole("button", { name: "Close" }));
    expect(screen.queryByTestId("report-text")).toBeNull();
  });

  it("no clipboard at all (an insecure page): the text is shown the same way", async () => {
    Object.defineProperty(navigator, "clipboard", { value: undefined, configurable: true });
    const mock = createContext({ dump: wrongAddress });
    const control = new MailboxHealth();
    control.init(mock.context, jest.fn());
    render(control.updateView(mock.context));
    await waitFor(() => expect(screen.getByTestId("verdict")).toHaveAttribute("data-status", "problem"));
    await act(async () => {
      fireEvent.click(screen.getByTestId("action-copy-report"));
    });
    expect((await screen.findByTestId("report-text")).querySelector("textarea")!.value).toContain("## Alex Wilber");
  });
});
