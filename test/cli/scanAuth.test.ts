/**
 * @jest-environment node
 */
/**
 * How `scan` gets its token: the token variable, each --auth method, and the default order. The
 * identity library is replaced at its boundary (the credentials it would construct) by fakes that
 * answer getToken; the command, the selection and the reader are the real ones, against the test server.
 * One test runs the real AzureCliCredential, with no Azure CLI on this machine.
 */
import type { AccessToken, TokenCredential } from "@azure/identity";
import type { CredentialFactory } from "../../cli/auth/tokenSource";
import { DATAVERSE_PUBLIC_CLIENT_ID, safeReason } from "../../cli/auth/tokenSource";
import type { Io } from "../../cli/main";
import { run } from "../../cli/main";
import type { DataverseServer } from "../support/dataverseServer";
import { TEST_TOKEN, startDataverseServer } from "../support/dataverseServer";
import type { Result } from "./helpers";
import { demoDump } from "./helpers";

let server: DataverseServer;
beforeAll(async () => {
  server = await startDataverseServer({ dump: demoDump() });
});
afterAll(() => server.stop());

class Unavailable extends Error {
  name = "CredentialUnavailableError";
}

/** A credential that answers with a token, or fails as the library's credentials do. */
function credential(answer: string | Error, calls: string[], name: string, expiresInMs = 3600_000): TokenCredential {
  return {
    getToken: async (scopes: string | string[]): Promise<AccessToken> => {
      calls.push(`${name} ${[scopes].flat().join(" ")}`);
      if (answer instanceof Error) throw answer;
      return { token: answer, expiresOnTimestamp: Date.now() + expiresInMs };
    },
  };
}

interface Fakes {
  environment?: string | Error;
  azureCli?: string | Error;
  deviceCode?: string | Error;
}

function factory(fakes: Fakes, calls: string[], deviceOptions: { clientId?: string; tenantId?: string }[] = []): CredentialFactory {
  const missing = (name: string): TokenCredential => {
    throw new Error(`${name} must not be constructed`);
  };
  return {
    environment: () => (fakes.environment !== undefined ? credential(fakes.environment, calls, "environment") : missing("environment")),
    azureCli: () => (fakes.azureCli !== undefined ? credential(fakes.azureCli, calls, "azure-cli") : missing("azure-cli")),
    deviceCode: ({ clientId, tenantId, prompt }) => {
      deviceOptions.push({ clientId, tenantId });
      prompt("To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code ABCD1234 to authenticate.");
      return fakes.deviceCode !== undefined ? credential(fakes.deviceCode, calls, "device-code") : missing("device-code");
    },
  };
}

async function scanWith(argv: string[], options: { env?: Record<string, string>; credentials?: CredentialFactory; interactive?: boolean; tty?: boolean }): Promise<Result> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t), isTTY: options.tty, columns: 100 },
    env: options.env ?? {},
    scan: { credentials: options.credentials, interactive: options.interactive ?? false, reader: { backoffMs: 5 } },
  };
  const status = await run(["scan", server.url, "--format", "json", ...argv], io);
  return { status, stdout, stderr };
}

const SP_ENV = { AZURE_TENANT_ID: "t", AZURE_CLIENT_ID: "c", AZURE_CLIENT_SECRET: "sp-secret-value-9f" };

it("MAILBOX_HEALTH_ACCESS_TOKEN is used as it is: no credential is constructed", async () => {
  const calls: string[] = [];
  const before = server.requests.length;
  const r = await scanWith([], { env: { MAILBOX_HEALTH_ACCESS_TOKEN: TEST_TOKEN }, credentials: factory({}, calls), interactive: true });
  expect(r.status).toBe(1);
  expect(calls).toEqual([]);
  expect(server.requests.slice(before).every((x) => x.authorized)).toBe(true);
});

it("--auth azure-cli asks the Azure CLI for <org URL>/.default, says so on a terminal, and sends that token", async () => {
  const calls: string[] = [];
  const r = await scanWith(["--auth", "azure-cli"], { env: { MAILBOX_HEALTH_ACCESS_TOKEN: "ignored" }, credentials: factory({ azureCli: TEST_TOKEN }, calls), tty: true });
  expect(r.status).toBe(1);
  expect(calls[0]).toBe(`azure-cli ${server.url}/.default`);
  expect(r.stderr).toContain(`Signed in to ${new URL(server.url).host} with the Azure CLI (az login).`);
  expect(r.stderr).not.toContain(TEST_TOKEN);
});

it("default order: the service principal of the environment first when its variables are set", async () => {
  const calls: string[] = [];
  const r = await scanWith([], { env: SP_ENV, credentials: factory({ environment: TEST_TOKEN, azureCli: TEST_TOKEN }, calls), tty: true });
  expect(r.status).toBe(1);
  expect(calls.map((c) => c.split(" ")[0])).toEqual(["environment"]);
  expect(r.stderr).toContain("as the service principal of AZURE_CLIENT_ID");
});

it("default order: without the environment's variables, the Azure CLI", async () => {
  const calls: string[] = [];
  const r = await scanWith([], { credentials: factory({ azureCli: TEST_TOKEN, deviceCode: TEST_TOKEN }, calls), interactive: true });
  expect(r.status).toBe(1);
  expect(calls.map((c) => c.split(" ")[0])).toEqual(["azure-cli"]);
});

it("default order: no Azure CLI sign-in and someone at the terminal: the device code, shown on stderr even with --quiet", async () => {
  const calls: string[] = [];
  const devices: { clientId?: string; tenantId?: string }[] = [];
  const r = await scanWith(["--quiet"], { credentials: factory({ azureCli: new Unavailable("Azure CLI could not be found."), deviceCode: TEST_TOKEN }, calls, devices), interactive: true, tty: true });
  expect(r.status).toBe(1);
  expect(calls.map((c) => c.split(" ")[0])).toEqual(["azure-cli", "device-code"]);
  expect(devices).toEqual([{ clientId: DATAVERSE_PUBLIC_CLIENT_ID, tenantId: "organizations" }]);
  expect(r.stderr).toBe("To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code ABCD1234 to authenticate.\n");
  expect(r.stdout).not.toContain("devicelogin");
});

it("device code: the tenant of AZURE_TENANT_ID and a client id of one's own from MAILBOX_HEALTH_CLIENT_ID", async () => {
  const devices: { clientId?: string; tenantId?: string }[] = [];
  await scanWith(["--auth", "device-code"], {
    env: { AZURE_TENANT_ID: "contoso.onmicrosoft.com", MAILBOX_HEALTH_CLIENT_ID: "11111111-2222-3333-4444-555555555555" },
    credentials: factory({ deviceCode: TEST_TOKEN }, [], devices),
    interactive: true,
  });
  expect(devices).toEqual([{ clientId: "11111111-2222-3333-4444-555555555555", tenantId: "contoso.onmicrosoft.com" }]);
});

it("nothing works and nobody at the terminal: exit 2, what to do, no request sent", async () => {
  const before = server.requests.length;
  const r = await scanWith([], { credentials: factory({ azureCli: new Unavailable("Azure CLI could not be found.") }, []), interactive: false });
  expect(r).toEqual({
    status: 2,
    stdout: "",
    stderr:
      "mailbox-health: no sign-in worked: run az login (Azure CLI), set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET for a service principal, or set MAILBOX_HEALTH_ACCESS_TOKEN\n",
  });
  expect(server.requests.length).toBe(before);
});

it("--auth environment without its variables, and --auth device-code with nobody at the terminal, are refused", async () => {
  const env = await scanWith(["--auth", "environment"], { credentials: factory({}, []) });
  expect(env.status).toBe(2);
  expect(env.stderr).toContain("--auth environment needs AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET");
  const device = await scanWith(["--auth", "device-code"], { credentials: factory({}, []), interactive: false });
  expect(device.status).toBe(2);
  expect(device.stderr).toContain("--auth device-code needs a terminal");
});

it("a failed sign-in is named by method, and a secret in the library's message never reaches stderr", async () => {
  const failure = new Error(`AADSTS7000215: Invalid client secret provided. The secret sp-secret-value-9f was rejected.\nTrace ID: 1`);
  const r = await scanWith(["--auth", "environment", "--lang", "cs"], { env: SP_ENV, credentials: factory({ environment: failure }, []) });
  expect(r.status).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toBe("mailbox-health: přihlášení metodou environment selhalo: AADSTS7000215: Invalid client secret provided.\n");
  expect(r.stderr).not.toContain("sp-secret-value-9f");
});

it("a token close to expiry is asked for again during the scan", async () => {
  const calls: string[] = [];
  const r = await scanWith(["--auth", "azure-cli"], {
    credentials: { ...factory({}, calls), azureCli: () => credential(TEST_TOKEN, calls, "azure-cli", 60_000) },
  });
  expect(r.status).toBe(1);
  // The first token, then one for each of the 7 requests: it expires within the 5-minute margin.
  expect(calls).toHaveLength(8);
});

it("safeReason cuts out secrets and JWTs and keeps one bounded sentence", () => {
  const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2ln";
  expect(safeReason(new Error(`Bad token ${jwt} here. More text.`), {})).toBe("Bad token *** here.");
  expect(safeReason(new Error("x".repeat(500)), {})).toHaveLength(200);
  expect(safeReason(new Error("leaked abcd1234 value"), { MAILBOX_HEALTH_ACCESS_TOKEN: "abcd1234" })).toBe("leaked *** value");
});

it("the real AzureCliCredential on a machine without the Azure CLI: exit 2 with what to do", async () => {
  const r = await scanWith(["--auth", "azure-cli"], { env: { PATH: "/nonexistent" } });
  expect(r.status).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toBe(
    "mailbox-health: the Azure CLI gave no token: install it and run az login (az login --tenant <tenant> for another tenant), then try again\n",
  );
}, 30_000);
