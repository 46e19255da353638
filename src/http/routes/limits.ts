/**
 * Caps on what one request to the domain routes may ask for or send. The message size itself is the configured
 * `mail.maxMessageBytes` (the app's body limit follows it); these bound everything around it.
 */
export const ROUTE_LIMITS = {
  /** Files in one multipart upload: a mailbox export is uploaded as mbox or in batches, not as 10,000 parts. */
  uploadFiles: 100,
  /** Non-file multipart fields (org, options): a handful are meaningful, more is an attack on the parser. */
  uploadFields: 10,
  /** Values in one intel lookup: the dashboard's search box sends one; scripts may batch a page's worth. */
  lookupValues: 100,
  /** Characters of free-text search: subjects are short. */
  searchChars: 200,
  /** Words of one free-text search: each is an index lookup; a subject has about ten. */
  searchWords: 8,
  /** Characters of one search word: longer words are matched on their start (no real word is longer). */
  searchWordChars: 64,
  /** HTML of one message body handed to the sanitiser; longer bodies are cut (the raw download has it all). */
  bodyHtmlChars: 2 * 1024 * 1024,
  /** Tags the sanitiser keeps; a body with more is cut there (real newsletters stay under ~20,000). */
  bodyTags: 50_000,
  /** Largest intel file accepted through the API (STIX bundles of big feeds reach tens of MB). */
  intelUploadBytes: 64 * 1024 * 1024,
} as const;
