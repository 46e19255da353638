import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { merkleRootFlat } from './merkle.js';
import { sha256dRange, sha256dRanges } from './sha256.js';

/**
 * Who does the batched hashing of block parsing: the native addon (native/, built by `npm ci` through
 * binding.gyp) with SHA-NI or its portable C compression, or the JS implementation in sha256.ts, which stays
 * the reference and the fallback when the addon is missing or cannot load.
 *
 * A batch is a Uint32Array of SPAN_RECORD-word records [slot, a0, b0, a1, b1, a2, b2]: the double SHA-256 of
 * src[a0…b0) ‖ src[a1…b1) ‖ src[a2…b2) goes to out[32·slot…32·slot+32). A SegWit txid uses the three ranges
 * (version, inputs and outputs, locktime); other hashes one, the rest empty.
 */
export const SPAN_RECORD = 7;

/**
 * avx-512…: sixteen messages at a time with AVX-512 for the batches (every txid, wtxid and merkle level of a
 * block), SHA-NI (or portable C without it) for single hashes and stragglers; sha-ni: SHA-NI, two messages at a
 * time; portable: the addon's C compression; js: sha256.ts.
 */
export type HashBackendName = 'avx-512+sha-ni' | 'avx-512' | 'sha-ni' | 'portable' | 'js';
type NativeName = Exclude<HashBackendName, 'js'>;

export interface HashBackend {
  readonly name: HashBackendName;
  /** Hash every record of `spans` (its length a multiple of SPAN_RECORD); throws on a range outside src. */
  readonly sha256dSpans: (src: Uint8Array, spans: Uint32Array, out: Uint8Array) => void;
  /**
   * The merkle root of the n hashes at the start of `level`, in place (level[0…32) holds it afterwards; level
   * needs room for n + 1 hashes). True when the tree is mutated (CVE-2012-2459).
   */
  readonly merkleRoot: (level: Uint8Array, n: number) => boolean;
}

/** native/addon.c: plain functions, no `this`. */
interface NativeAddon {
  sha256dSpans: (src: Uint8Array, spans: Uint32Array, out: Uint8Array) => void;
  merkleRoot: (level: Uint8Array, n: number) => boolean;
  backend: () => NativeName;
  setBackend: (name: 'auto' | 'sha-ni' | 'portable') => NativeName;
}

export const jsHashBackend: HashBackend = {
  name: 'js',
  sha256dSpans: (src, spans, out) => {
    // The same checks as the addon, all before the first digest is written.
    for (let i = 0; i < spans.length; i += SPAN_RECORD) {
      if (spans[i]! * 32 + 32 > out.length) throw new RangeError(`sha256dSpans: record ${i / SPAN_RECORD} writes slot ${spans[i]} past the ${out.length}-byte output`);
      for (let k = 1; k < SPAN_RECORD; k += 2) {
        if (spans[i + k]! > spans[i + k + 1]! || spans[i + k + 1]! > src.length) {
          throw new RangeError(`sha256dSpans: record ${i / SPAN_RECORD} range [${spans[i + k]}, ${spans[i + k + 1]}) is outside the ${src.length}-byte buffer`);
        }
      }
    }
    for (let i = 0; i < spans.length; i += SPAN_RECORD) {
      if (spans[i + 3] === spans[i + 4] && spans[i + 5] === spans[i + 6]) sha256dRange(src, spans[i + 1]!, spans[i + 2]!, out, spans[i]! * 32);
      else sha256dRanges(src, Array.from(spans.subarray(i + 1, i + SPAN_RECORD)), out, spans[i]! * 32);
    }
  },
  merkleRoot: (level, n) => merkleRootFlat(level, n).mutated,
};

/** Where the addon lands after `node-gyp rebuild` at the package root, seen from src/ or dist/src/. */
function addonCandidates(): string[] {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return ['../../..', '../../../..'].map((up) => path.resolve(here, up, 'build/Release/spearwatch_native.node'));
}

let addon: NativeAddon | null = null;
let loadProblem: string | null = null;

function loadAddon(): void {
  if (process.env.SPEARWATCH_NATIVE === '0') {
    loadProblem = 'disabled by SPEARWATCH_NATIVE=0';
    return;
  }
  const file = addonCandidates().find((f) => fs.existsSync(f));
  if (file === undefined) {
    loadProblem = 'build/Release/spearwatch_native.node not built (npm ci or npx node-gyp rebuild builds it)';
    return;
  }
  try {
    addon = createRequire(import.meta.url)(file) as NativeAddon;
  } catch (e) {
    loadProblem = `cannot load ${file}: ${(e as Error).message}`;
  }
}
loadAddon();

function nativeBackend(a: NativeAddon): HashBackend {
  return { name: a.backend(), sha256dSpans: a.sha256dSpans, merkleRoot: a.merkleRoot };
}

let active: HashBackend = addon === null ? jsHashBackend : nativeBackend(addon);

/** The backend parsing uses now. */
export function hashBackend(): HashBackend {
  return active;
}

/**
 * Switch backends (tests and the bench compare them): 'native' is the addon with the fastest code the CPU
 * runs, 'sha-ni' the addon without AVX-512 (SHA-NI when present), 'portable' the addon with its C compression,
 * 'js' the JS reference. Returns the backend now in use; asking for a native one without the addon throws,
 * naming why it did not load.
 */
export function setHashBackend(name: 'native' | 'sha-ni' | 'portable' | 'js'): HashBackend {
  if (name === 'js') {
    active = jsHashBackend;
    return active;
  }
  if (addon === null) throw new Error(`native hashing unavailable: ${loadProblem ?? 'unknown'}`);
  addon.setBackend(name === 'native' ? 'auto' : name);
  active = nativeBackend(addon);
  return active;
}

/** What `spearwatch doctor` shows: the backend in use and, on the JS fallback, why the addon is not used. */
export function hashBackendStatus(): { backend: HashBackendName; native: boolean; problem: string | null } {
  return { backend: active.name, native: addon !== null, problem: addon === null ? loadProblem : null };
}
