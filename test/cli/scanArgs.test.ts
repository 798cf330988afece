/** @jest-environment node */
/** The arguments of `scan`, and the org URLs it accepts. */
import { parseArgs } from "../../cli/args";
import { alertsSinceDate } from "../../cli/scan/orgUrl";
import { errorKey } from "./helpers";

it("reads scan with its URL and options; the URL becomes the org's origin", () => {
  expect(parseArgs(["scan", "https://Contoso.crm4.dynamics.com/main.aspx?appid=1"])).toEqual({
    command: "scan",
    url: "https://contoso.crm4.dynamics.com",
    mailboxes: [],
    format: "table",
    lang: "en",
    now: null,
    only: [],
    output: null,
    auth: "default",
    saveDump: null,
    alertsSince: { days: 30 },
    quiet: false,
  });
  expect(
    parseArgs(["scan", "http://127.0.0.1:5555", "--auth=device-code", "--save-dump", "org.json", "--alerts-since", "90d", "-q", "--format", "json", "--mailbox", "a@b.c"]),
  ).toMatchObject({ url: "http://127.0.0.1:5555", auth: "device-code", saveDump: "org.json", alertsSince: { days: 90 }, quiet: true, format: "json", mailboxes: ["a@b.c"] });
  expect(errorKey(["scan", "http://127.0.0.1:5555", "--save-dump", "org.json", "--output", "./org.json"])).toBe("Cli_Error_OutputIsDump");
  expect(parseArgs(["scan", "http://localhost:8080", "--alerts-since", "all"])).toMatchObject({ url: "http://localhost:8080", alertsSince: "all" });
  expect(parseArgs(["scan", "http://[::1]:8080", "--alerts-since", "2026-10-01"])).toMatchObject({ url: "http://[::1]:8080", alertsSince: { date: new Date("2026-10-01T00:00:00Z") } });
});

it("refuses http:// to any host but loopback, other schemes, credentials in the URL, and non-URLs", () => {
  expect(errorKey(["scan", "http://contoso.crm4.dynamics.com"])).toBe("Cli_Error_Scan_HttpUrl");
  expect(errorKey(["scan", "http://127.0.0.1.nip.io"])).toBe("Cli_Error_Scan_HttpUrl");
  expect(errorKey(["scan", "http://192.168.1.10"])).toBe("Cli_Error_Scan_HttpUrl");
  expect(errorKey(["scan", "file:///etc/passwd"])).toBe("Cli_Error_Scan_BadUrl");
  expect(errorKey(["scan", "contoso.crm4.dynamics.com"])).toBe("Cli_Error_Scan_BadUrl");
  expect(errorKey(["scan", "https://admin:pa55@contoso.crm4.dynamics.com"])).toBe("Cli_Error_Scan_UrlCredentials");
});

it("refuses bad option values, --demo with scan, and scan's options with diagnose", () => {
  expect(errorKey(["scan"])).toBe("Cli_Error_Scan_NoUrl");
  expect(errorKey(["scan", "https://a.crm.dynamics.com", "https://b.crm.dynamics.com"])).toBe("Cli_Error_Scan_ExtraArgument");
  expect(errorKey(["scan", "https://a.crm.dynamics.com", "--auth", "password"])).toBe("Cli_Error_BadAuth");
  expect(errorKey(["scan", "https://a.crm.dynamics.com", "--alerts-since", "last week"])).toBe("Cli_Error_BadAlertsSince");
  expect(errorKey(["scan", "--demo"])).toBe("Cli_Error_ScanDemo");
  expect(errorKey(["diagnose", "--demo", "--save-dump", "x.json"])).toBe("Cli_Error_ScanOnlyOption");
  expect(errorKey(["diagnose", "--demo", "--quiet"])).toBe("Cli_Error_ScanOnlyOption");
});

it("--alerts-since: days before --now, a date, or no limit", () => {
  const now = new Date("2026-11-20T09:00:00Z");
  expect(alertsSinceDate({ days: 30 }, now)).toEqual(new Date("2026-10-21T09:00:00Z"));
  expect(alertsSinceDate({ date: new Date("2026-01-01T00:00:00Z") }, now)).toEqual(new Date("2026-01-01T00:00:00Z"));
  expect(alertsSinceDate("all", now)).toBeNull();
});
