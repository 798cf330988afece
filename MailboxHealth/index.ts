/* eslint-disable @typescript-eslint/prefer-nullish-coalescing, @typescript-eslint/prefer-optional-chain -- `??` and `?.` are rewritten into longer code for Safari 13; where `||`, `&&` or a try/catch stand in, they read the same. */
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
import { isGuid } from "./model/guid";
import { createLocalizer } from "./i18n/localize";
import type { Localizer } from "./i18n/localize";
import { BoundValue } from "./field/boundValue";
import { LoopController } from "./diagnosis/loop";
import { writeBlock } from "./diagnosis/actionGate";
import type { WriteBlock } from "./diagnosis/actionGate";
import type { Visibility } from "./diagnosis/testWatcher";

/** Below this width (px) the control stacks evidence and tightens spacing. */
const NARROW_WIDTH = 350;

/** Members the model-driven host provides that @types/powerapps-component-framework does not declare. */
interface HostExtras {
  mode: { contextInfo?: { entityId?: string; entityTypeName?: string; entityRecordName?: string } };
  page?: { getClientUrl?: () => string; entityId?: string; entityTypeName?: string };
}

type Context = ComponentFramework.Context<IInputs>;

/**
 * Thin adapter: reads the PCF context, hands plain props to React, reports field edits.
 * Its state lives in the constructor's closures: the minified bundle shortens local names, not members.
 */
export class MailboxHealth implements ComponentFramework.ReactControl<IInputs, IOutputs> {
  /** The form's latest context: the offline test and the write gate read it between updates. */
  private context: Context;
  readonly init: (context: Context, notifyOutputChanged: () => void) => void;
  readonly updateView: (context: Context) => React.ReactElement;
  readonly getOutputs: () => IOutputs;
  readonly destroy: () => void;

  constructor() {
    let controller: DiagnosisController;
    /** Test & Enable and Approve Email: the confirmed writes and the wait for the server's test. */
    let loop: LoopController;
    let notifyOutputChanged: () => void;
    /** The Email Address: what the user typed, until the host's bound value really changes. */
    const email = new BoundValue();
    let localizer: Localizer | undefined;
    let localizerLanguage: number | undefined;
    /** The same theme object while the host's tokens stay the same, so React does not restyle everything. */
    let themeTokens: unknown;
    let themeDark: boolean | undefined;
    let theme: Theme | undefined;

    /**
     * Follows the record on the form: a new record gets its id on first save. Without the table's name
     * the first check makes sure the record is a mailbox (one request) before it reads the rest.
     */
    const syncRecord = (context: Context): void => {
      const record = recordInfo(context);
      const id = availabilityOf(context).kind === "ready" ? record.id : null;
      if (id === controller.currentMailbox) return;
      loop.reset();
      controller.setMailbox(id, { confirmTable: !record.table });
      if (id && option(context, "runOnLoad") !== false) void controller.check();
    };

    this.init = (context, notify) => {
      this.context = context;
      notifyOutputChanged = notify;
      context.mode.trackContainerResize(true);
      const clientUrl = clientUrlOf(context);
      const client = new PcfWebApiClient(context.webAPI, clientUrl, typeof fetch === "function" ? fetch.bind(window) : undefined);
      const offline = () => isOffline(this.context);
      controller = new DiagnosisController({ client, clientUrl, isOffline: offline });
      loop = new LoopController({
        diagnosis: controller,
        client,
        writer: client,
        blocked: () => writeBlockOf(this.context),
        isOffline: offline,
        // The page's timers, looked up on each call.
        timers: window,
        now: Date.now,
        visibility: pageVisibility(),
      });
      syncRecord(context);
    };

    this.updateView = (context) => {
      this.context = context;
      syncRecord(context);
      const parameter = context.parameters.emailAddress;
      const value = email.fromHost(typeof parameter.raw === "string" ? parameter.raw : null);
      const width = Number(context.mode.allocatedWidth);
      const security: Partial<ComponentFramework.PropertyHelper.SecurityValues> = parameter.security || {};
      const design: Partial<ComponentFramework.FluentDesignState> = context.fluentDesignLanguage || {};
      const tokens: unknown = design.tokenTheme;
      const dark = design.isDarkTheme;
      if (themeTokens !== tokens || themeDark !== dark) {
        theme = tokens && typeof tokens === "object" ? themeFromTokens(tokens as Record<string, unknown>, dark) : undefined;
        themeTokens = tokens;
        themeDark = dark;
      }
      const lcid = context.userSettings.languageId;
      if (!localizer || localizerLanguage !== lcid) {
        localizer = createLocalizer((key) => context.resources.getString(key), lcid);
        localizerLanguage = lcid;
      }
      const props: AppProps = {
        controller,
        loop,
        writeBlock: writeBlockOf(context),
        theme,
        l: localizer,
        field: {
          label: context.mode.label || "Email",
          value: value || "",
          readOnly: context.mode.isControlDisabled || security.editable === false,
          masked: security.readable === false,
          onChange: (v: string) => {
            email.edit(v === "" ? null : v);
            notifyOutputChanged();
          },
        },
        availability: availabilityOf(context),
        mailboxName: recordInfo(context).name || value || "",
        showPassed: option(context, "showPassedChecks") === true,
        showAlerts: option(context, "showRecentAlerts") !== false,
        narrow: width > 0 && width < NARROW_WIDTH,
        clientUrl: clientUrlOf(context),
        onCheck: () => void controller.check(),
        onOpenRecord: (url: string) => openRecord(context, url),
      };
      return React.createElement(App, props);
    };

    this.getOutputs = () => {
      const value = email.value;
      return { emailAddress: value === null ? undefined : value };
    };

    this.destroy = () => {
      loop.dispose();
      controller.dispose();
    };
  }
}

/**
 * The record on the form. The id comes first from the optional `mailboxId` input property bound to the
 * Mailbox column (`mailboxid`), the way PCF's FAQ documents; then from `mode.contextInfo` and `page`,
 * which model-driven forms fill but Microsoft does not document for controls.
 */
function recordInfo(context: Context): { id: string | null; table: string | undefined; name: string | undefined } {
  const extras = context as unknown as HostExtras;
  const info = extras.mode.contextInfo || {};
  const page = extras.page || {};
  return {
    id: [option(context, "mailboxId"), info.entityId, page.entityId].map(savedRecordId).find((id) => id) || null,
    table: info.entityTypeName || page.entityTypeName,
    name: info.entityRecordName,
  };
}

/** A record id as the Web API takes it; null for anything else (empty, a new record's all-zero id, text). */
function savedRecordId(value: unknown): string | null {
  const guid = typeof value === "string" ? normalizeGuid(value) : "";
  // A GUID of zeros and dashes only is the all-zero id.
  const saved = isGuid(guid) && !/^[0-]+$/.test(guid);
  return saved ? guid : null;
}

/** An optional input property's value; hosts leave out the properties a form does not configure. */
function option(context: Context, name: "runOnLoad" | "showPassedChecks" | "showRecentAlerts" | "mailboxId"): unknown {
  return (context.parameters[name] || {}).raw;
}

function availabilityOf(context: Context): Availability {
  const { id, table } = recordInfo(context);
  if (table && table !== "mailbox") return { kind: "wrong-table", table };
  if (!id) return { kind: "not-saved" };
  return { kind: "ready" };
}

/** Why the control may not write to the mailbox now (shown beside the disabled actions), or null. */
function writeBlockOf(context: Context): WriteBlock | null {
  return writeBlock({
    readOnly: context.mode.isControlDisabled,
    saved: availabilityOf(context).kind === "ready",
    offline: isOffline(context),
    canWriteMailbox: canWriteMailbox(context),
  });
}

/** `utils.hasEntityPrivilege("mailbox", Write, Basic)`; undefined when the host cannot answer (or has no such member). Only `false` blocks a write. */
function canWriteMailbox(context: Context): boolean | undefined {
  try {
    return context.utils.hasEntityPrivilege("mailbox", 3, 0);
  } catch {
    return undefined;
  }
}

/** The page's visibility: the wait for a test pauses while the page is hidden. */
function pageVisibility(): Visibility {
  return {
    hidden: () => document.visibilityState === "hidden",
    subscribe: (listener) => {
      document.addEventListener("visibilitychange", listener);
      return () => document.removeEventListener("visibilitychange", listener);
    },
  };
}

/** The org's URL; null when the host has no `page.getClientUrl` (the call throws) or gives none. */
function clientUrlOf(context: Context): string | null {
  try {
    const url = (context as unknown as Required<HostExtras>).page.getClientUrl!();
    return typeof url === "string" && url ? url : null;
  } catch {
    return null;
  }
}

/** Without isNetworkAvailable, the call throws when isOffline() is false: not offline. */
function isOffline(context: Context): boolean {
  try {
    return context.client.isOffline() || context.client.isNetworkAvailable() === false;
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
