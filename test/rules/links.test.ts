/**
 * Every admin-center link is a URL Microsoft documents, or one its own documentation links to; where
 * no such URL exists for a page (a single user's licences), the link opens the documented page above it.
 * Sources, per link, in docs/rules.md ("Admin center links").
 */
import { AdminCenter } from "../../MailboxHealth/rules/links";
import { alertRow, findingOf, healthyDump, mailboxRow, userRow } from "../support/rows";

describe("admin center links", () => {
  it("are the documented URLs", () => {
    expect(AdminCenter).toEqual({
      // "to go directly to the Mailboxes page, use https://admin.exchange.microsoft.com/#/mailboxes"
      exchangeMailboxes: "https://admin.exchange.microsoft.com/#/mailboxes",
      // "To go directly to the Active users page, use https://admin.microsoft.com/Adminportal/Home#/users"
      m365Users: "https://admin.microsoft.com/Adminportal/Home#/users",
      // "Restore a user": "go to the Users > Deleted users page" links to this
      m365DeletedUsers: "https://go.microsoft.com/fwlink/p/?linkid=2071581",
    });
  });

  it("no admin link is built from a record id: there is no documented per-user page", async () => {
    const problem = await findingOf(
      "exchange-online-license",
      healthyDump({ tracelogs: [alertRow("Test and Enable failed. Error code 8005E274: The mailbox isn't enabled for REST API.")] }),
    );
    expect(problem.links.map((l) => [l.label.key, l.url])).toEqual([
      ["Link_M365Users", "https://admin.microsoft.com/Adminportal/Home#/users"],
      ["Link_Learn_Error8005E274", expect.stringMatching(/^https:\/\/learn\.microsoft\.com\//)],
    ]);
    const unknownUser = await findingOf(
      "exchange-online-license",
      healthyDump({ mailboxes: [mailboxRow({ incomingemailstatus: 0 })], systemusers: [userRow({ azureactivedirectoryobjectid: null })] }),
    );
    expect(unknownUser.links[0].url).toBe("https://admin.microsoft.com/Adminportal/Home#/users");
  });
});
