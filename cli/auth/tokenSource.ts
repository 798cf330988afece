import type { AccessToken, TokenCredential } from "@azure/identity";
import { CliError } from "../errors";

/**
 * Where `scan` gets its access token for `<org URL>/.default` (docs/cli.md, "Signing in"):
 *
 * - `MAILBOX_HEALTH_ACCESS_TOKEN`: a token used as it is, with no sign-in (CI, tests, on-premises IFD
 *   tokens, tokens from other tools), unless `--auth` names a method;
 * - `--auth environment`: a service principal from AZURE_TENANT_ID / AZURE_CLIENT_ID with
 *   AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH (@azure/identity EnvironmentCredential);
 * - `--auth azure-cli`: the account of `az login` (AzureCliCredential);
 * - `--auth device-code`: a code and a URL on stderr (DeviceCodeCredential), with the public client id
 *   Microsoft publishes for Dataverse samples and tools (DATAVERSE_PUBLIC_CLIENT_ID);
 * - default: environment when its variables are set, then the Azure CLI, then the device code when
 *   there is someone at the terminal to enter it.
 *
 * A token or secret never reaches a message: errors are named by method, and the text of a credential's
 * error is shown only after the values of the secret variables are cut out of it.
 */

export const AUTH_METHODS = ["default", "azure-cli", "device-code", "environment"] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];
export type SignInMethod = Exclude<AuthMethod, "default"> | "token-variable";

export const TOKEN_VARIABLE = "MAILBOX_HEALTH_ACCESS_TOKEN";

/**
 * The client id Microsoft's Dataverse samples and tools sign in with ("a clientID and redirectUri shared
 * by all Web API samples"; the connection-string examples of the Dataverse SDK): a public client, so it
 * needs no secret. An organization that blocks it can register its own app and use `--auth environment`
 * or MAILBOX_HEALTH_CLIENT_ID.
 */
export const DATAVERSE_PUBLIC_CLIENT_ID = "51f81489-12ee-4a9e-aaae-a2591f45987d";
export const CLIENT_ID_VARIABLE = "MAILBOX_HEALTH_CLIENT_ID";

/** Makes the @azure/identity credentials; tests pass fakes here, at the library's boundary. */
export interface CredentialFactory {
  environment(): TokenCredential;
  azureCli(): TokenCredential;
  deviceCode(options: { clientId: string; tenantId: string; prompt: (message: string) => void }): TokenCredential;
}

/** The real credentials. @azure/identity is loaded only when a sign-in is needed. */
export const identityCredentials: CredentialFactory = {
  environment() {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { EnvironmentCredential } = require("@azure/identity") as typeof import("@azure/identity");
    return new EnvironmentCredential();
  },
  azureCli() {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { AzureCliCredential } = require("@azure/identity") as typeof import("@azure/identity");
    return new AzureCliCredential();
  },
  deviceCode({ clientId, tenantId, prompt }) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { DeviceCodeCredential } = require("@azure/identity") as typeof import("@azure/identity");
    return new DeviceCodeCredential({ clientId, tenantId, userPromptCallback: (info) => prompt(info.message) });
  },
};

export interface TokenSource {
  method: SignInMethod;
  /** A token valid for a few more minutes at least (the credential caches and refreshes it). */
  getToken(): Promise<string>;
}

export interface SignInContext {
  env: Record<string, string | undefined>;
  /** Someone can read a code on stderr and act on it. */
  interactive: boolean;
  /** Where the device code's instructions go (stderr). */
  prompt: (message: string) => void;
  credentials?: CredentialFactory;
}

const REFRESH_MARGIN_MS = 5 * 60 * 1000;

function hasEnvironmentCredential(env: Record<string, string | undefined>): boolean {
  return !!(env.AZURE_TENANT_ID && env.AZURE_CLIENT_ID && (env.AZURE_CLIENT_SECRET || env.AZURE_CLIENT_CERTIFICATE_PATH));
}

/** One line, bounded, with the values of secret variables cut out. */
export function safeReason(error: unknown, env: Record<string, string | undefined>): string {
  let text = error instanceof Error ? error.message : String(error);
  for (const name of [TOKEN_VARIABLE, "AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PASSWORD", "AZURE_PASSWORD"]) {
    const secret = env[name];
    if (secret && secret.length >= 4) text = text.split(secret).join("***");
  }
  // Anything shaped like a JWT is cut out too.
  text = text.replace(/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, "***");
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  text = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, " ").replace(/\s+/g, " ").trim();
  const first = /^(.*?[.!?])(\s|$)/.exec(text)?.[1] ?? text;
  return first.length > 200 ? `${first.slice(0, 199)}…` : first;
}

function credentialFor(method: Exclude<AuthMethod, "default">, context: SignInContext): TokenCredential {
  const factory = context.credentials ?? identityCredentials;
  switch (method) {
    case "environment":
      return factory.environment();
    case "azure-cli":
      return factory.azureCli();
    case "device-code":
      return factory.deviceCode({
        clientId: context.env[CLIENT_ID_VARIABLE] || DATAVERSE_PUBLIC_CLIENT_ID,
        tenantId: context.env.AZURE_TENANT_ID || "organizations",
        prompt: context.prompt,
      });
  }
}

const unavailable = (e: unknown): boolean => !!e && typeof e === "object" && (e as { name?: unknown }).name === "CredentialUnavailableError";

class CredentialSource implements TokenSource {
  private current: AccessToken | null = null;
  constructor(
    readonly method: SignInMethod,
    private readonly credential: TokenCredential,
    private readonly scope: string,
    private readonly env: Record<string, string | undefined>,
  ) {}

  /** The first token: a failure here is a sign-in failure, named by method. */
  async first(): Promise<void> {
    const token = await this.credential.getToken(this.scope);
    if (!token?.token) throw Object.assign(new Error("no token"), { name: "CredentialUnavailableError" });
    this.current = token;
  }

  async getToken(): Promise<string> {
    if (this.current && this.current.expiresOnTimestamp - Date.now() > REFRESH_MARGIN_MS) return this.current.token;
    try {
      const token = await this.credential.getToken(this.scope);
      if (!token?.token) throw new Error("no token");
      this.current = token;
      return token.token;
    } catch (e) {
      throw new CliError("Cli_Error_Auth_Failed", { method: this.method, reason: safeReason(e, this.env) });
    }
  }
}

/** The token source for the org: the token variable, the method asked for, or the first that works. */
export async function signIn(method: AuthMethod, origin: string, context: SignInContext): Promise<TokenSource> {
  const scope = `${origin}/.default`;
  const variable = context.env[TOKEN_VARIABLE]?.trim();
  if (method === "default" && variable) {
    return { method: "token-variable", getToken: () => Promise.resolve(variable) };
  }
  if (method !== "default") {
    if (method === "environment" && !hasEnvironmentCredential(context.env)) throw new CliError("Cli_Error_Auth_EnvironmentMissing");
    if (method === "device-code" && !context.interactive) throw new CliError("Cli_Error_Auth_DeviceCodeNotInteractive");
    const source = new CredentialSource(method, credentialFor(method, context), scope, context.env);
    try {
      await source.first();
    } catch (e) {
      throw signInError(method, e, context.env);
    }
    return source;
  }
  const candidates: Exclude<AuthMethod, "default">[] = [];
  if (hasEnvironmentCredential(context.env)) candidates.push("environment");
  candidates.push("azure-cli");
  if (context.interactive) candidates.push("device-code");
  for (const candidate of candidates) {
    const source = new CredentialSource(candidate, credentialFor(candidate, context), scope, context.env);
    try {
      await source.first();
      return source;
    } catch (e) {
      // A method that is not set up here is skipped; one that is set up and fails is reported.
      if (!unavailable(e) && candidate !== "azure-cli") throw signInError(candidate, e, context.env);
    }
  }
  throw new CliError(context.interactive ? "Cli_Error_Auth_NoneWorked" : "Cli_Error_Auth_NoneWorkedNotInteractive");
}

function signInError(method: Exclude<AuthMethod, "default">, e: unknown, env: Record<string, string | undefined>): CliError {
  if (method === "azure-cli" && unavailable(e)) return new CliError("Cli_Error_Auth_AzureCliUnavailable");
  return new CliError("Cli_Error_Auth_Failed", { method, reason: safeReason(e, env) });
}
