import * as React from "react";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MailboxHealthView } from "../../MailboxHealth/components/MailboxHealthView";
import type { MailboxHealthViewProps } from "../../MailboxHealth/components/MailboxHealthView";
import type { CheckState } from "../../MailboxHealth/diagnosis/controller";
import { localizer } from "../support/strings";
import { alertRow, ALERT_401_CS, ALERT_401_EN, CLIENT_URL, diagnose, healthyDump, hybridProfileRow, IDS, mailboxRow, userRow } from "../support/rows";

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

describe("the view, in English from the real resx", () => {
  it("verdict line counts problems, warnings and checks to verify", async () => {
    render(<MailboxHealthView {...props(await doneState())} />);
    expect(screen.getByTestId("verdict")).toHaveTextContent("2 problems, 1 warning, 1 to verify");
    expect(screen.getByText("Checked at 9:01 AM")).toBeInTheDocument();
  });

  it("lists problems, then warnings, then manual checks; passed and not applicable collapsed", async () => {
    const { container } = render(<MailboxHealthView {...props(await doneState())} />);
    const order = Array.from(container.querySelectorAll("[data-testid^=section-]")).map((e) => e.getAttribute("data-testid"));
    expect(order).toEqual(["section-problem", "section-warning", "section-unverified"]);
    const problems = within(screen.getByTestId("section-problem"));
    expect(problems.getAllByRole("listitem", { name: /./ }).map((li) => li.getAttribute("data-rule"))).toEqual([
      "address-mismatch",
      "owner-state",
    ]);
    const passed = screen.getByRole("button", { name: /Passed checks \(\d+\)/ });
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

  it("each finding has its title, detail, evidence (field and value), fix steps and links", async () => {
    render(<MailboxHealthView {...props(await doneState())} />);
    const card = screen.getByRole("listitem", { name: "Mailbox address matches Exchange" });
    const c = within(card);
    expect(c.getByText("Problem")).toBeInTheDocument();
    expect(c.getByText("The mailbox's address differs from its user's primary email address.")).toBeInTheDocument();
    expect(c.getByText("mailbox.emailaddress")).toBeInTheDocument();
    expect(c.getByText("alexw@contoso.com")).toBeInTheDocument();
    expect(c.getByText("systemuser.internalemailaddress")).toBeInTheDocument();
    expect(c.getByText("alex.wilber@contoso.com")).toBeInTheDocument();
    expect(c.getAllByRole("listitem").map((li) => li.textContent)).toContain(
      "Make the user's Primary Email and the mailbox's Email Address the same as the primary SMTP address in Exchange.",
    );
    expect(c.getByRole("link", { name: "Open the user" })).toHaveAttribute("href", `${CLIENT_URL}/main.aspx?pagetype=entityrecord&etn=systemuser&id=${IDS.user}`);
    expect(c.getByRole("link", { name: "Test & Enable fails for an unrecognized address" })).toHaveAttribute(
      "href",
      "https://learn.microsoft.com/en-us/troubleshoot/power-platform/dataverse/email-exchange-synchronization/test-enable-fails-for-unrecognized-email-address",
    );
    expect(c.getByRole("link", { name: "Cause 1 in Microsoft's article on the 401 error" })).toBeInTheDocument();
  });

  it("labels option values in evidence", async () => {
    render(<MailboxHealthView {...props(await doneState(hybridDump()))} />);
    const card = screen.getByRole("listitem", { name: "Right profile type for an Exchange Online mailbox" });
    expect(within(card).getByText("2 (Exchange Server (Hybrid))")).toBeInTheDocument();
  });

  it("every link goes to an allow-listed Microsoft host or the org itself, in a new tab", async () => {
    render(<MailboxHealthView {...props(await doneState(), { showPassed: true })} />);
    const links = screen.getAllByRole("link");
    expect(links.length).toBeGreaterThan(8);
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
    expect(screen.getAllByRole("link").some((a) => a.getAttribute("href")?.includes("evil.example.com"))).toBe(false);
  });

  it("renders server text as text, never as HTML", async () => {
    const { container } = render(<MailboxHealthView {...props(await doneState())} />);
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("b")).toBeNull();
    expect(screen.getAllByText(/<img src="x" onerror="alert\(1\)">/).length).toBeGreaterThan(0);
  });

  it("lists the latest 401 alerts with their time", async () => {
    render(<MailboxHealthView {...props(await doneState())} />);
    const alerts = within(screen.getByTestId("alerts"));
    expect(alerts.getByText("Latest 401 alerts")).toBeInTheDocument();
    expect(alerts.getByText(/Http server returned 401 Unauthorized exception\./)).toBeInTheDocument();
    expect(alerts.getByText(/Nov 20, 2026, 7:30 AM · Mailbox/)).toBeInTheDocument();
  });

  it("marks 401 alerts older than the last successful Test & Enable as history", async () => {
    const old = alertRow(ALERT_401_EN, { createdon: "2026-09-29T16:20:00Z", modifiedon: "2026-09-29T16:20:00Z" });
    const state = await doneState(healthyDump({ tracelogs: [old] }));
    render(<MailboxHealthView {...props(state)} />);
    expect(screen.getByTestId("verdict")).toHaveTextContent("No problems found");
    const item = within(screen.getByTestId("alerts")).getByRole("listitem");
    expect(item).toHaveTextContent("Sep 29, 2026, 4:20 PM · Mailbox · before the last successful Test & Enable");
    expect(item).toHaveAttribute("data-history", "true");
  });

  it("hides the alerts when the form property says so", async () => {
    render(<MailboxHealthView {...props(await doneState(), { showAlerts: false })} />);
    expect(screen.queryByTestId("alerts")).toBeNull();
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
    expect(screen.getByRole("button", { name: "Recheck the mailbox Alex Wilber" })).toBeDisabled();
    expect(screen.getByRole("button", { name: "Recheck the mailbox Alex Wilber" })).toHaveAttribute("aria-busy", "true");
    expect(screen.getByTestId("verdict")).toHaveTextContent("2 problems");
    expect(screen.getByTestId("announcement")).toHaveTextContent("Checking the mailbox…");
  });

  it("announces the result to screen readers", async () => {
    render(<MailboxHealthView {...props(await doneState())} />);
    const status = screen.getByTestId("announcement");
    expect(status).toHaveAttribute("role", "status");
    expect(status).toHaveAttribute("aria-live", "polite");
    expect(status).toHaveTextContent("Check complete: 2 problems, 1 warning, 1 to verify");
  });

  it("a narrow layout still shows everything", async () => {
    render(<MailboxHealthView {...props(await doneState(), { narrow: true })} />);
    expect(screen.getByTestId("verdict")).toHaveTextContent("2 problems");
    expect(screen.getByRole("listitem", { name: "Mailbox address matches Exchange" })).toBeInTheDocument();
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
    expect(screen.getByTestId("verdict")).toHaveTextContent("2 problémy, 1 upozornění");
    expect(screen.getByText("Problémy")).toBeInTheDocument();
    expect(screen.getByText("Zkontrolováno v 9:01")).toBeInTheDocument();
    const card = within(screen.getByRole("listitem", { name: "Adresa schránky odpovídá Exchange" }));
    expect(card.getByText("Adresa schránky se liší od primární e-mailové adresy jejího uživatele.")).toBeInTheDocument();
    expect(card.getByText("Co ukazují data")).toBeInTheDocument();
    expect(card.getByRole("link", { name: "Test a povolení selže pro nerozpoznanou adresu" })).toHaveAttribute(
      "href",
      "https://learn.microsoft.com/cs-cz/troubleshoot/power-platform/dataverse/email-exchange-synchronization/test-enable-fails-for-unrecognized-email-address",
    );
    const hybrid = within(screen.getByRole("listitem", { name: "Správný typ profilu pro schránku v Exchange Online" }));
    expect(hybrid.getByText("2 (Exchange Server (hybridní))")).toBeInTheDocument();
    // The name contains the visible text (WCAG 2.5.3, label in name).
    expect(screen.getByRole("button", { name: "Zkontrolovat znovu poštovní schránku Alex Wilber" })).toHaveTextContent("Zkontrolovat znovu");
    expect(screen.getByTestId("announcement")).toHaveTextContent("Kontrola dokončena: 2 problémy, 1 upozornění");
  });

  it.each([
    [{ kind: "offline", message: "" }, "Jste offline. Kontroly potřebují připojení k Dynamics 365."],
    [{ kind: "throttled", message: "", retryAfterSeconds: 5 }, "Dynamics 365 teď omezuje počet požadavků. Zkuste to znovu za 5 s."],
    [{ kind: "server", message: "" }, "Poštovní schránku se nepodařilo načíst: server vrátil chybu."],
    [{ kind: "not-found", message: "" }, "Tato poštovní schránka už neexistuje, nebo ji nevidíte."],
  ] as const)("failure %p in Czech, with Retry", async (error, text) => {
    const onCheck = jest.fn();
    render(<MailboxHealthView {...props({ phase: "failed", error: { ...error } }, { l: localizer(1029), onCheck })} />);
    expect(screen.getByTestId("announcement")).toHaveTextContent(text);
    expect(screen.getByTestId("verdict")).toHaveTextContent("Nezkontrolováno");
    await waitFor(() => expect(screen.getAllByText(text)).toHaveLength(2));
    fireEvent.click(screen.getByRole("button", { name: "Zkusit znovu" }));
    expect(onCheck).toHaveBeenCalledTimes(1);
  });

  it("not saved and other table in Czech", async () => {
    const { rerender } = render(<MailboxHealthView {...props({ phase: "idle" }, { l: localizer(1029), availability: { kind: "not-saved" } })} />);
    expect(await screen.findByText("Nejdřív poštovní schránku uložte. Kontroly čtou uložený záznam.")).toBeInTheDocument();
    rerender(<MailboxHealthView {...props({ phase: "idle" }, { l: localizer(1029), availability: { kind: "wrong-table", table: "contact" } })} />);
    expect(await screen.findByText(/Tento ovládací prvek prověřuje poštovní schránky/)).toBeInTheDocument();
  });
});
