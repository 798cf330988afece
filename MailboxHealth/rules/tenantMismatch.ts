import type { Rule } from "./rule";
import { CredentialRetrieval } from "../model/options";
import { normalizeGuid } from "../model/guid";
import { learnLink, link, recordUrl } from "./links";
import { credentials } from "./facts";
import { defineRule, errorOf, ev, unreadable } from "./finding";

const EMPTY_GUID = "00000000-0000-0000-0000-000000000000";

/**
 * Cause 4: Dynamics 365 and the Exchange Online mailbox are in different tenants.
 *
 * Server-to-server authentication (credential retrieval 2) reaches the org's own tenant only, so a profile
 * naming another tenant with it fails. The value the admin center stores for "OAuth (cross tenant)" is not
 * documented: 7 (OAuth with Microsoft Entra ID) counts as cross-tenant, and any other value with another
 * tenant is a warning to confirm, not a problem (docs/rules.md).
 */
export const tenantMismatch: Rule = defineRule("tenant-mismatch", 4, (s, f, find) => {
  if (f.online === false) return find("not-applicable", "NotApplicable_OnPremisesOrg");
  if (!f.inExchangeOnline) {
    if (f.profileKind === undefined) return unreadable(find, "profile", errorOf(s.profile));
    return find("not-applicable", "NotApplicable_NotExchangeOnline", {
      restsOn: [...f.basis.profileKind, ...f.basis.exchangeOnline],
    });
  }
  if (f.profile === null) return find("not-applicable", "NotApplicable_NoProfile");
  if (!f.profile) return unreadable(find, "profile", errorOf(s.profile));
  const profile = f.profile;
  // Each direction's credential retrieval and its evidence: outgoing uses the incoming one when the profile
  // uses the same settings.
  const directions = credentials(profile);
  const credentialEvidence = directions.flatMap((d) => d[1]);
  const tenantId = typeof profile.tenantId === "string" ? normalizeGuid(profile.tenantId) : "";
  // An empty GUID, like an empty column, names no tenant: the default one is used.
  const profileTenant = tenantId && tenantId !== EMPTY_GUID ? tenantId : null;
  const orgTenant = s.tenant.ok && s.tenant.value && typeof s.tenant.value.tenantId === "string" ? s.tenant.value.tenantId : undefined;
  const tenants = [ev("emailserverprofile.exchangeonlinetenantid", profile.tenantId), ev("organization.TenantId", orgTenant)];
  const links = [...link("Link_OpenProfile", recordUrl(s.clientUrl, "emailserverprofile", profile.id)), ...learnLink("CrossTenant")];

  if (profileTenant) {
    if (orgTenant === undefined) return unreadable(find, "tenant", errorOf(s.tenant), { evidence: tenants });
    // Both tenants were read: neither ok below rests on a column left unknown (OAuth with Microsoft Entra ID,
    // in every direction, is a documented value).
    if (profileTenant === normalizeGuid(orgTenant)) return find("ok", "Tenant_OkSame", { evidence: tenants });
    const serverToServer = directions.filter((d) => d[0] === CredentialRetrieval.ServerToServer);
    if (serverToServer.length > 0) {
      return find("problem", "Tenant_ProblemDiffers", {
        evidence: [...tenants, ...serverToServer.flatMap((d) => d[1])],
        fix: ["Tenant_Fix_SameTenantOrOAuth", "Tenant_Fix_CrossTenantProfile", "Fix_TestEnable"],
        links,
      });
    }
    if (directions.every((d) => d[0] === CredentialRetrieval.EntraOAuth)) {
      return find("ok", "Tenant_OkCrossTenant", { evidence: [...tenants, ...credentialEvidence] });
    }
    return find("warning", "Tenant_WarningConfirmCrossTenant", {
      evidence: [...tenants, ...credentialEvidence],
      fix: ["Tenant_Fix_ConfirmCrossTenant", "Tenant_Fix_CrossTenantProfile", "Fix_TestEnable"],
      links,
      restsOn: credentialEvidence,
    });
  }
  const evidence = [...tenants, ev("emailserverprofile.usedefaulttenantid", profile.useDefaultTenantId)];
  // An ID not read could name another tenant, "use default tenant ID" or not: one that is read is judged
  // whatever that setting says (docs/rules.md).
  if (profile.tenantId === undefined) {
    return find("unverified", "Tenant_ProfileTenantUnknown", { evidence, fix: ["Fix_GrantReadAndRecheck"] });
  }
  return find("ok", "Tenant_OkDefault", { evidence });
});
