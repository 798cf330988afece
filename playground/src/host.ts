import * as React from "react";
import * as ReactDOM from "react-dom";
import type { Network } from "./network";
import { CLIENT_URL } from "./network";
import type { ThemeName } from "./themes";
import { designLanguage } from "./themes";

/**
 * The model-driven form around the control: the PCF context it reads, and its lifecycle as the
 * platform drives it. `init` and the first `updateView` when a form opens, `updateView` on every
 * change the form or the app makes, `destroy` when the form closes (here: when the page switches to
 * another mailbox). The element `updateView` returns is rendered with ReactDOM, as the platform does
 * for virtual controls.
 */

/** A virtual (React) PCF control, as the built bundle registers it. */
export interface VirtualControl {
  init(context: unknown, notifyOutputChanged: () => void, state: Record<string, unknown>, container?: HTMLDivElement): void;
  updateView(context: unknown): React.ReactElement;
  getOutputs?(): Record<string, unknown>;
  destroy(): void;
}
export type ControlClass = new () => VirtualControl;

/** What the page reads from the built ControlManifest.xml. */
export interface Manifest {
  /** namespace.constructor, the name the bundle registers. */
  name: string;
  version: string;
  bound: string;
  /** Input properties and their default values. */
  inputs: Record<string, boolean>;
}

export function parseManifest(xml: string): Manifest {
  const doc = new DOMParser().parseFromString(xml, "application/xml");
  const control = doc.querySelector("manifest > control");
  if (!control) throw new Error("ControlManifest.xml has no <control>");
  const inputs: Record<string, boolean> = {};
  let bound = "";
  for (const p of Array.from(control.querySelectorAll(":scope > property"))) {
    const name = p.getAttribute("name") ?? "";
    if (p.getAttribute("usage") === "bound") bound = name;
    else if (p.getAttribute("of-type") === "TwoOptions") inputs[name] = p.getAttribute("default-value") === "true";
  }
  return {
    name: `${control.getAttribute("namespace")}.${control.getAttribute("constructor")}`,
    version: control.getAttribute("version") ?? "",
    bound,
    inputs,
  };
}

export interface FormState {
  mailboxId: string;
  recordName: string;
  /** false: a new record, not saved yet (no id). */
  saved: boolean;
  /** The bound column's value on the form (it may be changed and not saved yet). */
  value: string | null;
  lcid: number;
  theme: ThemeName;
  width: number;
  readOnly: boolean;
  offline: boolean;
  /** What `utils.hasEntityPrivilege("mailbox", Write, …)` answers. */
  canWriteMailbox: boolean;
  /**
   * How long the form waits after the control's last notifyOutputChanged before it reads getOutputs and
   * calls updateView (each new notification restarts the wait). 0: at once. pcf-start waits 100 ms.
   */
  outputDelayMs: number;
  inputs: Record<string, boolean>;
}

export interface LifecycleEntry {
  n: number;
  call: "init" | "updateView" | "getOutputs" | "destroy";
  detail?: string;
  /** performance.now() when the call was made. */
  at: number;
}

export interface HostEvents {
  /** The control changed the bound value (notifyOutputChanged → getOutputs). */
  onOutput(value: string | null): void;
  /** The control asked the app to open a record. */
  onOpenForm(entityName: string, entityId: string): void;
  onChange(): void;
}

interface Context {
  parameters: Record<string, unknown>;
  updatedProperties: string[];
  resources: { getString(key: string): string; getResource(id: string, success: (data: string) => void, failure: () => void): void };
  userSettings: { languageId: number; userId: string; userName: string; isRTL: boolean; securityRoles: string[] };
  mode: {
    allocatedWidth: number;
    allocatedHeight: number;
    isControlDisabled: boolean;
    isVisible: boolean;
    label: string;
    contextInfo: { entityId?: string; entityTypeName: string; entityRecordName?: string };
    setControlState(state: unknown): boolean;
    setFullScreen(value: boolean): void;
    trackContainerResize(value: boolean): void;
  };
  page: { appId: string; entityId?: string; entityTypeName: string; isPageReadOnly: boolean; getClientUrl(): string };
  client: {
    disableScroll: boolean;
    getFormFactor(): number;
    getClient(): string;
    isOffline(): boolean;
    isNetworkAvailable(): boolean;
  };
  navigation: Record<string, (...args: unknown[]) => Promise<unknown>>;
  webAPI: ReturnType<Network["webAPI"]>;
  utils: { hasEntityPrivilege(entityTypeName: string, privilegeType: number, privilegeDepth: number): boolean };
  fluentDesignLanguage?: ReturnType<typeof designLanguage>;
  factory: { requestRender(): void };
}

export class PcfHost {
  readonly lifecycle: LifecycleEntry[] = [];
  private control: VirtualControl | undefined;
  private context: Context | undefined;
  private state: FormState | undefined;
  private tracksResize = false;
  private outputTimer: number | undefined;

  constructor(
    private readonly container: HTMLElement,
    private readonly manifest: Manifest,
    private readonly controlClass: ControlClass,
    private readonly network: Network,
    private readonly strings: Record<number, Record<string, string>>,
    private readonly events: HostEvents,
  ) {}

  /** Opens the form: a new control instance, init, then the first updateView. */
  load(state: FormState): void {
    this.unload();
    this.state = { ...state };
    this.context = this.createContext();
    this.apply([]);
    const control = new this.controlClass();
    this.control = control;
    this.log("init");
    control.init(this.context, () => this.outputChanged(control), {}, undefined);
    // init may have asked for the container's size (trackContainerResize).
    this.apply([]);
    this.render([]);
  }

  /** The form or the app changed: updateView with the properties that changed. */
  update(state: FormState, updatedProperties: string[] = []): void {
    if (!this.control) return this.load(state);
    this.state = { ...state };
    this.apply(updatedProperties);
    this.render(updatedProperties);
  }

  /** Closes the form: destroy, then the element is unmounted. */
  unload(): void {
    window.clearTimeout(this.outputTimer);
    this.outputTimer = undefined;
    if (!this.control) return;
    this.log("destroy");
    this.control.destroy();
    ReactDOM.unmountComponentAtNode(this.container);
    this.control = undefined;
    this.context = undefined;
  }

  /** Reads outputs still waiting for the output delay now, as a form does before it saves. */
  flushOutputs(): void {
    if (this.outputTimer === undefined || !this.control) return;
    window.clearTimeout(this.outputTimer);
    this.outputTimer = undefined;
    this.readOutputs(this.control);
  }

  /** Whether the control asked for allocatedWidth (trackContainerResize(true)). */
  get tracksContainerResize(): boolean {
    return this.tracksResize;
  }

  private render(updated: string[]): void {
    if (!this.control || !this.context) return;
    this.log("updateView", updated.length ? updated.join(", ") : undefined);
    const element = this.control.updateView(this.context);
    ReactDOM.render(element, this.container);
  }

  /** notifyOutputChanged: at once, or debounced by the form's output delay as real hosts do. */
  private outputChanged(control: VirtualControl): void {
    if (control !== this.control || !this.state) return;
    const delay = this.state.outputDelayMs;
    if (delay <= 0) return this.readOutputs(control);
    window.clearTimeout(this.outputTimer);
    this.outputTimer = window.setTimeout(() => {
      this.outputTimer = undefined;
      this.readOutputs(control);
    }, delay);
  }

  private readOutputs(control: VirtualControl): void {
    if (control !== this.control || !this.state) return;
    this.log("getOutputs");
    const outputs = control.getOutputs?.() ?? {};
    const raw = outputs[this.manifest.bound];
    const value = typeof raw === "string" ? raw : null;
    this.state.value = value;
    this.events.onOutput(value);
    // The form takes the new value and hands it back to the control.
    this.apply([this.manifest.bound]);
    this.render([this.manifest.bound]);
  }

  private log(call: LifecycleEntry["call"], detail?: string): void {
    this.lifecycle.push({ n: this.lifecycle.length + 1, call, detail, at: performance.now() });
    this.events.onChange();
  }

  private createContext(): Context {
    const strings = (): Record<string, string> => this.strings[this.state?.lcid ?? 1033] ?? {};
    const navigate = (name: string) => (..._args: unknown[]) => Promise.resolve(name);
    return {
      parameters: {},
      updatedProperties: [],
      resources: {
        getString: (key: string) => strings()[key] ?? key,
        getResource: (_id, _success, failure) => failure(),
      },
      userSettings: { languageId: 1033, userId: "{5B1F0C7E-3A52-4B8E-9D61-0C2F3E8A9B17}", userName: "Megan Bowen", isRTL: false, securityRoles: [] },
      mode: {
        allocatedWidth: -1,
        allocatedHeight: -1,
        isControlDisabled: false,
        isVisible: true,
        label: "Email Address",
        contextInfo: { entityTypeName: "mailbox" },
        setControlState: () => true,
        setFullScreen: () => undefined,
        trackContainerResize: (value: boolean) => {
          this.tracksResize = value;
        },
      },
      page: {
        appId: "6f0d3c1a-2b4e-4f8a-9c7d-1e2f3a4b5c6d",
        entityTypeName: "mailbox",
        isPageReadOnly: false,
        getClientUrl: () => CLIENT_URL,
      },
      client: {
        disableScroll: false,
        getFormFactor: () => 1,
        getClient: () => "Web",
        isOffline: () => !!this.state?.offline,
        isNetworkAvailable: () => !this.state?.offline,
      },
      navigation: {
        openForm: (options: unknown) => {
          const o = (options ?? {}) as { entityName?: string; entityId?: string };
          this.events.onOpenForm(o.entityName ?? "", o.entityId ?? "");
          return Promise.resolve({ savedEntityReference: [] });
        },
        openUrl: navigate("openUrl"),
        openWebResource: navigate("openWebResource"),
        openAlertDialog: navigate("openAlertDialog"),
        openConfirmDialog: navigate("openConfirmDialog"),
        openErrorDialog: navigate("openErrorDialog"),
        openFile: navigate("openFile"),
      },
      webAPI: this.network.webAPI(),
      utils: {
        // Write (3) on mailboxes follows the page's setting; everything else the demo user has.
        hasEntityPrivilege: (table: string, type: number) => !(table === "mailbox" && type === 3 && this.state?.canWriteMailbox === false),
      },
      factory: { requestRender: () => this.render([]) },
    };
  }

  /** Copies the form state into the context, as the platform does before each updateView. */
  private apply(updatedProperties: string[]): void {
    const context = this.context;
    const s = this.state;
    if (!context || !s) return;
    context.updatedProperties = updatedProperties;
    context.userSettings.languageId = s.lcid;
    // The form's label of the column, in the user's language, as a Czech model-driven app shows it.
    context.mode.label = fieldLabel(s.lcid);
    context.mode.allocatedWidth = this.tracksResize ? s.width : -1;
    context.mode.isControlDisabled = s.readOnly;
    context.page.isPageReadOnly = s.readOnly;
    context.mode.contextInfo = s.saved
      ? { entityId: s.mailboxId, entityTypeName: "mailbox", entityRecordName: s.recordName }
      : { entityId: "", entityTypeName: "mailbox", entityRecordName: undefined };
    context.page.entityId = s.saved ? s.mailboxId : undefined;
    context.fluentDesignLanguage = designLanguage(s.theme);
    const parameters: Record<string, unknown> = {
      [this.manifest.bound]: {
        raw: s.value,
        formatted: s.value ?? "",
        error: false,
        errorMessage: "",
        type: "SingleLine.Email",
        attributes: { DisplayName: "Email Address", LogicalName: "emailaddress", RequiredLevel: 2, MaxLength: 100 },
        security: { readable: true, editable: true, secured: false },
      },
    };
    for (const [name, value] of Object.entries(s.inputs)) parameters[name] = { raw: value, type: "TwoOptions", error: false, errorMessage: "" };
    context.parameters = parameters;
  }
}

/** The Mailbox form's label of the Email Address column in the user's language. */
export function fieldLabel(lcid: number): string {
  return lcid === 1029 ? "E-mailová adresa" : "Email Address";
}
