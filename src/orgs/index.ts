export type { Organization, OrgUpsertReport } from './types.js';
export { normalizeHostname, normalizeRelay, parseOrganization, parseOrganizationList } from './validate.js';
export { findOrgByDomain, getOrg, listOrgs, requireOrg, upsertOrgs } from './repo.js';
export { relayMatcher, type RelayMatcher } from './relays.js';
