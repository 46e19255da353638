import { analyzeAttachment } from './attachments/index.js';
import { sha256Hex } from '../core/index.js';
import type { ParsedAttachment } from './parse/mime.js';

/**
 * The one seam between message analysis and attachment internals (src/mail/attachments, written separately).
 * Everything the verdict needs from an attachment passes through this shape.
 */
export interface AttachmentResult {
  filename: string | null;
  declaredType: string;
  detectedType: string;
  size: number;
  sha256: string;
  sha1: string | null;
  md5: string | null;
  flags: string[];
  members: { path: string; sha256: string | null }[];
  findings: { id: string; severity: 'info' | 'low' | 'medium' | 'high' | 'critical'; detail: string; evidence: string }[];
  urls: string[];
}

function flattenMembers(list: { path: string; sha256: string | null; members: unknown[] }[], out: { path: string; sha256: string | null }[]): void {
  for (const m of list) {
    if (out.length >= 1000) return;
    out.push({ path: m.path, sha256: m.sha256 });
    flattenMembers(m.members as typeof list, out);
  }
}

/** Never throws: the library promises that, and a bug there must not lose the rest of the message's analysis. */
export function analyzeAttachmentSafe(a: ParsedAttachment, bodyText: string): AttachmentResult {
  try {
    const r = analyzeAttachment({ filename: a.filename ?? undefined, declaredType: a.declaredType, content: a.content }, { bodyText });
    const members: { path: string; sha256: string | null }[] = [];
    flattenMembers(r.members, members);
    return {
      filename: a.filename, declaredType: a.declaredType, detectedType: r.detectedType, size: r.size, sha256: r.sha256, sha1: r.sha1,
      md5: r.md5, flags: r.flags, members, findings: r.findings, urls: r.urls,
    };
  } catch (e) {
    return {
      filename: a.filename, declaredType: a.declaredType, detectedType: 'unknown', size: a.content.length, sha256: sha256Hex(a.content),
      sha1: null, md5: null, flags: ['parse-error:exception'], members: [],
      findings: [{ id: 'parse-error', severity: 'low', detail: 'attachment analysis failed', evidence: e instanceof Error ? e.message.slice(0, 200) : 'error' }],
      urls: [],
    };
  }
}
