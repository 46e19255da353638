/**
 * Caps on hostile intel input, each with the reason for its value. Feeds are imported from files a user
 * downloaded from somewhere; treat every one as an attack until parsed.
 */
export const INTEL_LIMITS = {
  /**
   * Bytes in one import file. MITRE ATT&CK Enterprise (the largest public STIX bundle we know) is ~45 MB and the
   * GraphSense actorpack ~1.5 MB; 256 MiB leaves room for big commercial exports while keeping JSON.parse's
   * memory (roughly 5-10x the text) under a couple of gigabytes.
   */
  fileBytes: 256 * 1024 * 1024,
  /**
   * Objects in one STIX bundle, MISP galaxy, TagPack or list. ATT&CK Enterprise has ~25,000 objects; feeds that
   * are bigger are published in pages. 500,000 refuses the "10^6 objects" attack while taking any real feed.
   */
  objectsPerFile: 500_000,
  /** JSON/YAML nesting. STIX objects nest 4-6 levels (extensions, hashes, kill chains); 64 is generous. */
  depth: 64,
  /** Characters in one STIX pattern. The longest real ones (OR-lists of a few hundred IPs) stay under 64 KiB. */
  patternChars: 64 * 1024,
  /** Recursion depth in a STIX pattern parse: parenthesised nesting beyond this is an attack, not intel. */
  patternDepth: 64,
  /** AST nodes per pattern: bounds evaluation work per message for complex patterns. */
  patternNodes: 5_000,
  /** Characters of a MATCHES regular expression; longer ones are kept but not evaluated. */
  regexChars: 512,
  /** Characters of an observable value tested with MATCHES/LIKE, bounding backtracking work. */
  regexSubjectChars: 2_048,
  /** Bytes of one indicator value (a URL can be long; a 1 MB "domain" is not intel). */
  valueChars: 8_192,
  /** Aliases per actor record: the biggest MISP clusters list ~60. */
  aliasesPerActor: 1_000,
  /** Columns in a CSV row and characters in one CSV file line. */
  csvColumns: 64,
  /** YAML aliases (anchors dereferenced): stops "billion laughs" expansion. */
  yamlAliases: 100,
  /** Observables per match call: a message with more is truncated by the mail scanner's own limits anyway. */
  observablesPerMatch: 100_000,
} as const;
