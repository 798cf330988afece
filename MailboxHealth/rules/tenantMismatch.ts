import type { Rule } from "./rule";
import { CredentialRetrieval } from "../model/options";
import { normalizeGuid } from "../model/guid";
import { Learn, link, recordUrl } from "./links";
import { errorOf, ev, makeFinding, msg, unreadable } from "./finding";

const ID = "tenant-mismatch";
const CAUSE = 4;
const EMPTY_GUID = "00000000-0000-0000-0000-000000000000";

/**
 * Cause 4: Dynamics 365 and the Exchange Online mailbox are in different tenants.
 *
 * Server-to-server authentication (credential retrieval 2) reaches the org's own tenant only, so a profile
 * naming another tenant with it fails. The value the admin center stores for "OAuth (cross tenant)" is not
 * documented: 7 (OAuth with Microsoft Entra ID) counts as cross-tenant, and any other value with another
 * tenant is a warning to confirm, not a problem (docs/rules.md).
 */
export const tenantMismatch: Rule = {
  id: ID,
  cause: CAUSE,
  evaluate(s, f) {
    if (f.online === false) return makeFinding(ID, CAUSE, "not-applicable", msg("NotApplicable_OnPremisesOrg"));
    if (!f.inExchangeOnline) {
      if (f.profileKind === undefined) return unreadable(ID, CAUSE, "profile", errorOf(s.profile));
      return makeFinding(ID, CAUSE, "not-applicable", msg("NotApplicable_NotExchangeOnline"), {
        restsOn: [...f.basis.profileKind, ...f.basis.exchangeOnline],
      });
    }
    if (f.profile === null) return makeFinding(ID, CAUSE, "not-applicable", msg("NotApplicable_NoProfile"));
    if (!f.profile) return unreadable(ID, CAUSE, "profile", errorOf(s.profile));
    const profile = f.profile;
    const credentials = [
      ev("emailserverprofile.incomingcredentialretrieval", profile.incomingCredential, "credentialretrieval"),
      ev("emailserverprofile.outgoingcredentialretrieval", profile.outgoingCredential, "credentialretrieval"),
    ];
    const values = [profile.incomingCredential, profile.outgoingCredential];
    const tenantId = typeof profile.tenantId === "string" ? normalizeGuid(profile.tenantId) : "";
    // An empty GUID, like an empty column, names no tenant: the default one is used.
    const profileTenant = tenantId && tenantId !== EMPTY_GUID ? tenantId : null;
    const orgTenant = s.tenant.ok && s.tenant.value && typeof s.tenant.value.tenantId === "string" ? s.tenant.value.tenantId : undefined;
    const tenants = [ev("emailserverprofile.exchangeonlinetenantid", profile.tenantId), ev("organization.TenantId", orgTenant)];
    const profileLink = link("Link_OpenProfile", recordUrl(s.clientUrl, "emailserverprofile", profile.id));
    const learn = link("Link_Learn_CrossTenant", Learn.crossTenantOAuth);

    if (profileTenant) {
      if (orgTenant === undefined) return unreadable(ID, CAUSE, "tenant", errorOf(s.tenant), { evidence: tenants });
      if (profileTenant === normalizeGuid(orgTenant)) {
        return makeFinding(ID, CAUSE, "ok", msg("Tenant_OkSame"), { evidence: tenants, restsOn: tenants });
      }
      if (values.some((v) => v === CredentialRetrieval.ServerToServer)) {
        return makeFinding(ID, CAUSE, "problem", msg("Tenant_ProblemDiffers"), {
          evidence: [...tenants, ...credentials.filter((_, i) => values[i] === CredentialRetrieval.ServerToServer)],
          fix: ["Tenant_Fix_SameTenantOrOAuth", "Tenant_Fix_CrossTenantProfile", "Fix_TestEnable"],
          links: [...profileLink, ...learn],
        });
      }
      if (values.every((v) => v === CredentialRetrieval.EntraOAuth)) {
        return makeFinding(ID, CAUSE, "ok", msg("Tenant_OkCrossTenant"), { evidence: [...tenants, ...credentials], restsOn: credentials });
      }
      return makeFinding(ID, CAUSE, "warning", msg("Tenant_WarningConfirmCrossTenant"), {
        evidence: [...tenants, ...credentials],
        fix: ["Tenant_Fix_ConfirmCrossTenant", "Tenant_Fix_CrossTenantProfile", "Fix_TestEnable"],
        links: [...profileLink, ...learn],
        restsOn: credentials,
      });
    }
    const useDefault = ev("emailserverprofile.usedefaulttenantid", profile.useDefaultTenantId);
    // With "use default tenant ID" on, the tenant ID column is not used; otherwise an unknown one could name another tenant.
    const restsOn = profile.useDefaultTenantId === true ? [] : [tenants[0]];
    if (profile.tenantId === undefined && profile.useDefaultTenantId !== true) {
      return makeFinding(ID, CAUSE, "unverified", msg("Tenant_ProfileTenantUnknown"), { evidence: [...tenants, useDefault], fix: ["Fix_GrantReadAndRecheck"] });
    }
    return makeFinding(ID, CAUSE, "ok", msg("Tenant_OkDefault"), { evidence: [...tenants, useDefault], restsOn });
  },
};
