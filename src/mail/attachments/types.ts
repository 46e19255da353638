/** Public shapes of attachment analysis. Stable: the verdict rules and the scan JSON depend on them. */

export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';

/** Something the verdict rules weigh. `id` is stable (same vocabulary as flags, sometimes more specific). */
export interface AttachmentFinding {
  id: string;
  severity: Severity;
  /** One human-readable sentence. */
  detail: string;
  /** The bytes/strings that triggered it, shortened; prefixed with the member path for archive members. */
  evidence: string;
}

export interface ArchiveMember {
  /** Path inside the container (zip entry name, CFB stream path, ISO path). */
  path: string;
  /** Uncompressed size as declared by the container. */
  size: number;
  /** Type from magic bytes; `unknown` when the member was not extracted (encrypted, over a limit). */
  detectedType: string;
  /** Hashes of the extracted bytes; null when the member could not be extracted safely. */
  sha256: string | null;
  sha1: string | null;
  md5: string | null;
  encrypted: boolean;
  flags: string[];
  members: ArchiveMember[];
}

export interface AttachmentAnalysis {
  filename: string | null;
  declaredType: string | null;
  detectedType: string;
  size: number;
  sha256: string;
  sha1: string;
  md5: string;
  /** Union of this file's flags and every nested member's flags, sorted, unique. */
  flags: string[];
  members: ArchiveMember[];
  /** All findings, including those raised inside archive members (evidence names the member). */
  findings: AttachmentFinding[];
  /** URLs found in PDFs, HTML, OOXML relationships, LNK arguments, scripts: for lookalike/intel checks. */
  urls: string[];
}

export interface AttachmentInput {
  filename: string | undefined;
  declaredType: string | undefined;
  content: Uint8Array;
}

export interface AttachmentLimits {
  maxInputBytes: number;
  maxDepth: number;
  maxMembers: number;
  maxMemberBytes: number;
  maxTotalInflatedBytes: number;
  maxCompressionRatio: number;
  maxCfbSectors: number;
  maxCfbChain: number;
  maxCfbDirEntries: number;
  maxStreamBytes: number;
  maxVbaSourceBytes: number;
  maxScanBytes: number;
  maxPdfObjectStreams: number;
  maxUrls: number;
  maxIsoEntries: number;
}

export interface AnalyzeContext {
  /** Plain text of the message body: used to notice an archive password given to the recipient. */
  bodyText?: string;
  limits?: Partial<AttachmentLimits>;
}
