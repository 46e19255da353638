/** An organisation is a tenant: one exchange (or police unit) with its own mail, users and view of campaigns. */
export interface Organization {
  id: string;
  name: string;
  /** The organisation's own domains, lowercase ASCII (punycode); also the brands lookalike detection protects. */
  domains: string[];
  /** Host whose Authentication-Results headers the organisation trusts (its own MTA), or null. */
  authservId: string | null;
  /** The organisation's own relays: IPs, CIDRs or host names (`*.relay.example` matches subdomains). */
  trustedRelays: string[];
}

export interface OrgUpsertReport {
  created: string[];
  updated: string[];
  unchanged: string[];
}
