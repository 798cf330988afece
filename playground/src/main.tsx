// The registry first: the control's bundle, loaded right after this script, registers itself there.
import { registeredNames } from "./registry";
import * as React from "react";
import * as ReactDOM from "react-dom";
import { DEMO_REFERENCE, installClock } from "./clock";
import type { ClockMode } from "./clock";
import { SLOW_MS, THROTTLE_SECONDS, installFetch } from "./network";
import { FAULTS, LANGUAGES, OUTPUT_DELAYS, Playground, WIDTHS, loadAssets } from "./playground";
import { fieldLabel } from "./host";
import type { Fault, Language, OutputDelay, Settings, SettingsPatch, Width } from "./playground";
import { pageTokens } from "./themes";
import { DEFAULT_SSS_DELAY_SECONDS } from "./sss";
import type { ThemeName } from "./themes";

/**
 * The playground page: the mailbox form with the real control, the settings of the form and the app,
 * the faults to inject, the "Edit the org" panel, and what the control asked of its host.
 * `window.playground` exposes the same state to the browser tests.
 */

const clock = installClock(window, new URLSearchParams(location.search).get("clock") === "real" ? "real" : "demo");

const FAULT_LABELS: Record<Fault, [string, string]> = {
  privilege: ["No read privilege on email server profiles", "Reads of the emailserverprofile table fail with 0x80040220."],
  server: ["Server error", "Every request fails with HTTP 500 until you clear this."],
  throttle: ["Throttling", `Requests fail with 429 and Retry-After for ${THROTTLE_SECONDS} s, then it ends by itself.`],
  slow: ["Slow network", `Each request takes ${SLOW_MS / 1000} s.`],
  offline: ["Offline", "The app knows it is offline (client.isOffline())."],
  networkLost: ["Network lost", "The app thinks it is online, but requests fail to fetch."],
  notSaved: ["Record not saved yet", "A new mailbox form: no record id until you select Save."],
  writeRefused: ["Writes refused", "updateRecord fails with 0x80040220: no prvWriteMailbox, or no prvApproveRejectEmailAddress for an approval."],
  noWritePrivilege: ["No write privilege on mailboxes", "utils.hasEntityPrivilege(\"mailbox\", Write) answers false."],
};

const THEME_LABELS: Record<ThemeName, string> = {
  light: "Light (webLightTheme)",
  dark: "Dark (webDarkTheme)",
  none: "None (no fluentDesignLanguage)",
};

/** Settings from the address bar, so that a state can be linked to (docs/playground.md). */
function settingsFromUrl(search: string): SettingsPatch {
  const q = new URLSearchParams(search);
  const pick = <T extends string>(name: string, values: readonly T[]): T | undefined => {
    const v = q.get(name) as T | null;
    return v !== null && values.includes(v) ? v : undefined;
  };
  const flag = (name: string) => (q.has(name) ? q.get(name) !== "0" && q.get(name) !== "false" : undefined);
  const faults: Partial<Record<Fault, boolean>> = {};
  for (const f of (q.get("faults") ?? "").split(",")) if ((FAULTS as readonly string[]).includes(f)) faults[f as Fault] = true;
  const inputs: Record<string, boolean> = {};
  for (const name of ["runOnLoad", "showPassedChecks", "showRecentAlerts"]) {
    const v = flag(name);
    if (v !== undefined) inputs[name] = v;
  }
  const mailbox = q.get("mailbox");
  const delay = Number(q.get("outputDelay"));
  const sssDelay = q.has("sssDelay") ? Number(q.get("sssDelay")) : NaN;
  return {
    mailboxId: mailbox ? mailbox.toLowerCase().replace(/[{}]/g, "") : undefined,
    lang: pick<Language>("lang", ["en", "cs"]),
    theme: pick<ThemeName>("theme", ["light", "dark", "none"]),
    width: pick<Width>("width", ["wide", "narrow"]),
    clock: pick<ClockMode>("clock", ["demo", "real"]),
    readOnly: flag("readonly"),
    outputDelay: (OUTPUT_DELAYS as readonly number[]).includes(delay) ? (delay as OutputDelay) : undefined,
    sssDelay: Number.isFinite(sssDelay) && sssDelay >= 0 && sssDelay <= 3600 ? sssDelay : undefined,
    faults,
    inputs,
  };
}

function settingsToUrl(s: Settings, defaults: Settings): string {
  const q = new URLSearchParams(location.search);
  const put = (name: string, value: string, fallback: string) => (value === fallback ? q.delete(name) : q.set(name, value));
  put("mailbox", s.mailboxId, defaults.mailboxId);
  put("lang", s.lang, "en");
  put("theme", s.theme, "light");
  put("width", s.width, "wide");
  put("clock", s.clock, "demo");
  put("readonly", s.readOnly ? "1" : "0", "0");
  put("outputDelay", String(s.outputDelay), "0");
  put("sssDelay", String(s.sssDelay), String(DEFAULT_SSS_DELAY_SECONDS));
  const faults = FAULTS.filter((f) => s.faults[f] && f !== "throttle").join(",");
  put("faults", faults, "");
  for (const [name, value] of Object.entries(s.inputs)) put(name, value ? "1" : "0", defaults.inputs[name] ? "1" : "0");
  const text = q.toString();
  return location.pathname + (text ? `?${text}` : "");
}

/** The page's colours from the same Fluent 2 tokens the control gets. */
function applyPageTheme(theme: ThemeName): void {
  const t = pageTokens(theme);
  const root = document.documentElement.style;
  const vars: Record<string, string> = {
    "--page-bg": t.colorNeutralBackground2,
    "--panel-bg": t.colorNeutralBackground1,
    "--fg": t.colorNeutralForeground1,
    "--fg2": t.colorNeutralForeground2,
    "--stroke": t.colorNeutralStroke1,
    "--stroke2": t.colorNeutralStroke2,
    "--link": t.colorBrandForegroundLink,
    "--brand-bg": t.colorBrandBackground,
    "--brand-bg-hover": t.colorBrandBackgroundHover,
    "--on-brand": t.colorNeutralForegroundOnBrand,
    "--disabled-bg": t.colorNeutralBackgroundDisabled,
    "--disabled-fg": t.colorNeutralForegroundDisabled,
    "--focus": t.colorStrokeFocus2,
    "--error": t.colorPaletteRedForeground1,
    "--font": t.fontFamilyBase,
    "--mono": t.fontFamilyMonospace,
  };
  for (const [name, value] of Object.entries(vars)) root.setProperty(name, value);
  root.setProperty("color-scheme", theme === "dark" ? "dark" : "light");
}

function Select<T extends string>(props: { id: string; label: string; value: T; options: [T, string][]; onChange: (v: T) => void }) {
  return (
    <div className="setting">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value as T)}>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Check(props: { id: string; label: string; hint?: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <div className="check">
      <input id={props.id} type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} aria-describedby={props.hint ? `${props.id}-hint` : undefined} />
      <label htmlFor={props.id}>{props.label}</label>
      {props.hint && (
        <div id={`${props.id}-hint`} className="hint">
          {props.hint}
        </div>
      )}
    </div>
  );
}

function SettingsPanel({ app }: { app: Playground }) {
  const s = app.settings;
  const strings = app.assets.strings[1033] ?? {};
  return (
    <section className="panel" aria-labelledby="settings-title">
      <h2 id="settings-title">Form and app</h2>
      <Select id="mailbox" label="Mailbox" value={s.mailboxId} options={app.org.mailboxes().map((m) => [m.id, m.name])} onChange={(mailboxId) => app.set({ mailboxId })} />
      <Select<Language> id="lang" label="Language" value={s.lang} options={[["en", "English (1033)"], ["cs", "Čeština (1029)"]]} onChange={(lang) => app.set({ lang })} />
      <Select<ThemeName> id="theme" label="Theme" value={s.theme} options={(["light", "dark", "none"] as const).map((t) => [t, THEME_LABELS[t]])} onChange={(theme) => app.set({ theme })} />
      <Select<Width>
        id="width"
        label="Width"
        value={s.width}
        options={[["wide", `Wide (${WIDTHS.wide} px)`], ["narrow", `Narrow (${WIDTHS.narrow} px)`]]}
        onChange={(width) => app.set({ width })}
      />
      <Select<ClockMode>
        id="clock"
        label="Clock"
        value={s.clock}
        options={[["demo", `The demo's reference time (${DEMO_REFERENCE.replace("T", " ").replace(":00Z", " UTC")})`], ["real", "This computer's time"]]}
        onChange={(c) => app.set({ clock: c })}
      />
      <Check id="readonly" label="Form read-only" checked={s.readOnly} onChange={(readOnly) => app.set({ readOnly })} />
      <Select<string>
        id="output-delay"
        label="Output delay"
        value={String(s.outputDelay)}
        options={[
          ["0", "None: getOutputs and updateView at once"],
          ["100", "100 ms, debounced (as pcf-start)"],
          ["500", "500 ms, debounced"],
        ]}
        onChange={(v) => app.set({ outputDelay: Number(v) as OutputDelay })}
      />
      <fieldset>
        <legend>Control properties</legend>
        {Object.keys(s.inputs).map((name) => (
          <Check
            key={name}
            id={`input-${name}`}
            label={strings[app.assets.propertyKeys[name]] ?? name}
            checked={s.inputs[name]}
            onChange={(v) => app.set({ inputs: { [name]: v } })}
          />
        ))}
      </fieldset>
      <fieldset>
        <legend>Faults</legend>
        {FAULTS.map((f) => (
          <Check key={f} id={`fault-${f}`} label={FAULT_LABELS[f][0]} hint={FAULT_LABELS[f][1]} checked={s.faults[f]} onChange={(v) => app.set({ faults: { [f]: v } })} />
        ))}
      </fieldset>
    </section>
  );
}

function FormPanel({ app, controlRef }: { app: Playground; controlRef: React.RefObject<HTMLDivElement> }) {
  const s = app.settings;
  const row = app.org.mailbox(s.mailboxId);
  const title = s.faults.notSaved ? "New Mailbox" : typeof row?.name === "string" ? row.name : "Mailbox";
  const width = WIDTHS[s.width];
  return (
    <section className="panel form" aria-labelledby="form-title">
      <div className="form-header">
        <div>
          <h2 id="form-title">{title}</h2>
          <div className="hint">Mailbox · {s.faults.notSaved ? "Unsaved" : "Saved"}{app.dirty ? " · Unsaved changes" : ""}</div>
        </div>
        <button type="button" className="primary" id="form-save" onClick={() => app.save()} disabled={!app.canSave}>
          Save
        </button>
      </div>
      <div className={`field ${s.width}`}>
        <div className="field-label" id="field-label" lang={s.lang === "cs" ? "cs" : "en"}>
          {fieldLabel(LANGUAGES[s.lang])}
        </div>
        <div className="field-control" style={{ width }} lang={s.lang === "cs" ? "cs" : "en"} ref={controlRef} data-testid="control-host" />
      </div>
    </section>
  );
}

function EditsPanel({ app }: { app: Playground }) {
  const id = app.settings.mailboxId;
  const mailbox = app.org.mailbox(id);
  const can = app.org.available(id);
  const [profile, setProfile] = React.useState(can.profileId ?? "");
  React.useEffect(() => setProfile(can.profileId ?? ""), [id, can.profileId]);
  const owner = mailbox ? app.org.owner(mailbox) : null;
  const profiles = app.org.profiles();
  const profileName = profiles.find((p) => p.id === can.profileId)?.name ?? "(none)";
  const show = (v: unknown, fallback: string) => (typeof v === "string" && v ? v : fallback);
  const ownerName = owner ? show(owner.row.fullname ?? owner.row.name, "(no name)") : "(none)";
  const edit = (describe: string, change: Parameters<Playground["edit"]>[1]) => () => app.edit(describe, change);
  const approval = ["empty", "approved", "pending approval", "rejected"][Number(mailbox?.emailrouteraccessapproval)] ?? "unknown";
  return (
    <section className="panel" aria-labelledby="edits-title">
      <h2 id="edits-title">Edit the org</h2>
      <p className="hint">Change this mailbox in the demo org, then select Recheck, or Test &amp; Enable, in the control.</p>
      <dl className="facts">
        <dt>Address</dt>
        <dd>{show(mailbox?.emailaddress, "(empty)")}</dd>
        <dt>Profile</dt>
        <dd>{profileName}</dd>
        <dt>Owner</dt>
        <dd>
          {ownerName}
          {owner ? ` (${owner.table === "queue" ? "queue" : "user"}, ${app.org.ownerAddress(owner) ?? "no address"})` : ""}
        </dd>
        <dt>Approval</dt>
        <dd>{approval}</dd>
        <dt>Last Test &amp; Enable</dt>
        <dd>{show(mailbox?.testmailboxaccesscompletedon, "never")}</dd>
        <dt>Test scheduled</dt>
        <dd id="edit-test-scheduled">{mailbox?.testemailconfigurationscheduled === true ? "yes: server-side sync will run it" : "no"}</dd>
      </dl>
      <div className="setting inline">
        <label htmlFor="sss-delay">Server-side sync runs a scheduled test after (seconds)</label>
        <input
          id="sss-delay"
          type="number"
          min={0}
          max={3600}
          value={app.settings.sssDelay}
          onChange={(e) => {
            const v = Number(e.target.value);
            if (Number.isFinite(v) && v >= 0 && v <= 3600) app.set({ sssDelay: v });
          }}
        />
      </div>
      <div className="edits">
        {can.useOwnerAddress && (
          <button type="button" id="edit-owner-address" onClick={edit(`Address set to the owner's: ${can.useOwnerAddress}.`, (org, m) => org.useOwnerAddress(m))}>
            Use the owner&apos;s address ({can.useOwnerAddress})
          </button>
        )}
        <div className="setting inline">
          <label htmlFor="edit-profile">Email server profile</label>
          <select id="edit-profile" value={profile} onChange={(e) => setProfile(e.target.value)}>
            {profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            id="edit-profile-apply"
            disabled={profile === can.profileId}
            onClick={edit(`Profile switched to ${profiles.find((p) => p.id === profile)?.name ?? ""}.`, (org, m) => org.setProfile(m, profile))}
          >
            Switch profile
          </button>
        </div>
        {can.approve && (
          <button type="button" id="edit-approve" onClick={edit("Email address approved.", (org, m) => org.approve(m))}>
            Approve the email address
          </button>
        )}
        {can.enableOwner && (
          <button type="button" id="edit-enable-owner" onClick={edit("Owner enabled.", (org, m) => org.enableOwner(m))}>
            {owner?.table === "queue" ? "Activate the queue" : "Enable the user"}
          </button>
        )}
        {can.readWrite && (
          <button type="button" id="edit-read-write" onClick={edit("Access mode set to Read-Write.", (org, m) => org.readWrite(m))}>
            Give the user Read-Write access
          </button>
        )}
        <button type="button" id="edit-test-enable" onClick={edit("Test & Enable succeeded just now.", (org, m) => org.testAndEnable(m, new Date()))}>
          Record a successful Test &amp; Enable now
        </button>
        <button type="button" id="edit-reset" onClick={() => app.resetOrg()}>
          Reset the demo org
        </button>
      </div>
      <p className="status" role="status" id="edit-status">
        {app.lastEdit}
      </p>
    </section>
  );
}

function RequestsPanel({ app }: { app: Playground }) {
  const requests = app.requests;
  const latest = requests.slice(-8).reverse();
  return (
    <section className="panel" aria-labelledby="requests-title">
      <h2 id="requests-title">Requests</h2>
      <p>
        <span id="request-count">{requests.length}</span> sent to the demo org since the page opened.{" "}
        <button type="button" id="requests-clear" onClick={() => app.network.clear()} disabled={requests.length === 0}>
          Clear
        </button>
      </p>
      {latest.length > 0 && (
        <ol className="requests" aria-label="Latest requests, newest first">
          {latest.map((r) => (
            <li key={r.n} value={r.n}>
              <span className="call">
                {r.kind}
                {r.table ? ` ${r.table}` : ""}
              </span>{" "}
              <span className={r.outcome === "ok" ? "ok" : "failed"}>{r.outcome}</span>
              {r.ms !== undefined ? ` · ${r.ms} ms` : ""}
              {r.options && <code title={r.options}>{r.options}</code>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function LifecyclePanel({ app }: { app: Playground }) {
  const count = (call: string) => app.lifecycle.filter((e) => e.call === call).length;
  const last = app.navigations[app.navigations.length - 1];
  return (
    <section className="panel" aria-labelledby="lifecycle-title">
      <h2 id="lifecycle-title">Lifecycle</h2>
      <p id="lifecycle-counts">
        init {count("init")} · updateView {count("updateView")} · getOutputs {count("getOutputs")} · destroy {count("destroy")}
      </p>
      <p id="first-verdict">
        {app.firstVerdictMs === null ? "No verdict yet." : `First verdict ${Math.round(app.firstVerdictMs)} ms after the page started loading.`}
      </p>
      {last && (
        <p id="last-navigation">
          The control opened a record: navigation.openForm({last.entityName}, {last.entityId}).
        </p>
      )}
    </section>
  );
}

function Page({ app }: { app: Playground }) {
  const [, rerender] = React.useReducer((n: number) => n + 1, 0);
  const controlRef = React.useRef<HTMLDivElement>(null);
  const defaults = React.useRef(app.settings);
  React.useEffect(() => app.subscribe(rerender), [app]);
  React.useEffect(() => {
    if (controlRef.current) app.attach(controlRef.current);
    return () => app.detach();
  }, [app]);
  const s = app.settings;
  React.useEffect(() => {
    applyPageTheme(s.theme);
    history.replaceState(null, "", settingsToUrl(s, defaults.current));
  }, [s]);
  return (
    <>
      <header className="banner">
        <h1>MailboxHealth playground</h1>
        <p>
          The real control (version {app.assets.manifest.version}) on a mailbox form of the demo org <em>Contoso Sales</em>, in this browser: no Dynamics 365.
          Its Web API reads are answered from demo/org-dump.json by the command line&apos;s reader.
        </p>
      </header>
      <main className="layout">
        <SettingsPanel app={app} />
        <div className="center">
          <FormPanel app={app} controlRef={controlRef} />
          <div className="side-by-side">
            <EditsPanel app={app} />
            <RequestsPanel app={app} />
            <LifecyclePanel app={app} />
          </div>
        </div>
      </main>
    </>
  );
}

/** Records when the control first shows a verdict (ms since the page started loading). */
function watchFirstVerdict(app: Playground, root: HTMLElement): void {
  const observer = new MutationObserver(() => {
    const verdict = root.querySelector('[data-testid="control-host"] [data-testid="verdict"]');
    if (verdict?.getAttribute("data-status")) {
      performance.mark("mailboxhealth-first-verdict");
      app.recordFirstVerdict(performance.now());
      observer.disconnect();
    }
  });
  observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-status"] });
}

interface PlaygroundApi {
  ready: boolean;
  error?: string;
  app?: Playground;
  errors: string[];
}

async function main(): Promise<void> {
  const api: PlaygroundApi = { ready: false, errors: [] };
  (window as unknown as { playground: PlaygroundApi }).playground = api;
  const record = (text: string) => api.errors.push(text);
  window.addEventListener("error", (e) => record(e.message));
  window.addEventListener("unhandledrejection", (e) => record(String((e.reason as { message?: string } | undefined)?.message ?? e.reason)));
  const root = document.getElementById("playground");
  if (!root) return;
  try {
    const assets = await loadAssets();
    const app = new Playground(assets, clock, settingsFromUrl(location.search));
    api.app = app;
    // For tests outside the project: every Web API call the page answered (reads and writes), and how
    // many times a confirmation of the control was confirmed (a click or a key on its confirming button).
    let confirmed = 0;
    document.addEventListener(
      "click",
      (e) => {
        if (e.target instanceof Element && e.target.closest('[data-testid="confirm-action"]')) confirmed++;
      },
      true,
    );
    (window as unknown as { mailboxHealthPlayground: { readonly calls: unknown[]; readonly confirmed: number } }).mailboxHealthPlayground = {
      get calls() {
        return app.network.calls;
      },
      get confirmed() {
        return confirmed;
      },
    };
    installFetch(window, app.network);
    applyPageTheme(app.settings.theme);
    watchFirstVerdict(app, root);
    ReactDOM.render(<Page app={app} />, root);
    api.ready = true;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    api.error = message;
    root.textContent = `The playground could not start: ${message}`;
    console.error(`The playground could not start: ${message}. Registered controls: ${registeredNames().join(", ") || "none"}.`);
  }
}

document.addEventListener("DOMContentLoaded", () => void main());
