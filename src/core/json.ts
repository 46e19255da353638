import { SpearwatchError } from './errors.js';

/** Keys that must never be copied from parsed input into objects (prototype pollution). */
export const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Depth of a parsed JSON value, iteratively so that a hostile document cannot overflow the stack. */
export function jsonDepth(value: unknown, limit: number): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (d > max) max = d;
    if (max > limit) return max;
    for (const child of Object.values(v as Record<string, unknown>)) stack.push([child, d + 1]);
  }
  return max;
}

/** Parse JSON from an untrusted source, naming the source in any error. */
export function parseUntrustedJson(text: string, source: string, maxDepth: number): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new SpearwatchError('SW_INPUT_INVALID', `${source}: not valid JSON: ${(e as Error).message}`);
  }
  if (jsonDepth(value, maxDepth) > maxDepth) {
    throw new SpearwatchError('SW_INPUT_TOO_LARGE', `${source}: JSON nested deeper than ${maxDepth} levels`);
  }
  return value;
}
