/** @jest-environment node */
/** The Exchange Online hosts of Microsoft's endpoint lists, all four clouds (docs/rules.md, "Exchange Online host"). */
import { hostOf, isExchangeOnlineHost } from "../../MailboxHealth/rules/facts";

describe("Exchange Online hosts", () => {
  it.each([
    "https://outlook.office365.com/EWS/Exchange.asmx",
    "outlook.office.com",
    "https://attachments.outlook.office.com/",
    "smtp.office365.com",
    "contoso-com.mail.protection.outlook.com",
    "https://outlook.office365.us/EWS/Exchange.asmx",
    "https://outlook-dod.office365.us/EWS/Exchange.asmx",
    "https://webmail.apps.mil/EWS/Exchange.asmx",
    "https://partner.outlook.cn/EWS/Exchange.asmx",
    "https://mail.partner.outlook.cn/EWS/Exchange.asmx",
  ])("%s is Exchange Online", (location) => {
    expect(isExchangeOnlineHost(hostOf(location))).toBe(true);
  });

  it.each(["https://mail.contoso.com/EWS/Exchange.asmx", "https://outlook.contoso.com/EWS/Exchange.asmx", "https://notoutlook.office.com.evil.example/", "office365.us"])(
    "%s is not",
    (location) => {
      expect(isExchangeOnlineHost(hostOf(location))).toBe(false);
    },
  );
});
