/** Caps and windows of the campaigns domain, each with its reason. */
export const CAMPAIGN_LIMITS = {
  /** Copies of one mailing arrive within minutes to hours; bulk senders throttle over a day or two. */
  attemptWindowHours: 72,
  /**
   * SimHash bits two copies of one mailing may differ by. Per-recipient greetings, organisation names and tokens
   * move up to ~15 bits on short lures (measured on the generator's scenarios); unrelated texts differ by ~32 ± 4.
   * Sender, subject template and attachments already agree, so this only separates a truly different body.
   */
  attemptBodyBits: 24,
  /** Bits for the cross-attempt `body` link: only truly reused text, not a similar genre. */
  bodyLinkBits: 3,
  /** A weak item held by more attempts than this is background, not a fingerprint (also bounds pair work). */
  weakFanoutMax: 64,
  /** Text fed to SimHash: enough for any lure; bounds the work on a hostile 50 MB body. */
  bodyTextChars: 20_000,
  /** Per-message list caps: a message with 10,000 links is still clustered, on its first items. */
  itemsPerList: 200,
  /** Bytes of raw header read for X-Mailer / Delivered-To. */
  headerBytes: 256 * 1024,
  /**
   * Messages whose reports and raw bytes are held at once while computing facts: a scan of 100,000 messages is
   * processed in batches so memory stays flat (each batch is one transaction; the result does not depend on batching).
   */
  factsBatch: 2000,
  /** Rows per SQL IN (…) list, under SQLite's and PostgreSQL's parameter limits. */
  sqlChunk: 500,
} as const;
