import fs from 'node:fs';
import YAML from 'yaml';
import { SpearwatchError, jsonDepth, parseUntrustedJson, readInputFile } from '../../core/index.js';
import { INTEL_LIMITS } from '../limits.js';

/** Keys that would let a hostile file reach an object's prototype when its data is copied. */
const POLLUTION_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

/** The file's text (size-capped by core's reader) and its modification time (the `modified` of list formats). */
export function readIntelFile(file: string): { text: string; mtime: string } {
  const text = readInputFile(file, INTEL_LIMITS.fileBytes);
  return { text, mtime: fs.statSync(file).mtime.toISOString() };
}

/**
 * Refuse documents nested too deep or carrying prototype-pollution keys anywhere, iteratively (no recursion a
 * hostile file could overflow). JSON.parse makes `__proto__` an own key, so Object.keys sees it.
 */
export function checkStructure(value: unknown, name: string): void {
  if (jsonDepth(value, INTEL_LIMITS.depth) > INTEL_LIMITS.depth) {
    throw new SpearwatchError('SW_INPUT_TOO_LARGE', `${name}: nested deeper than ${INTEL_LIMITS.depth} levels`);
  }
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      for (const x of v) stack.push(x);
      continue;
    }
    for (const k of Object.keys(v)) {
      if (POLLUTION_KEYS.has(k)) throw new SpearwatchError('SW_INPUT_INVALID', `${name}: refused key "${k}" (prototype pollution)`);
      stack.push((v as Record<string, unknown>)[k]);
    }
  }
}

export function parseJsonFile(text: string, name: string): unknown {
  const value = parseUntrustedJson(text, name, INTEL_LIMITS.depth);
  checkStructure(value, name);
  return value;
}

export function parseYamlFile(text: string, name: string): unknown {
  let doc: YAML.Document.Parsed;
  try {
    doc = YAML.parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  } catch (e) {
    throw new SpearwatchError('SW_INPUT_INVALID', `${name}: not valid YAML: ${(e as Error).message}`);
  }
  if (doc.errors.length > 0) throw new SpearwatchError('SW_INPUT_INVALID', `${name}: not valid YAML: ${doc.errors[0]!.message}`);
  let value: unknown;
  try {
    // maxAliasCount stops "billion laughs" alias expansion.
    value = doc.toJS({ maxAliasCount: INTEL_LIMITS.yamlAliases });
  } catch (e) {
    throw new SpearwatchError('SW_INPUT_TOO_LARGE', `${name}: YAML refused: ${(e as Error).message}`);
  }
  checkStructure(value, name);
  return value;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function optString(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 timestamp normalised to ISO-8601 UTC with milliseconds, or null. */
export function isoTime(v: unknown): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (typeof v !== 'string') return null;
  const t = v.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) {
    const d = new Date(`${t}T00:00:00Z`);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  }
  if (!ISO.test(t)) return null;
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export function basenameNoExt(file: string): string {
  const b = file.split(/[\\/]/).pop() ?? file;
  return b.replace(/\.(json|ya?ml|txt|csv)$/i, '');
}
