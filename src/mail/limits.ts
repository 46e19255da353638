/**
 * Every cap the mail path applies to hostile input, with the reason for its value. The intake, the MIME parser
 * wrapper and the analysers read these so they cannot drift apart. A message that exceeds a cap is not fatal: it
 * is reported with a signal that names the cap (`mime.limit`), and the rest of the run continues.
 */
export const MAIL_LIMITS = {
  /** One message. Real mail with attachments tops out around 25–50 MB at the big providers (Gmail 25 MB). */
  messageBytes: 64 * 1024 * 1024,
  /** Header block of one message. The biggest real headers (Exchange + ARC + long Received chains) are ~100 KB. */
  headerBytes: 1024 * 1024,
  /** One header line after unfolding. RFC 5322 asks for 998 octets; DKIM/ARC signatures reach ~4 KB. */
  headerLineBytes: 64 * 1024,
  /** MIME nesting depth. Real clients nest 3–5 levels (mixed › alternative › related); 10,000 is an attack. */
  mimeDepth: 32,
  /** MIME parts per message. Newsletters with inline images reach a few hundred. */
  mimeParts: 2_000,
  /** Received headers parsed into hops. Loops are capped by MTAs at 100 hops (RFC 5321 §6.3). */
  receivedHops: 100,
  /** Bytes of text and HTML body scanned for links and language; phishing lures are short, bombs are not. */
  bodyScanBytes: 2 * 1024 * 1024,
  /** Characters of subject + text scanned for lure language: lures sit in the first screen; bombs are long. */
  languageScanChars: 64 * 1024,
  /** URLs kept per message: enough for any newsletter; bounded so link analysis stays linear. */
  urls: 500,
  /** One URL's length before it is truncated for analysis; browsers cap at ~2 MB but real links are < 2 KB. */
  urlChars: 8 * 1024,
  /** Attachments analysed per message. */
  attachments: 100,
  /** Characters of one display name or subject examined for lookalikes. */
  nameChars: 512,
  /** Messages one mbox file may yield before the rest is reported as skipped. */
  mboxMessages: 1_000_000,
  /** Files one scan walks; a folder tree bigger than this is almost certainly the wrong path. */
  walkFiles: 5_000_000,
  /** Folder recursion depth while walking paths (symlink loops are also refused by realpath). */
  walkDepth: 32,
  /** Heap of one analysis worker: a 64 MB message with attachments decoded fits several times over. */
  workerHeapMb: 512,
  /** Per-message analysis budget in a worker; a message over it is reported as timed out and the worker replaced. */
  workerTimeoutMs: 10_000,
} as const;
