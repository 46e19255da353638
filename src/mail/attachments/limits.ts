import type { AttachmentLimits } from './types.js';

/**
 * Caps on hostile attachments, each with the reason for its value. Every parser in this folder reads its
 * bounds from here (through the per-call budget), so the zip, CFB, PDF and HWP readers cannot drift apart.
 */
export const DEFAULT_ATTACHMENT_LIMITS: Readonly<AttachmentLimits> = {
  /** Mail servers cap messages at 25–50 MB; one attachment bigger than 64 MiB is not mail we analyse fully. */
  maxInputBytes: 64 * 1024 * 1024,
  /** zip-in-zip-in-iso: real lures nest 2–3 levels; deeper nesting exists only to exhaust scanners (42.zip). */
  maxDepth: 4,
  /** Members listed/analysed per attachment across all levels: lures carry a handful; 42.zip carries thousands. */
  maxMembers: 1_000,
  /** One member inflated into memory: Office documents and installers in lures are well under 32 MiB. */
  maxMemberBytes: 32 * 1024 * 1024,
  /**
   * All inflation for one attachment (zip members, HWP streams, PDF object streams, decrypted packages): bounds
   * memory and CPU per mail when workers scan in parallel. Twice the largest member, so one big member fits.
   * Twice this value caps the member bytes hashed and analysed (cross-linked ISO/FAT entries repeat extents).
   */
  maxTotalInflatedBytes: 64 * 1024 * 1024,
  /** Deflate tops out near 1032:1; text compresses ~10:1, sparse documents ~100:1. Above this is a bomb. */
  maxCompressionRatio: 200,
  /** CFB sectors addressed: a 64 MiB file with 512-byte sectors has 131,072; more means a lying header. */
  maxCfbSectors: 262_144,
  /** Steps along one sector chain (FAT, mini-FAT, DIFAT, directory): longer than the file has sectors = cycle. */
  maxCfbChain: 262_144,
  /** Directory entries: Office files have tens, MSI packages a few hundred; the tree walk is bounded by this. */
  maxCfbDirEntries: 16_384,
  /** One CFB stream or decompressed HWP/PDF stream held in memory. */
  maxStreamBytes: 32 * 1024 * 1024,
  /** One VBA module's decompressed source: real modules are kilobytes; copy tokens can expand 2,000:1. */
  maxVbaSourceBytes: 4 * 1024 * 1024,
  /** Bytes of text scanned by regex detectors per file (HTML, PDF, scripts): keeps regex work linear and small. */
  maxScanBytes: 8 * 1024 * 1024,
  /** PDF compressed streams inflated to look for actions hidden in object streams. */
  maxPdfObjectStreams: 256,
  /** URLs returned per attachment: the caller runs lookalike checks on each. */
  maxUrls: 200,
  /** ISO 9660 directory records walked. */
  maxIsoEntries: 4_096,
};

export function resolveLimits(partial: Partial<AttachmentLimits> | undefined): AttachmentLimits {
  return { ...DEFAULT_ATTACHMENT_LIMITS, ...(partial ?? {}) };
}

/**
 * Members smaller than this are never called bombs for their ratio alone: a 100 KiB run of zeros compresses
 * past 1000:1 and is harmless. Real bombs declare gigabytes.
 */
export const BOMB_MIN_BYTES = 4 * 1024 * 1024;
