import { IInputs, IOutputs } from "./generated/ManifestTypes";
import * as React from "react";
import { App } from "./components/App";
import type { AppProps } from "./components/App";
import type { Availability } from "./components/MailboxHealthView";
import { themeFromTokens } from "./components/theme";
import type { Theme } from "@fluentui/react";
import { DiagnosisController } from "./diagnosis/controller";
import { PcfWebApiClient } from "./data/pcfWebApiClient";
import { normalizeGuid } from "./data/buildSnapshot";
import { createLocalizer } from "./i18n/localize";
import type { Localizer } from "./i18n/localize";
import { BoundValue } from "./field/boundValue";

/** Below this width (px) the control stacks evidence and tightens spacing. */
const NARROW_WIDTH = 350;

/** Members the model-driven host provides that @types/powerapps-component-framework does not declare. */
interface HostExtras {
  mode: { contextInfo?: { entityId?: string; entityTypeName?: string; entityRecordName?: string } };
  page?: { getClientUrl?: () => string; entityId?: string; entityTypeName?: string };
}

type Context = ComponentFramework.Context<IInputs>;

/** Thin adapter: reads the PCF context, hands plain props to React, reports field edits. */
export class MailboxHealth implements ComponentFramework.ReactControl<IInputs, IOutputs> {
  private controller: DiagnosisController;
  private notifyOutputChanged: () => void;
  private context: Context;
  /** The Email Address: what the user typed, until the host's bound value really changes. */
  private readonly email = new BoundValue();
  private localizer: Localizer | undefined;
  private localizerLanguage: number | undefined;
  private theme: { tokens: unknown; dark: boolean | undefined; value: Theme | undefined } | undefined;

  public init(context: Context, notifyOutputChanged: () => void): void {
    this.context = context;
    this.notifyOutputChanged = notifyOutputChanged;
    context.mode.trackContainerResize(true);
    const clientUrl = clientUrlOf(context);
    this.controller = new DiagnosisController({
      client: new PcfWebApiClient(context.webAPI, clientUrl, typeof fetch === "function" ? fetch.bind(window) : undefined),
      clientUrl,
      isOffline: () => isOffline(this.context),
    });
    this.syncRecord(context);
  }

  public updateView(context: Context): React.ReactElement {
    this.context = context;
    this.syncRecord(context);
    const parameter = context.parameters.emailAddress;
    const value = this.email.fromHost(typeof parameter.raw === "string" ? parameter.raw : null);
    const width = Number(context.mode.allocatedWidth);
    const props: AppProps = {
      controller: this.controller,
      theme: this.themeFor(context),
      l: this.localizerFor(context),
      field: {
        label: context.mode.label || "Email",
        value: value ?? "",
        readOnly: context.mode.isControlDisabled || parameter.security?.editable === false,
        masked: parameter.security?.readable === false,
        onChange: (v: string) => {
          this.email.edit(v === "" ? null : v);
          this.notifyOutputChanged();
        },
      },
      availability: availabilityOf(context),
      mailboxName: recordInfo(context).name ?? value ?? "",
      showPassed: context.parameters.showPassedChecks?.raw === true,
      showAlerts: context.parameters.showRecentAlerts?.raw !== false,
      narrow: width > 0 && width < NARROW_WIDTH,
      clientUrl: clientUrlOf(context),
      onCheck: () => void this.controller.check(),
      onOpenRecord: (url: string) => openRecord(context, url),
    };
    return React.createElement(App, props);
  }

  public getOutputs(): IOutputs {
    return { emailAddress: this.email.value ?? undefined };
  }

  public destroy(): void {
    this.controller.dispose();
  }

  /** Follows the record on the form: a new record gets its id on first save. */
  private syncRecord(context: Context): void {
    const availability = availabilityOf(context);
    const id = availability.kind === "ready" ? recordInfo(context).id : null;
    if (id === this.controller.currentMailbox) return;
    this.controller.setMailbox(id);
    if (id && context.parameters.runOnLoad?.raw !== false) void this.controller.check();
  }

  /** The same theme object while the host's tokens stay the same, so React does not restyle everything. */
  private themeFor(context: Context): Theme | undefined {
    const tokens: unknown = context.fluentDesignLanguage?.tokenTheme;
    const dark = context.fluentDesignLanguage?.isDarkTheme;
    if (!this.theme || this.theme.tokens !== tokens || this.theme.dark !== dark) {
      const value = tokens && typeof tokens === "object" ? themeFromTokens(tokens as Record<string, unknown>, dark) : undefined;
      this.theme = { tokens, dark, value };
    }
    return this.theme.value;
  }

  private localizerFor(context: Context): Localizer {
    const lcid = context.userSettings.languageId;
    if (!this.localizer || this.localizerLanguage !== lcid) {
      this.localizer = createLocalizer((key) => context.resources.getString(key), lcid);
      this.localizerLanguage = lcid;
    }
    return this.localizer;
  }
}

function recordInfo(context: Context): { id: string | null; table: string | undefined; name: string | undefined } {
  const extras = context as unknown as HostExtras;
  const info = extras.mode.contextInfo;
  const id = info?.entityId ?? extras.page?.entityId;
  const table = info?.entityTypeName ?? extras.page?.entityTypeName;
  const guid = typeof id === "string" ? normalizeGuid(id) : "";
  const saved = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(guid) && !/^0{8}-0{4}-0{4}-0{4}-0{12}$/.test(guid);
  return { id: saved ? guid : null, table, name: info?.entityRecordName };
}

function availabilityOf(context: Context): Availability {
  const { id, table } = recordInfo(context);
  if (table && table !== "mailbox") return { kind: "wrong-table", table };
  if (!id) return { kind: "not-saved" };
  return { kind: "ready" };
}

function clientUrlOf(context: Context): string | null {
  const page = (context as unknown as HostExtras).page;
  try {
    const url = page?.getClientUrl?.();
    return typeof url === "string" && url ? url : null;
  } catch {
    return null;
  }
}

function isOffline(context: Context): boolean {
  try {
    return context.client.isOffline() || context.client.isNetworkAvailable?.() === false;
  } catch {
    return false;
  }
}

/** Opens `…main.aspx?…etn=<table>&id=<id>` in the app instead of a new tab. */
function openRecord(context: Context, url: string): boolean {
  const match = /[?&]etn=([a-z_]+)&id=([0-9a-f-]{36})/i.exec(url);
  if (!match) return false;
  context.navigation.openForm({ entityName: match[1], entityId: match[2] }).catch(() => undefined);
  return true;
}
