import { analyzeAttachment } from './analyze.js';
import type { AnalyzeContext, AttachmentAnalysis } from './types.js';

/** Test helper: analyse bytes under a name. */
export function analyze(name: string | undefined, bytes: Uint8Array | string, ctx?: AnalyzeContext): AttachmentAnalysis {
  const content = typeof bytes === 'string' ? new Uint8Array(Buffer.from(bytes, 'utf8')) : bytes;
  return analyzeAttachment({ filename: name, declaredType: undefined, content }, ctx);
}

export function ids(a: AttachmentAnalysis): string[] {
  return a.findings.map((f) => f.id);
}

export function mediumOrAbove(a: AttachmentAnalysis): string[] {
  return a.findings.filter((f) => f.severity === 'medium' || f.severity === 'high' || f.severity === 'critical').map((f) => `${f.id}: ${f.evidence}`);
}

/** Deterministic PRNG (mulberry32) for mutation tests. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function patch32(b: Uint8Array, off: number, v: number): Uint8Array {
  const c = new Uint8Array(b);
  new DataView(c.buffer).setUint32(off, v >>> 0, true);
  return c;
}

export function patch16(b: Uint8Array, off: number, v: number): Uint8Array {
  const c = new Uint8Array(b);
  new DataView(c.buffer).setUint16(off, v, true);
  return c;
}
