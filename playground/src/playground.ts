import { parseResx } from "../../MailboxHealth/i18n/resx";
import type { Clock, ClockMode } from "./clock";
import type { FormState, LifecycleEntry, Manifest } from "./host";
import { PcfHost, parseManifest } from "./host";
import type { RequestEntry } from "./network";
import { Network, SLOW_MS, THROTTLE_SECONDS } from "./network";
import { DemoOrg } from "./org";
import { DEFAULT_SSS_DELAY_SECONDS, ServerSideSync } from "./sss";
import { registeredControl, registeredNames } from "./registry";
import type { ThemeName } from "./themes";

/**
 * The page's state and what each setting does to the form: switching the mailbox or the clock
 * closes the form and opens another (destroy, init); every other setting of the form or the app is
 * an updateView; faults only change what the network answers.
 */

export const LANGUAGES = { en: 1033, cs: 1029 } as const;
export type Language = keyof typeof LANGUAGES;
export const WIDTHS = { wide: 640, narrow: 300 } as const;
export type Width = keyof typeof WIDTHS;

/** The form's wait before it reads the control's outputs (FormState.outputDelayMs). */
export const OUTPUT_DELAYS = [0, 100, 500] as const;
export type OutputDelay = (typeof OUTPUT_DELAYS)[number];

export const FAULTS = ["privilege", "server", "throttle", "slow", "offline", "networkLost", "notSaved", "writeRefused", "noWritePrivilege"] as const;
export type Fault = (typeof FAULTS)[number];

export interface Settings {
  mailboxId: string;
  lang: Language;
  theme: ThemeName;
  width: Width;
  clock: ClockMode;
  readOnly: boolean;
  outputDelay: OutputDelay;
  /** Seconds server-side synchronization takes to run a scheduled Test & Enable. */
  sssDelay: number;
  inputs: Record<string, boolean>;
  faults: Record<Fault, boolean>;
}

export type SettingsPatch = Partial<Omit<Settings, "faults" | "inputs">> & {
  faults?: Partial<Record<Fault, boolean>>;
  inputs?: Record<string, boolean>;
};

export interface Loaded {
  manifest: Manifest;
  strings: Record<number, Record<string, string>>;
  dump: unknown;
  /** Display-name keys of the control's properties (for the page's labels). */
  propertyKeys: Record<string, string>;
}

export interface Navigation {
  entityName: string;
  entityId: string;
}

/** Loads what the platform would: the manifest, the resx files it lists, and the org's data. */
export async function loadAssets(): Promise<Loaded> {
  const get = async (url: string) => {
    const response = await fetch(url, { cache: "no-store" });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.text();
  };
  const dumpText = get("/demo/org-dump.json");
  dumpText.catch(() => undefined);
  const manifestXml = await get("/control/ControlManifest.xml");
  const manifest = parseManifest(manifestXml);
  const doc = new DOMParser().parseFromString(manifestXml, "application/xml");
  const resx = Array.from(doc.querySelectorAll("resources > resx")).map((r) => r.getAttribute("path") ?? "");
  const strings: Record<number, Record<string, string>> = {};
  await Promise.all(
    resx.map(async (file) => {
      const lcid = /\.(\d{4})\.resx$/.exec(file);
      if (lcid) strings[Number(lcid[1])] = parseResx(await get(`/control/${file}`));
    }),
  );
  const propertyKeys: Record<string, string> = {};
  for (const p of Array.from(doc.querySelectorAll("control > property"))) {
    propertyKeys[p.getAttribute("name") ?? ""] = p.getAttribute("display-name-key") ?? "";
  }
  const dump: unknown = JSON.parse(await dumpText);
  return { manifest, strings, dump, propertyKeys };
}

export class Playground {
  readonly org: DemoOrg;
  readonly network: Network;
  readonly sss: ServerSideSync;
  settings: Settings;
  /** The bound value on the form, and whether it differs from the saved record. */
  value: string | null = null;
  dirty = false;
  readonly navigations: Navigation[] = [];
  firstVerdictMs: number | null = null;
  lastEdit = "";
  private host: PcfHost | undefined;
  private throttleTimer: number | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly assets: Loaded,
    readonly clock: Clock,
    initial: SettingsPatch,
  ) {
    this.org = new DemoOrg(assets.dump);
    this.network = new Network(this.org);
    this.network.subscribe(() => this.emit());
    this.sss = new ServerSideSync(this.org, () => this.emit());
    this.network.onWrite = (_table, id, data) => {
      this.org.updateMailbox(id, data);
      if (data.testemailconfigurationscheduled === true) this.sss.schedule(id);
      this.emit();
    };
    const mailboxes = this.org.mailboxes();
    const faults = Object.fromEntries(FAULTS.map((f) => [f, false])) as Record<Fault, boolean>;
    this.settings = {
      mailboxId: mailboxes.find((m) => m.id === initial.mailboxId)?.id ?? mailboxes[0]?.id ?? "",
      lang: initial.lang ?? "en",
      theme: initial.theme ?? "light",
      width: initial.width ?? "wide",
      clock: initial.clock ?? "demo",
      readOnly: initial.readOnly ?? false,
      outputDelay: initial.outputDelay ?? 0,
      sssDelay: initial.sssDelay ?? DEFAULT_SSS_DELAY_SECONDS,
      inputs: { ...assets.manifest.inputs, ...initial.inputs },
      faults: { ...faults, ...initial.faults },
    };
    this.clock.set(this.settings.clock);
    this.sss.delaySeconds = this.settings.sssDelay;
    if (this.settings.faults.throttle) this.throttle(true);
    this.applyFaults();
  }

  get lifecycle(): LifecycleEntry[] {
    return this.host?.lifecycle ?? [];
  }

  get requests(): RequestEntry[] {
    return this.network.requests;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Puts the control in its container and opens the form. */
  attach(container: HTMLElement): void {
    const name = this.assets.manifest.name;
    const controlClass = registeredControl(name);
    if (!controlClass) {
      throw new Error(
        `The control bundle did not register ${name} (registered: ${registeredNames().join(", ") || "nothing"}). Run npm run playground:build.`,
      );
    }
    this.host = new PcfHost(container, this.assets.manifest, controlClass, this.network, this.assets.strings, {
      onOutput: (value) => {
        this.value = value;
        this.dirty = true;
        this.emit();
      },
      onOpenForm: (entityName, entityId) => {
        this.navigations.push({ entityName, entityId });
        this.emit();
      },
      onChange: () => this.emit(),
    });
    this.open();
  }

  detach(): void {
    this.host?.unload();
  }

  set(patch: SettingsPatch): void {
    const before = this.settings;
    this.settings = { ...before, ...patch, inputs: { ...before.inputs, ...patch.inputs }, faults: { ...before.faults, ...patch.faults } };
    if (patch.faults?.throttle !== undefined && patch.faults.throttle !== before.faults.throttle) this.throttle(patch.faults.throttle);
    this.applyFaults();
    this.sss.delaySeconds = this.settings.sssDelay;
    if (patch.clock && patch.clock !== before.clock) this.clock.set(patch.clock);
    if ((patch.mailboxId && patch.mailboxId !== before.mailboxId) || (patch.clock && patch.clock !== before.clock)) {
      this.open();
    } else {
      this.host?.update(this.formState());
    }
    this.emit();
  }

  /** Form › Save: writes the field's value to the record (and a new record gets its id). */
  save(): void {
    if (this.settings.readOnly) return;
    this.host?.flushOutputs();
    const created = this.settings.faults.notSaved;
    if (this.dirty) this.org.setAddress(this.settings.mailboxId, this.value ?? "");
    this.dirty = false;
    if (created) this.settings = { ...this.settings, faults: { ...this.settings.faults, notSaved: false } };
    this.host?.update(this.formState(), [this.assets.manifest.bound]);
    this.emit();
  }

  /** Applies an edit to the org, then refreshes the form from the record as a model-driven form does. */
  edit(describe: string, change: (org: DemoOrg, mailboxId: string) => void): void {
    change(this.org, this.settings.mailboxId);
    this.lastEdit = describe;
    this.refreshForm();
  }

  resetOrg(): void {
    this.sss.clear();
    this.org.reset();
    this.lastEdit = "The demo org is back as it was loaded.";
    this.refreshForm();
  }

  get canSave(): boolean {
    return !this.settings.readOnly && (this.dirty || this.settings.faults.notSaved);
  }

  recordFirstVerdict(ms: number): void {
    if (this.firstVerdictMs !== null) return;
    this.firstVerdictMs = ms;
    this.emit();
  }

  private refreshForm(): void {
    this.value = this.recordValue();
    this.dirty = false;
    this.host?.update(this.formState(), [this.assets.manifest.bound]);
    this.emit();
  }

  private open(): void {
    this.value = this.recordValue();
    this.dirty = false;
    this.host?.load(this.formState());
  }

  private recordValue(): string | null {
    const v = this.org.mailbox(this.settings.mailboxId)?.emailaddress;
    return typeof v === "string" ? v : null;
  }

  private formState(): FormState {
    const s = this.settings;
    const row = this.org.mailbox(s.mailboxId);
    return {
      mailboxId: s.mailboxId,
      recordName: typeof row?.name === "string" ? row.name : "",
      saved: !s.faults.notSaved,
      value: this.value,
      lcid: LANGUAGES[s.lang],
      theme: s.theme,
      width: WIDTHS[s.width],
      readOnly: s.readOnly,
      outputDelayMs: s.outputDelay,
      offline: s.faults.offline,
      canWriteMailbox: !s.faults.noWritePrivilege,
      inputs: s.inputs,
    };
  }

  private applyFaults(): void {
    const f = this.settings.faults;
    this.network.faults = {
      noProfilePrivilege: f.privilege,
      serverError: f.server,
      throttledUntil: f.throttle ? (this.network.faults.throttledUntil ?? performance.now() + THROTTLE_SECONDS * 1000) : null,
      latencyMs: f.slow ? SLOW_MS : 0,
      offline: f.offline,
      networkLost: f.networkLost,
      writeRefused: f.writeRefused,
    };
  }

  /** Throttling ends by itself once its Retry-After has passed, as Dataverse's does. */
  private throttle(on: boolean): void {
    window.clearTimeout(this.throttleTimer);
    this.network.faults = { ...this.network.faults, throttledUntil: on ? performance.now() + THROTTLE_SECONDS * 1000 : null };
    if (on) {
      this.throttleTimer = window.setTimeout(() => this.set({ faults: { throttle: false } }), THROTTLE_SECONDS * 1000);
    }
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
