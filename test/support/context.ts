/**
 * A model-driven form context for the real index.ts: only what the control reads, typed through
 * `as unknown as`. Its webAPI answers from an org dump through the real org-dump client, so the
 * control's real request plan is exercised; `fetch` answers RetrieveCurrentOrganization the same way.
 */
import type { IInputs } from "../../MailboxHealth/generated/ManifestTypes";
import type { OrgDump } from "../../MailboxHealth/data/orgDump";
import { OrgDumpClient } from "../../MailboxHealth/data/orgDump";
import type { WebApiClient } from "../../MailboxHealth/data/webApiClient";
import { getStringFor } from "./strings";
import { CLIENT_URL, IDS } from "./rows";

export interface ContextOptions {
  dump: () => OrgDump;
  /** Replace the client behind webAPI (e.g. one that fails). */
  client?: (dump: OrgDump) => WebApiClient;
  value?: string | null;
  lcid?: 1033 | 1029;
  /** `mode.contextInfo.entityId`; null: none (a new record, or a host without it). */
  entityId?: string | null;
  /** `mode.contextInfo.entityTypeName`; null: the host does not name the table. */
  entityTypeName?: string | null;
  /** The optional `mailboxId` input property (bound to mailboxid on the form); null: not bound. */
  recordId?: string | null;
  /** `page.entityId`. */
  pageEntityId?: string;
  offline?: boolean;
  disabled?: boolean;
  readable?: boolean;
  editable?: boolean;
  runOnLoad?: boolean;
  showPassedChecks?: boolean;
  showRecentAlerts?: boolean;
  width?: number;
  fluentDesignLanguage?: unknown;
}

export interface Call {
  kind: "retrieveRecord" | "retrieveMultipleRecords" | "fetch";
  table?: string;
  /** retrieveRecord's record id. */
  id?: string;
  options?: string;
}

export interface MockContext {
  context: ComponentFramework.Context<IInputs>;
  /** Every request the control sent, in order. */
  calls: Call[];
  openForm: jest.Mock;
  trackContainerResize: jest.Mock;
  set(options: Partial<ContextOptions>, updated?: string[]): void;
}

export function createContext(initial: ContextOptions): MockContext {
  let o: ContextOptions = { ...initial };
  const calls: Call[] = [];
  // Every request reads the dump as it is now, so edits to the org show on Recheck.
  const client = (): WebApiClient => (o.client ? o.client(o.dump()) : new OrgDumpClient(o.dump()));
  const openForm = jest.fn().mockResolvedValue({});
  const trackContainerResize = jest.fn();
  const context = {
    parameters: {} as Record<string, unknown>,
    updatedProperties: [] as string[],
    resources: { getString: (key: string) => getStringFor(o.lcid ?? 1033)(key), getResource: jest.fn() },
    userSettings: { languageId: 1033, userId: "{00000000-0000-0000-0000-000000000000}", userName: "Admin", isRTL: false },
    mode: {
      allocatedWidth: 600,
      allocatedHeight: -1,
      isControlDisabled: false,
      isVisible: true,
      label: "Email Address",
      setControlState: jest.fn(),
      setFullScreen: jest.fn(),
      trackContainerResize,
      contextInfo: {} as Record<string, unknown>,
    },
    page: { getClientUrl: () => CLIENT_URL, entityId: undefined as string | undefined },
    client: { getFormFactor: () => 1, getClient: () => "Web", isOffline: () => !!o.offline, isNetworkAvailable: () => !o.offline },
    navigation: { openForm },
    webAPI: {
      retrieveRecord: (table: string, id: string, options: string) => {
        calls.push({ kind: "retrieveRecord", table, id, options });
        return client().retrieveRecord(table, id, options);
      },
      retrieveMultipleRecords: (table: string, options: string) => {
        calls.push({ kind: "retrieveMultipleRecords", table, options });
        return client()
          .retrieveMultipleRecords(table, options)
          .then((entities) => ({ entities, nextLink: undefined }));
      },
      createRecord: jest.fn(),
      updateRecord: jest.fn(),
      deleteRecord: jest.fn(),
    },
    fluentDesignLanguage: undefined as unknown,
  };
  const apply = (updated: string[]) => {
    context.updatedProperties = updated;
    context.userSettings.languageId = o.lcid ?? 1033;
    context.mode.isControlDisabled = !!o.disabled;
    context.mode.allocatedWidth = o.width ?? 600;
    context.mode.contextInfo = {
      entityId: o.entityId === undefined ? IDS.mailbox : (o.entityId ?? undefined),
      entityTypeName: o.entityTypeName === null ? undefined : (o.entityTypeName ?? "mailbox"),
      entityRecordName: "Alex Wilber",
    };
    context.page.entityId = o.pageEntityId;
    context.fluentDesignLanguage = o.fluentDesignLanguage;
    context.parameters = {
      emailAddress: {
        raw: o.value === undefined ? "alexw@contoso.com" : o.value,
        formatted: o.value ?? "",
        error: false,
        errorMessage: "",
        type: "SingleLine.Email",
        security: { readable: o.readable ?? true, editable: o.editable ?? true, secured: o.readable === false },
      },
      runOnLoad: { raw: o.runOnLoad ?? true, type: "TwoOptions" },
      showPassedChecks: { raw: o.showPassedChecks ?? false, type: "TwoOptions" },
      showRecentAlerts: { raw: o.showRecentAlerts ?? true, type: "TwoOptions" },
      mailboxId: { raw: o.recordId ?? null, formatted: o.recordId ?? "", error: false, errorMessage: "", type: "SingleLine.Text" },
    };
  };
  apply([]);
  // RetrieveCurrentOrganization goes through fetch (context.webAPI cannot call functions).
  (window as unknown as { fetch: unknown }).fetch = jest.fn((url: string) => {
    calls.push({ kind: "fetch", options: url });
    return client().retrieveCurrentOrganization().then(
      (detail) => ({ ok: true, status: 200, headers: { get: () => null }, json: () => Promise.resolve(detail ? { Detail: detail, url } : {}) }),
      (e: { status?: number; message?: string }) => ({
        ok: false,
        status: e.status ?? 500,
        headers: { get: () => null },
        json: () => Promise.resolve({ error: { message: e.message } }),
      }),
    );
  });
  return {
    context: context as unknown as ComponentFramework.Context<IInputs>,
    calls,
    openForm,
    trackContainerResize,
    set(options, updated = []) {
      o = { ...o, ...options };
      apply(updated);
    },
  };
}
