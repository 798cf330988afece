import type { Rule } from "./rule";
import { alertMentions, eitherIs } from "./facts";
import { CredentialRetrieval } from "../model/options";
import { normalizeGuid } from "../model/guid";
import { Learn, link, recordUrl } from "./links";
import { alertEvidence, errorOf, ev, makeFinding, msg, normalizeAddress, unreadable } from "./finding";

const ID = "tenant-mismatch";
const CAUSE = 4;
/** "Test and Enable failed because no user was found with the email address … in the Microsoft 365 tenant …" */
// Linear: the search from one "no user was found" stops at the next, so each stretch is read once.
const NO_USER_IN_TENANT = /no user was found(?:(?!no user was found)[\s\S])*?tenant/i;

/** Cause 4: Dynamics 365 and the Exchange Online mailbox are in different tenants. */
export const tenantMismatch: Rule = {
  id: ID,
  cause: CAUSE,
  evaluate(s, f) {
    if (f.online === false) return makeFinding(ID, CAUSE, "not-applicable", msg("NotApplicable_OnPremisesOrg"));
    if (f.profileKind === undefined) return unreadable(ID, CAUSE, "profile", errorOf(s.profile));
    if (f.profileKind !== "exchange-online" || !f.profile) {
      return makeFinding(ID, CAUSE, "not-applicable", msg("NotApplicable_NotExchangeOnline"));
    }
    const profile = f.profile;
    const crossTenant = eitherIs(profile.incomingCredential, profile.outgoingCredential, [CredentialRetrieval.EntraOAuth]);
    const profileTenant = typeof profile.tenantId === "string" && profile.tenantId.trim() ? normalizeGuid(profile.tenantId) : null;
    const orgTenant = s.tenant.ok && s.tenant.value && typeof s.tenant.value.tenantId === "string" ? s.tenant.value.tenantId : undefined;
    const evidence = [ev("emailserverprofile.exchangeonlinetenantid", profile.tenantId), ev("organization.TenantId", orgTenant)];
    const profileLink = link("Link_OpenProfile", recordUrl(s.clientUrl, "emailserverprofile", profile.id));
    const learn = link("Link_Learn_CrossTenant", Learn.crossTenantOAuth);

    if (profileTenant) {
      if (orgTenant === undefined) return unreadable(ID, CAUSE, "tenant", errorOf(s.tenant), { evidence });
      if (profileTenant !== normalizeGuid(orgTenant)) {
        if (crossTenant) {
          return makeFinding(ID, CAUSE, "ok", msg("Tenant_OkCrossTenant"), {
            evidence: [...evidence, ev("emailserverprofile.incomingcredentialretrieval", profile.incomingCredential, "credentialretrieval")],
          });
        }
        return makeFinding(ID, CAUSE, "problem", msg("Tenant_ProblemDiffers"), {
          evidence,
          fix: ["Tenant_Fix_SameTenantOrOAuth", "Tenant_Fix_CrossTenantProfile", "Fix_TestEnable"],
          links: [...profileLink, ...learn],
        });
      }
    } else if (profile.tenantId === undefined && profile.useDefaultTenantId !== true && !crossTenant) {
      return makeFinding(ID, CAUSE, "unverified", msg("Tenant_ProfileTenantUnknown"), {
        evidence,
        fix: ["Fix_GrantReadAndRecheck"],
      });
    }

    const noUser = f.alerts?.find((a) => alertMentions(a, NO_USER_IN_TENANT));
    const owner = s.owner.ok ? s.owner.value : undefined;
    const addressesMatch =
      !!owner?.email &&
      typeof s.mailbox.emailAddress === "string" &&
      normalizeAddress(owner.email) === normalizeAddress(s.mailbox.emailAddress);
    if (noUser && addressesMatch) {
      return makeFinding(ID, CAUSE, "warning", msg("Tenant_WarningNoUserInTenant"), {
        evidence: [...evidence, ...alertEvidence(noUser)],
        fix: ["Tenant_Fix_CheckMailboxTenant", "Tenant_Fix_CrossTenantProfile"],
        links: [...profileLink, ...learn],
      });
    }
    if (!f.alerts) return unreadable(ID, CAUSE, "alerts", errorOf(s.alerts), { evidence });
    return makeFinding(ID, CAUSE, "ok", msg(crossTenant ? "Tenant_OkCrossTenant" : profileTenant ? "Tenant_OkSame" : "Tenant_OkDefault"), {
      evidence,
    });
  },
};
