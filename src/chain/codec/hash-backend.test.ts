import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { test } from 'node:test';
import { NETWORK_PARAMS } from '../address/networks.js';
import { scanBlkRecords } from '../ingest/blkfile.js';
import { hashBackendStatus, jsHashBackend, setHashBackend, SPAN_RECORD, type HashBackend } from './hash-backend.js';
import { parseBlock } from './index.js';

const ref = (b: Uint8Array): Buffer => crypto.createHash('sha256').update(crypto.createHash('sha256').update(b).digest()).digest();

/**
 * The addon is part of the build (npm ci, npm run build); only SPEARWATCH_NATIVE=0 turns it off, and then the
 * JS fallback must be what parsing uses.
 */
const nativeOff = process.env.SPEARWATCH_NATIVE === '0';

function backends(): HashBackend[] {
  if (nativeOff) return [jsHashBackend];
  const list = [setHashBackend('native'), setHashBackend('sha-ni'), setHashBackend('portable'), setHashBackend('js')];
  setHashBackend('native');
  return list;
}

void test('the native addon loads (or is reported off, with parsing on the JS fallback)', () => {
  const st = hashBackendStatus();
  if (nativeOff) {
    assert.equal(st.backend, 'js');
    assert.equal(st.native, false);
    assert.match(st.problem ?? '', /SPEARWATCH_NATIVE=0/);
    assert.throws(() => setHashBackend('native'), /native hashing unavailable: disabled by SPEARWATCH_NATIVE=0/);
    return;
  }
  assert.equal(st.native, true, `addon not loaded: ${st.problem}`);
  assert.equal(st.problem, null);
  const names = backends().map((b) => b.name);
  const flags = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const shaNi = /\bsha_ni\b/.test(flags);
  const avx512 = /\bavx512f\b/.test(flags);
  const single = shaNi ? 'sha-ni' : 'portable';
  assert.deepEqual(names, [avx512 ? (shaNi ? 'avx-512+sha-ni' : 'avx-512') : single, single, 'portable', 'js']);
});

/** Records of one range each for every length in `lengths`, at varying offsets, slots in reverse order. */
function singleRanges(src: Buffer, lengths: number[]): { spans: Uint32Array; want: Buffer[] } {
  const spans = new Uint32Array(lengths.length * SPAN_RECORD);
  const want: Buffer[] = [];
  lengths.forEach((n, i) => {
    const a = (i * 37) % (src.length - n);
    const slot = lengths.length - 1 - i;
    spans.set([slot, a, a + n, 0, 0, 0, 0], i * SPAN_RECORD);
    want[slot] = ref(src.subarray(a, a + n));
  });
  return { spans, want };
}

void test('every backend equals node:crypto at all lengths 0…2100, the padding boundaries and random lengths to 10 kB', () => {
  const src = crypto.randomBytes(12_000);
  const lengths = Array.from({ length: 2101 }, (_, i) => i);
  for (let k = 1; k <= 150; k++) lengths.push(k * 64 - 9, k * 64 - 8, k * 64 - 1, k * 64, k * 64 + 1);
  for (let k = 0; k < 200; k++) lengths.push(crypto.randomInt(0, 10_001));
  const { spans, want } = singleRanges(src, lengths);
  for (const b of backends()) {
    // Odd and even batch sizes: the addon hashes records two or sixteen at a time.
    for (const cut of [spans.length, spans.length - SPAN_RECORD]) {
      const out = Buffer.alloc(lengths.length * 32);
      b.sha256dSpans(src, spans.subarray(0, cut), out);
      const first = cut === spans.length ? 0 : 1;
      for (let slot = first; slot < lengths.length; slot++) {
        assert.deepEqual(out.subarray(slot * 32, slot * 32 + 32), want[slot], `${b.name}: length ${lengths[lengths.length - 1 - slot]}`);
      }
      if (first === 1) assert.deepEqual(out.subarray(0, 32), Buffer.alloc(32), `${b.name}: a slot without a record stays untouched`);
    }
  }
});

void test('a record of three ranges hashes their concatenation (a SegWit txid), with ranges split anywhere', () => {
  const src = crypto.randomBytes(20_000);
  const count = 500;
  const spans = new Uint32Array(count * SPAN_RECORD);
  const want: Buffer[] = [];
  const pick = [0, 1, 4, 55, 56, 63, 64, 65, 119, 120, 127, 128];
  for (let i = 0; i < count; i++) {
    const parts: Buffer[] = [];
    const r: number[] = [i];
    for (let k = 0; k < 3; k++) {
      const n = i % 3 === 0 ? crypto.randomInt(0, 3000) : (pick[crypto.randomInt(0, pick.length)] as number);
      const a = crypto.randomInt(0, src.length - n + 1);
      r.push(a, a + n);
      parts.push(src.subarray(a, a + n));
    }
    spans.set(r, i * SPAN_RECORD);
    want[i] = ref(Buffer.concat(parts));
  }
  for (const b of backends()) {
    const out = Buffer.alloc(count * 32);
    b.sha256dSpans(src, spans, out);
    for (let i = 0; i < count; i++) assert.deepEqual(out.subarray(i * 32, i * 32 + 32), want[i], `${b.name}: record ${i}`);
  }
});

void test('every backend computes textbook merkle roots in place and flags CVE-2012-2459 pairs', () => {
  const naive = (hs: Buffer[]): Buffer => {
    let level = hs;
    while (level.length > 1) {
      const next: Buffer[] = [];
      for (let i = 0; i < level.length; i += 2) next.push(ref(Buffer.concat([level[i]!, level[i + 1] ?? level[i]!])));
      level = next;
    }
    return level[0]!;
  };
  for (const b of backends()) {
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 33, 100, 1001]) {
      const hs = Array.from({ length: n }, () => crypto.randomBytes(32));
      const level = Buffer.alloc((n + 1) * 32);
      hs.forEach((h, i) => h.copy(level, i * 32));
      assert.equal(b.merkleRoot(level, n), false, `${b.name}: n=${n}`);
      assert.deepEqual(level.subarray(0, 32), naive(hs), `${b.name}: n=${n}`);
    }
    const h = Array.from({ length: 6 }, () => crypto.randomBytes(32));
    const tree = (hs: Buffer[]): Buffer => Buffer.concat([...hs, Buffer.alloc(32)]);
    assert.equal(b.merkleRoot(tree([h[0]!, h[1]!, h[2]!, h[2]!]), 4), true, `${b.name}: duplicate last pair`);
    assert.equal(b.merkleRoot(tree([h[0]!, h[1]!, h[2]!]), 3), false, `${b.name}: odd level pairs itself, not a mutation`);
    // Six leaves → three nodes; equal nodes 2 and 3 of the second level come from repeating the pair (h4, h5).
    assert.equal(b.merkleRoot(tree([h[0]!, h[1]!, h[4]!, h[5]!, h[4]!, h[5]!]), 6), false, `${b.name}: third level pairs node 2 with itself`);
    assert.equal(b.merkleRoot(tree([h[0]!, h[1]!, h[2]!, h[3]!, h[2]!, h[3]!, h[2]!, h[3]!]), 8), true, `${b.name}: equal nodes above the leaves`);
  }
});

const FIX = new URL('../../../../test/fixtures/chain/', import.meta.url);

/** Every block in the fixtures: raw single blocks and the ones framed in blk files. */
function fixtureBlocks(): [string, Buffer][] {
  const out: [string, Buffer][] = [];
  const magics = new Set(Object.values(NETWORK_PARAMS).map((p) => p.magic));
  for (const name of fs.readdirSync(FIX).sort()) {
    const buf = fs.readFileSync(new URL(name, FIX));
    if (/\.(raw|dat)$/.test(name) && buf.readUInt32LE(0) !== NETWORK_PARAMS.mainnet.magic) {
      out.push([name, buf]);
    } else if (/\.(blk|dat)$/.test(name)) {
      const { records } = scanBlkRecords(buf, magics);
      records.forEach((r, i) => out.push([`${name}#${i}`, buf.subarray(r.blockOffset, r.blockOffset + r.length)]));
    }
  }
  return out;
}

void test('every real block fixture parses with each backend (merkle root and witness commitment verified) to the same txids', () => {
  const blocks = fixtureBlocks();
  assert.ok(blocks.length >= 440, `${blocks.length} fixture blocks`);
  let witness = 0;
  try {
    const byBackend = backends().map((b) => {
      setHashBackend(b.name === 'js' || b.name === 'portable' || b.name === 'sha-ni' ? b.name : 'native');
      return blocks.map(([name, buf]) => {
        const block = parseBlock(buf);
        if (block.txs.some((t) => t.hasWitness)) witness++;
        assert.ok(block.txs.length > 0, name);
        return Buffer.concat(block.txs.map((t) => t.txid));
      });
    });
    for (let i = 0; i < blocks.length; i++) {
      // Each txid checked against node:crypto directly, not only between backends.
      const txids = byBackend[0]![i]!;
      const block = parseBlock(blocks[i]![1]);
      block.txs.forEach((t, j) => {
        const stripped = t.strippedRanges === null ? t.raw : Buffer.concat(t.strippedRanges.map(([a, b]) => t.raw.subarray(a, b)));
        assert.deepEqual(txids.subarray(j * 32, j * 32 + 32), ref(stripped), `${blocks[i]![0]} tx ${j}`);
      });
      for (const other of byBackend.slice(1)) assert.deepEqual(other[i], txids, blocks[i]![0]);
    }
    assert.ok(witness > 0, 'some fixture block has witness data');
  } finally {
    if (!nativeOff) setHashBackend('native');
  }
});

void test('hostile records are refused with a clear error before any digest is written', () => {
  const src = crypto.randomBytes(100);
  const cases: [string, Uint32Array, number, RegExp][] = [
    ['end past the buffer', Uint32Array.of(0, 0, 101, 0, 0, 0, 0), 32, /record 0 range \[0, 101\) is outside the 100-byte buffer/],
    ['start past the end', Uint32Array.of(0, 60, 50, 0, 0, 0, 0), 32, /record 0 range \[60, 50\) is outside/],
    ['second range out', Uint32Array.of(0, 0, 4, 0, 0, 0, 0, 1, 0, 4, 90, 4294967295, 0, 0), 64, /record 1 range \[90, 4294967295\) is outside/],
    ['slot past the output', Uint32Array.of(0, 0, 10, 0, 0, 0, 0, 2, 0, 10, 0, 0, 0, 0), 64, /record 1 writes slot 2 past the 64-byte output/],
    ['huge slot', Uint32Array.of(0xffffffff, 0, 10, 0, 0, 0, 0), 64, /writes slot 4294967295 past/],
  ];
  for (const b of backends()) {
    for (const [name, spans, outLen, reason] of cases) {
      const out = Buffer.alloc(outLen);
      assert.throws(() => b.sha256dSpans(src, spans, out), (e: Error) => e instanceof RangeError && reason.test(e.message), `${b.name}: ${name}`);
      assert.deepEqual(out, Buffer.alloc(outLen), `${b.name}: ${name} wrote nothing`);
    }
  }
  if (nativeOff) return;
  const h = setHashBackend('native');
  const bad = h.sha256dSpans as (...a: unknown[]) => void;
  assert.throws(() => bad(src, Uint32Array.of(0, 0, 1), Buffer.alloc(32)), /spans length 3 is not a multiple of 7/);
  assert.throws(() => bad(src, [0, 0, 1, 0, 0, 0, 0], Buffer.alloc(32)), /spans must be a Uint32Array/);
  assert.throws(() => bad('text', Uint32Array.of(0, 0, 1, 0, 0, 0, 0), Buffer.alloc(32)), /src must be a Uint8Array/);
  assert.throws(() => bad(src, Uint32Array.of(0, 0, 1, 0, 0, 0, 0)), /takes three arguments/);
  const mr = h.merkleRoot as (...a: unknown[]) => boolean;
  assert.throws(() => mr(Buffer.alloc(64), 3), /3 hashes do not fit in 64 bytes/);
  assert.throws(() => mr(Buffer.alloc(64), -1), /n must be a number|do not fit/);
});
