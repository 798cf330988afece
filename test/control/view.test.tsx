import * as React from "react";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MailboxHealthView } from "../../MailboxHealth/components/MailboxHealthView";
import type { MailboxHealthViewProps } from "../../MailboxHealth/components/MailboxHealthView";
import type { CheckState } from "../../MailboxHealth/diagnosis/controller";
import { localizer, resx } from "../support/strings";
import { alertRow, ALERT_401_CS, ALERT_401_EN, CLIENT_URL, diagnose, exoProfileRow, healthyDump, hybridProfileRow, IDS, mailboxRow, userRow } from "../support/rows";

const CHECKED_AT = new Date("2026-11-20T09:01:00Z");

async function doneState(dump = problemDump()): Promise<CheckState> {
  return { phase: "done", result: await diagnose(dump), checkedAt: CHECKED_AT };
}

/**
 * Problems: address mismatch, disabled user. Warning: not approved by a Microsoft 365 admin.
 * To verify: the Exchange Online licence (a 401 after the last test). The alert details hold markup.
 */
function problemDump() {
  return healthyDump({
    systemusers: [userRow({ internalemailaddress: "alex.wilber@contoso.com", isdisabled: true })],
    mailboxes: [mailboxRow({ isemailaddressapprovedbyo365admin: false })],
    tracelogs: [alertRow(`${ALERT_401_EN} <img src="x" onerror="alert(1)"> <b>bold</b>`)],
  });
}

/** An Exchange Server (Hybrid) profile for an Exchange Online mailbox, Basic to EWS, a 401. */
function hybridDump(alert = ALERT_401_EN) {
  return healthyDump({ emailserverprofiles: [hybridProfileRow()], tracelogs: [alertRow(alert)] });
}

/**
 * Another tenant with server-to-server incoming; outgoing uses the same settings, its own column still
 * says OAuth (7): the tenant problem shows the setting, not the stale outgoing value.
 */
function sameSettingsDump() {
  return healthyDump({
    emailserverprofiles: [exoProfileRow({ exchangeonlinetenantid: IDS.otherTenant, usedefaulttenantid: false, incomingcredentialretrieval: 2, outgoingcredentialretrieval: 7 })],
  });
}

/** The evidence of a card as "label: value" lines, the logical names left out. */
function evidenceLines(card: HTMLElement): string[] {
  return Array.from(card.querySelectorAll("dt")).map((dt) => {
    const dd = dt.nextElementSibling as HTMLElement;
    const value = Array.from(dd.childNodes).filter((n) => !(n instanceof HTMLElement && n.title)).map((n) => n.textContent).join("").trim();
    return `${dt.textContent}: ${value}`;
  });
}

function props(state: CheckState, over: Partial<MailboxHealthViewProps> = {}): MailboxHealthViewProps {
  return {
    l: localizer(1033),
    field: { label: "Email Address", value: "alexw@contoso.com", readOnly: false, masked: false, onChange: jest.fn() },
    availability: { kind: "ready" },
    state,
    mailboxName: "Alex Wilber",
    showPassed: false,
    showAlerts: true,
    narrow: false,
    clientUrl: CLIENT_URL,
    onCheck: jest.fn(),
    ...over,
  };
}

const EN = resx(1033);
const text = (key: string, args: Record<string, string | number> = {}) => EN[key].replace(/\{(\w+)\}/g, (all, n: string) => (n in args ? String(args[n]) : all));

/** Opens every closed finding, and the toggles below them. */
function openAll() {
  for (const b of screen.queryAllByRole("button", { expanded: false })) fireEvent.click(b);
}

describe("the view, in English from the real resx", () => {
  it("the headline names the most likely cause and why; the counts are announced", async () => {
    render(<MailboxHealthView {...props(await doneState())} />);
    const verdict = screen.getByTestId("verdict");
    expect(verdict).toHaveTextContent(`Cause 1: ${EN["Headline_address-mismatch"]}`);
    expect(verdict).toHaveAttribute("data-status", "problem");
    expect(screen.getByTestId("headline")).toHaveTextContent(text("Why_ArticleCause", { n: 2 }));
    expect(screen.getByTestId("headline")).toHaveTextContent("Checked at 9:01 AM");
    expect(screen.getByTestId("announcement")).toHaveTextContent("2 problems, 1 warning, 1 to verify");
  });

  it("one line per finding: problems (the lead first, open), warnings; the explained check under If the problem remains", async () => {
    const { container } = render(<MailboxHealthView {...props(await doneState())} />);
    const rows = within(screen.getByTestId("findings")).getAllByRole("listitem", { name: /./ });
    expect(rows.map((li) => li.getAttribute("data-rule"))).toEqual(["address-mismatch", "owner-state", "email-approval"]);
    expect(rows.map((li) => li.getAttribute("data-open"))).toEqual(["true", "false", "false"]);
    expect(within(screen.getByTestId("if-remains")).getByRole("listitem", { name: /Exchange Online licence/ })).toHaveAttribute("data-status", "unverified");
    expect(screen.getByText(EN.Section_IfRemains)).toBeInTheDocument();
    const owner = within(rows[1]).getByRole("button", { name: /Owner can use the mailbox/ });
    expect(owner).toHaveAttribute("aria-expanded", "false");
    fireEvent.click(owner);
    expect(owner).toHaveAttribute("aria-expanded", "true");
    expect(container.querySelector("#mbxh-owner-state-body")).not.toHaveAttribute("hidden");
  });

  it("passed and not applicable stay collapsed, on one line", async () => {
    render(<MailboxHealthView {...props(await doneState())} />);
    const passed = screen.getByRole("button", { name: /^Passed \(\d+\)$/ });
    expect(passed).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryByTestId("section-ok")).toBeNull();
    fireEvent.click(passed);
    expect(passed).toHaveAttribute("aria-expanded", "true");
    expect(screen.getByTestId("section-ok")).toBeInTheDocument();
  });

  it("shows passed checks expanded when the form property says so", async () => {
    render(<MailboxHealthView {...props(await doneState(), { showPassed: true })} />);
    expect(screen.getByTestId("section-ok")).toBeInTheDocument();
    expect(screen.getByTestId("section-not-applicable")).toBeInTheDocument();
  });

  it("the open finding: evidence by display name with the logical name as secondary text, its own steps, links", async () => {
    render(<MailboxHealthView {...props(await doneState())} />);
    const card = screen.getByRole("listitem", { name: /Mailbox address matches Exchange/ });
    const c = within(card);
    expect(c.getByText("The mailbox's address differs from its user's primary email address.")).toBeInTheDocument();
    expect(c.getByText("Email Address (mailbox)")).toBeInTheDocument();
    expect(c.getByText("Primary Email (user)")).toBeInTheDocument();
    expect(c.getByTitle("systemuser.internalemailaddress")).toHaveTextContent("internalemailaddress");
    expect(card.textContent).toContain("alex.wilber@contoso.com");
    expect(c.getAllByRole("listitem").map((li) => li.textContent)).toContain(
      "Make the user's Primary Email and the mailbox's Email Address the same as the primary SMTP address in Exchange.",
    );
    expect(c.getByRole("link", { name: "Open the user" })).toHaveAttribute("href", `${CLIENT_URL}/main.aspx?pagetype=entityrecord&etn=systemuser&id=${IDS.user}`);
    expect(c.getByRole("link", { name: "Test & Enable fails for an unrecognized address" })).toHaveAttribute(
      "href",
      "https://learn.microsoft.com/en-us/troubleshoot/power-platform/dataverse/email-exchange-synchronization/test-enable-fails-for-unrecognized-email-address",
    );
    // The lead's article link is in the headline, once.
    expect(screen.getAllByRole("link", { name: text("View_CauseLink", { cause: 1 }) })).toHaveLength(1);
  });

  it("the Test & Enable step once, after the findings; no link to the mailbox on its own form", async () => {
    render(<MailboxHealthView {...props(await doneState())} />);
    openAll();
    const steps = screen.getAllByText(/select Test & Enable Mailbox/);
    expect(steps).toHaveLength(1);
    expect(screen.getByTestId("shared-step")).toContainElement(steps[0]);
    expect(screen.queryByRole("link", { name: "Open the mailbox" })).toBeNull();
  });

  it("the control's Test & Enable is the last step of each open finding whose fix ends with a test, and nowhere else", async () => {
    const step = <button type="button">Run the test</button>;
    const state = await doneState();
    render(<MailboxHealthView {...props(state, { testStep: step })} />);
    // Open on load: the lead (address, its fix ends with Save and Test & Enable); closed, nothing of their steps is rendered.
    const lead = screen.getByRole("listitem", { name: /Mailbox address matches Exchange/ });
    const ownList = within(lead).getByRole("list", { name: "" });
    const items = within(ownList).getAllByRole("listitem");
    expect(items[items.length - 1]).toContainElement(within(lead).getByRole("button", { name: "Run the test" }));
    expect(screen.getAllByRole("button", { name: "Run the test" })).toHaveLength(1);
    openAll();
    // Every finding opened: one in each listed finding whose last step is "Test & Enable, then Recheck".
    const shown = Array.from(document.querySelectorAll("li[data-rule][data-open]")).map((li) => li.getAttribute("data-rule"));
    const findings = state.phase === "done" ? state.result.findings : [];
    const withTest = findings
      .filter((f) => shown.includes(f.rule) && ["Fix_TestEnable", "Fix_SaveAndTestEnable"].includes(f.fix[f.fix.length - 1]?.key))
      .map((f) => f.rule);
    expect(withTest).toEqual(expect.arrayContaining(["address-mismatch", "owner-state"]));
    expect(withTest.length).toBeLessThan(shown.length);
    for (const rule of withTest) {
      const card = document.querySelector(`li[data-rule="${rule}"]`) as HTMLElement;
      expect(within(card).getAllByRole("button", { name: "Run the test" })).toHaveLength(1);
    }
    expect(screen.getAllByRole("button", { name: "Run the test" })).toHaveLength(withTest.length);
    // The shared step after the findings stays, once.
    expect(screen.getByTestId("shared-step")).not.toContainElement(screen.getAllByRole("button", { name: "Run the test" })[0]);
  });

  it("without the control's Test & Enable (the host cannot write), a finding's steps have no button", async () => {
    render(<MailboxHealthView {...props(await doneState())} />);
    openAll();
    for (const ol of Array.from(document.querySelectorAll("ol"))) expect(within(ol as HTMLElement).queryAllByRole("button")).toEqual([]);
  });

  it("labels option values in evidence", async () => {
    render(<MailboxHealthView {...props(await doneState(hybridDump()))} />);
    openAll();
    const card = screen.getByRole("listitem", { name: /Right profile type for an Exchange Online mailbox/ });
    expect(within(card).getByText("2 (Exchange Server (Hybrid))")).toBeInTheDocument();
  });

  it("shows \"Use Same Settings for Outgoing Connection\" by its form label, Yes as the form says it", async () => {
    render(<MailboxHealthView {...props(await doneState(sameSettingsDump()))} />);
    openAll();
    const card = screen.getByRole("listitem", { name: /Dynamics 365 and Exchange Online in the same tenant/ });
    expect(evidenceLines(card)).toEqual(
      expect.arrayContaining(["Authentication Type, incoming (profile): 2 (Server to server authentication)", "Use Same Settings for Outgoing Connection (profile): Yes"]),
    );
    expect(within(card).getByTitle("emailserverprofile.usesamesettingsforoutgoingconnections")).toHaveTextContent("usesamesettingsforoutgoingconnections");
    expect(within(card).queryByTitle("emailserverprofile.outgoingcredentialretrieval")).toBeNull();
  });

  it("every link goes to an allow-listed Microsoft host or the org itself, in a new tab", async () => {
    render(<MailboxHealthView {...props(await doneState(), { showPassed: true })} />);
    openAll();
    const links = screen.getAllByRole("link");
    expect(links.length).toBeGreaterThan(6);
    for (const a of links) {
      const url = new URL(a.getAttribute("href") ?? "");
      expect(["learn.microsoft.com", "admin.microsoft.com", "admin.exchange.microsoft.com", "contoso.crm4.dynamics.com"]).toContain(url.hostname);
      expect(a).toHaveAttribute("target", "_blank");
      expect(a).toHaveAttribute("rel", "noopener noreferrer");
    }
  });

  it("drops a link to a host outside the allow-list", async () => {
    const state = await doneState();
    if (state.phase !== "done") throw new Error("unreachable");
    state.result.findings[0].links.push({ label: { key: "Link_OpenUser" }, url: "https://evil.example.com/phish" });
    render(<MailboxHealthView {...props(state)} />);
    openAll();
    expect(screen.getAllByRole("link").some((a) => a.getAttribute("href")?.includes("evil.example.com"))).toBe(false);
  });

  it("renders server text as text, never as HTML", async () => {
    const { container } = render(<MailboxHealthView {...props(await doneState())} />);
    openAll();
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("b")).toBeNull();
    expect(screen.getAllByText(/<img src="x" onerror="alert\(1\)">/).length).toBeGreaterThan(0);
  });

  it("the latest 401 alerts, behind one toggle, with their time", async () => {
    render(<MailboxHealthView {...props(await doneState())} />);
    const toggle = screen.getByRole("button", { name: text("Alerts_Toggle", { n: 1 }) });
    fireEvent.click(toggle);
    const alerts = within(screen.getByTestId("alert-list"));
    expect(alerts.getByText(/Http server returned 401 Unauthorized exception\./)).toBeInTheDocument();
    expect(alerts.getByText(/Nov 20, 2026, 7:30 AM · Mailbox/)).toBeInTheDocument();
  });

  it("an alert quoted as evidence is referred to, not repeated", async () => {
    const alert = `${ALERT_401_EN} Url: https://outlook.office365.com/EWS/Exchange.asmx`;
    render(<MailboxHealthView {...props(await doneState(hybridDump(alert)))} />);
    openAll();
    // Once, in the alert list; the headline and the evidence refer to it by its time.
    expect(screen.getAllByText(new RegExp(alert.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))).toHaveLength(1);
    expect(screen.getByTestId("headline")).toHaveTextContent(text("Why_MatchingAlert", { time: "Nov 20, 2026, 7:30 AM" }));
  });

  it("marks 401 alerts older than the last successful Test & Enable as history", async () => {
    const old = alertRow(ALERT_401_EN, { createdon: "2026-09-29T16:20:00Z", modifiedon: "2026-09-29T16:20:00Z" });
    const state = await doneState(healthyDump({ tracelogs: [old] }));
    render(<MailboxHealthView {...props(state)} />);
    expect(screen.getByTestId("verdict")).toHaveTextContent("No problems found");
    fireEvent.click(screen.getByRole("button", { name: text("Alerts_Toggle", { n: 1 }) }));
    const item = within(screen.getByTestId("alert-list")).getByRole("listitem");
    expect(item).toHaveTextContent("Sep 29, 2026, 4:20 PM · Mailbox · before the last successful Test & Enable");
    expect(item).toHaveAttribute("data-history", "true");
  });

  it("hides the alerts when the form property says so", async () => {
    render(<MailboxHealthView {...props(await doneState(), { showAlerts: false })} />);
    expect(screen.queryByRole("button", { name: /401/ })).toBeNull();
  });

  it("a record link opens inside the app when the host can", async () => {
    const onOpenRecord = jest.fn(() => true);
    render(<MailboxHealthView {...props(await doneState(), { onOpenRecord })} />);
    fireEvent.click(screen.getAllByRole("link", { name: "Open the user" })[0]);
    expect(onOpenRecord).toHaveBeenCalledWith(`${CLIENT_URL}/main.aspx?pagetype=entityrecord&etn=systemuser&id=${IDS.user}`);
  });

  it("Recheck is a button with a name that says what it rechecks, busy while checking", async () => {
    const done = await doneState();
    const onCheck = jest.fn();
    const { rerender } = render(<MailboxHealthView {...props(done, { onCheck })} />);
    const button = screen.getByRole("button", { name: "Recheck the mailbox Alex Wilber" });
    expect(button).toHaveTextContent("Recheck");
    fireEvent.click(button);
    expect(onCheck).toHaveBeenCalledTimes(1);
    if (done.phase !== "done") throw new Error("unreachable");
    rerender(<MailboxHealthView {...props({ phase: "checking", previous: done.result, checkedAt: CHECKED_AT }, { onCheck })} />);
    expect(screen.getByRole("button", { name: "Recheck the mailbox Alex Wilber" })).toHaveAttribute("aria-disabled", "true");
    expect(screen.getByRole("button", { name: "Recheck the mailbox Alex Wilber" })).toHaveAttribute("aria-busy", "true");
    expect(screen.getByTestId("verdict")).toHaveTextContent("Cause 1");
    expect(screen.getByTestId("announcement")).toHaveTextContent("Checking the mailbox…");
  });

  it("after a failed Recheck: one button, Try again, and the earlier result marked as such", async () => {
    const done = await doneState();
    if (done.phase !== "done") throw new Error("unreachable");
    render(<MailboxHealthView {...props({ phase: "failed", error: { kind: "server", message: "" }, previous: done.result, checkedAt: CHECKED_AT })} />);
    expect(screen.getByRole("button", { name: EN.Action_Retry })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Recheck/ })).toBeNull();
    expect(await screen.findByText(new RegExp(text("State_ShowingPrevious", { time: "9:01 AM" }).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))).toBeInTheDocument();
    expect(screen.getByTestId("headline")).toHaveTextContent(text("Status_LastCheckedAt", { time: "9:01 AM" }));
  });

  it("throttling counts down, then says it can be tried again", async () => {
    jest.useFakeTimers();
    try {
      const onCheck = jest.fn();
      render(<MailboxHealthView {...props({ phase: "failed", error: { kind: "throttled", message: "", retryAfterSeconds: 3 } }, { onCheck })} />);
      const retry = screen.getByRole("button", { name: EN.Action_Retry });
      expect(screen.getAllByText(text("State_Throttled", { seconds: 3 })).length).toBeGreaterThan(0);
      // "Try again in 3 s" with a button that tries now would contradict itself: it waits for the count.
      expect(retry).toHaveAttribute("aria-disabled", "true");
      fireEvent.click(retry);
      expect(onCheck).not.toHaveBeenCalled();
      act(() => void jest.advanceTimersByTime(1100));
      expect(screen.getAllByText(text("State_Throttled", { seconds: 2 })).length).toBeGreaterThan(0);
      expect(retry).toHaveAttribute("aria-disabled", "true");
      act(() => void jest.advanceTimersByTime(2100));
      expect(screen.getAllByText(EN.State_ThrottledOver).length).toBeGreaterThan(0);
      expect(retry).not.toHaveAttribute("aria-disabled");
      fireEvent.click(retry);
      expect(onCheck).toHaveBeenCalledTimes(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it("a field that differs from the checked address says which address the results are for", async () => {
    render(<MailboxHealthView {...props(await doneState(), { field: { label: "Email Address", value: "new@contoso.com", readOnly: false, masked: false, onChange: jest.fn() } })} />);
    expect(await screen.findByText(text("Field_Unsaved", { address: "alexw@contoso.com" }))).toBeInTheDocument();
  });

  it("the field rejects what the standard Email control rejects, and keeps it from the form", async () => {
    const onChange = jest.fn();
    render(<MailboxHealthView {...props(await doneState(), { field: { label: "Email Address", value: "alexw@contoso.com", readOnly: false, masked: false, onChange } })} />);
    const box = screen.getByRole("textbox", { name: "Email Address" });
    fireEvent.change(box, { target: { value: "not an email" } });
    fireEvent.blur(box);
    expect(onChange).not.toHaveBeenCalled();
    expect(await screen.findByText(EN.Field_Invalid)).toBeInTheDocument();
    fireEvent.change(box, { target: { value: "adele.vance@contoso.com" } });
    expect(onChange).toHaveBeenLastCalledWith("adele.vance@contoso.com");
    await waitFor(() => expect(screen.queryByText(EN.Field_Invalid)).toBeNull());
  });

  it("no privilege on a table: one card naming the privilege and the checks it blocks", async () => {
    const error = { errorCode: 2147746336, code: "0x80040220", message: "Principal user (Id=1, type=8) is missing prvReadEmailServerProfile privilege (Id=2)" };
    const state: CheckState = { phase: "done", result: await diagnose(healthyDump(), { failures: { emailserverprofile: error } }), checkedAt: CHECKED_AT };
    render(<MailboxHealthView {...props(state)} />);
    const card = screen.getByTestId("unreadable-profile");
    expect(card).toHaveTextContent("prvReadEmailServerProfile");
    expect(within(card).getAllByRole("listitem").length).toBeGreaterThan(1);
    expect(screen.queryAllByTestId(/^unreadable-/)).toHaveLength(1);
    expect(screen.queryByText(/for example the System Administrator role/)).toBeNull();
  });

  it("no sentence appears twice", async () => {
    const { container } = render(<MailboxHealthView {...props(await doneState(), { showPassed: true })} />);
    openAll();
    const sentences = (container.textContent ?? "").split(/(?<=[.!?])\s+/).map((x) => x.trim()).filter((x) => x.split(" ").length >= 4);
    expect(sentences.filter((x, i) => sentences.indexOf(x) !== i)).toEqual([]);
  });

  it("no sentence appears twice when several checks cannot decide for the same column", async () => {
    // A delivery method with a value that is not documented: each cause check needs it.
    const state = await doneState(healthyDump({ mailboxes: [mailboxRow({ incomingemaildeliverymethod: 9 })] }));
    const { container } = render(<MailboxHealthView {...props(state, { showPassed: true })} />);
    openAll();
    const sentences = (container.textContent ?? "").split(/(?<=[.!?])\s+/).map((x) => x.trim()).filter((x) => x.split(" ").length >= 4);
    expect(sentences.filter((x, i) => sentences.indexOf(x) !== i)).toEqual([]);
    expect(screen.getAllByText(/^Cannot decide: this check needs mailbox\.incomingemaildeliverymethod/)).toHaveLength(1);
    expect(screen.getAllByText(/^Same reason as “.+”\.$/).length).toBeGreaterThan(1);
  });

  it("announces the result to screen readers", async () => {
    render(<MailboxHealthView {...props(await doneState())} />);
    const status = screen.getByTestId("announcement");
    expect(status).toHaveAttribute("role", "status");
    expect(status).toHaveAttribute("aria-live", "polite");
    expect(status).toHaveTextContent(/^Check complete: Cause 1: .*\. 2 problems, 1 warning, 1 to verify$/);
  });

  it("a narrow layout still shows everything", async () => {
    render(<MailboxHealthView {...props(await doneState(), { narrow: true })} />);
    expect(screen.getByTestId("verdict")).toHaveTextContent("Cause 1");
    expect(screen.getByRole("listitem", { name: /Mailbox address matches Exchange/ })).toBeInTheDocument();
  });
});

describe("the view, in Czech from the real resx", () => {
  it("verdict, sections, finding texts, options and Learn links in Czech", async () => {
    const state = await doneState(
      healthyDump({
        systemusers: [userRow({ internalemailaddress: "alex.wilber@contoso.com" })],
        emailserverprofiles: [hybridProfileRow({ incomingauthenticationprotocol: 2, outgoingauthenticationprotocol: 2 })],
        mailboxes: [mailboxRow({ outgoingemailstatus: 0 })],
        tracelogs: [alertRow(ALERT_401_CS)],
      }),
    );
    render(<MailboxHealthView {...props(state, { l: localizer(1029) })} />);
    expect(screen.getByTestId("verdict")).toHaveTextContent("Příčina 1: Adresa schránky neodpovídá Exchange");
    expect(screen.getByTestId("headline")).toHaveTextContent("Zkontrolováno v 9:01");
    const card = within(screen.getByRole("listitem", { name: /Adresa schránky odpovídá Exchange/ }));
    expect(card.getByText("Adresa schránky se liší od primární e-mailové adresy jejího uživatele.")).toBeInTheDocument();
    expect(card.getByText("E-mailová adresa (schránka)")).toBeInTheDocument();
    expect(card.getByText("Primární e-mail (uživatel)")).toBeInTheDocument();
    expect(card.getByRole("link", { name: "Test a povolení selžou u nerozpoznané adresy" })).toHaveAttribute(
      "href",
      "https://learn.microsoft.com/cs-cz/troubleshoot/power-platform/dataverse/email-exchange-synchronization/test-enable-fails-for-unrecognized-email-address",
    );
    openAll();
    const hybrid = within(screen.getByRole("listitem", { name: /Správný typ profilu pro schránku v Exchange Online/ }));
    expect(hybrid.getByText("2 (Exchange Server (hybridní))")).toBeInTheDocument();
    // The name contains the visible text (WCAG 2.5.3, label in name).
    expect(screen.getByRole("button", { name: "Zkontrolovat znovu poštovní schránku Alex Wilber" })).toHaveTextContent("Zkontrolovat znovu");
    expect(screen.getByTestId("announcement")).toHaveTextContent(/^Kontrola dokončena: Příčina 1: .*\. 2 problémy, 1 upozornění/);
  });

  it.each([
    [{ kind: "offline", message: "" }, "Jste offline. Kontroly potřebují připojení k Dynamics 365."],
    [{ kind: "throttled", message: "", retryAfterSeconds: 5 }, "Dynamics 365 teď omezuje počet požadavků. Zkuste to znovu za 5 s."],
    [{ kind: "server", message: "" }, "Poštovní schránku se nepodařilo načíst: server vrátil chybu."],
    [{ kind: "not-found", message: "" }, "Tato poštovní schránka už neexistuje, nebo k ní nemáte přístup."],
  ] as const)("failure %p in Czech, with Retry", async (error, text) => {
    const onCheck = jest.fn();
    render(<MailboxHealthView {...props({ phase: "failed", error: { ...error } }, { l: localizer(1029), onCheck })} />);
    expect(screen.getByTestId("announcement")).toHaveTextContent(text);
    expect(screen.getByTestId("verdict")).toHaveTextContent("Nezkontrolováno");
    await waitFor(() => expect(screen.getAllByText(text)).toHaveLength(2));
    fireEvent.click(screen.getByRole("button", { name: "Zkusit znovu" }));
    // Throttled: the button waits for the Retry-After it names.
    expect(onCheck).toHaveBeenCalledTimes(error.kind === "throttled" ? 0 : 1);
  });

  it("\"Use Same Settings for Outgoing Connection\" in Czech, Ano as the form says it", async () => {
    render(<MailboxHealthView {...props(await doneState(sameSettingsDump()), { l: localizer(1029) })} />);
    openAll();
    const card = screen.getByRole("listitem", { name: /Dynamics 365 a Exchange Online ve stejném tenantu/ });
    expect(evidenceLines(card)).toContain("Použít stejná nastavení pro odchozí připojení (profil): Ano");
  });

  it("not saved and other table in Czech", async () => {
    const { rerender } = render(<MailboxHealthView {...props({ phase: "idle" }, { l: localizer(1029), availability: { kind: "not-saved" } })} />);
    expect(await screen.findByText("Nejdřív poštovní schránku uložte. Kontroly čtou uložený záznam.")).toBeInTheDocument();
    rerender(<MailboxHealthView {...props({ phase: "idle" }, { l: localizer(1029), availability: { kind: "wrong-table", table: "contact" } })} />);
    expect(await screen.findByText(/Tento ovládací prvek prověřuje poštovní schránky/)).toBeInTheDocument();
  });
});
