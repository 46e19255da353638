/**
 * Every size cap on untrusted input, in one place, with the reason for its value, so that the parsers that
 * share an input cannot drift apart. Domains add their caps here rather than hiding constants in their code.
 */
export const LIMITS = {
  /** Organisation import file: thousands of organisations fit in far less; anything bigger is not an org list. */
  orgImportBytes: 16 * 1024 * 1024,
  /** Organisations in one import file. */
  orgImportCount: 10_000,
  /** Domains per organisation: big groups own hundreds of brands, not tens of thousands. */
  orgDomains: 1_000,
  /** Trusted relays per organisation. */
  orgTrustedRelays: 1_000,
  /** JSON nesting accepted from files (org lists, configs); real documents nest a handful of levels. */
  jsonDepth: 64,
} as const;
