import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  NETWORK_PARAMS, chainStatus, importBlocks, parseBlock, scanBlkRecords, strippedSize, writeSyntheticChain,
} from '../src/chain/index.js';
import { hashBackendStatus, setHashBackend } from '../src/chain/codec/hash-backend.js';
import { compress } from '../src/chain/codec/sha256-compress.js';
import { openStore, SqliteDb } from '../src/store/index.js';
import { median, sharedDir } from './harness.js';

/**
 * `npm run bench -- chain [--txs N] [--txs-per-block M] [--keep] [--chain-dir DIR] [--parse-only | --index-only]`:
 * synthetic chain (default 100,000 transactions, a few minutes on a 2-core box; pass --txs 1000000 for the
 * issue's ≥1M run) and the real blocks in ../shared/chain. Reports, side by side in one run: raw read MB/s of the
 * files, parse MB/s (framing, txid and wtxid hashing, merkle and witness-commitment checks; from the bytes in memory,
 * after one untimed pass) on one core with the
 * native hash backend and with the JS one, parse+index MB/s into SQLite, bytes per output on disk, peak memory,
 * and what a full mainnet import would take at the measured rate. `--chain-dir` (or `--synth-dir`) generates the
 * synthetic chain into DIR once and reuses it on later runs with the same parameters; `--parse-only` skips
 * indexing (for iterating on the parser), `--index-only` measures only parse+index (for iterating on the store).
 */

/** Size of a mainnet blocks directory (blk*.dat) at the end of 2025, order of magnitude: ~700 GB. */
const MAINNET_BLOCKS_GB = 700;

function arg(args: string[], name: string, def: number): number {
  const i = args.indexOf(name);
  const v = i >= 0 ? Number(args[i + 1]) : def;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a positive number`);
  return v;
}

function filesIn(dir: string): string[] {
  return fs.readdirSync(dir).filter((n) => /^blk\d+\.dat$/.test(n)).sort().map((n) => path.join(dir, n));
}

const mbps = (bytes: number, ms: number): number => Math.round((bytes / 1e6 / (ms / 1000)) * 10) / 10;

/**
 * Wall time and CPU time (user + system) of each run. The box is shared by several jobs: wall-clock rates then
 * understate what one core does, so the CPU-time rate (MB per CPU-second, single-threaded work) is reported too.
 */
async function timeBoth(runs: number, fn: () => unknown): Promise<{ wallMs: number; cpuMs: number }> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = process.hrtime.bigint();
    await fn();
    wall.push(Number(process.hrtime.bigint() - t) / 1e6);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  return { wallMs: median(wall), cpuMs: median(cpu) };
}

type ParseBackend = 'native' | 'sha-ni' | 'js';

/** The backends compared: the addon's best, the addon without AVX-512 when that differs, and the JS reference. */
function parseBackends(): ParseBackend[] {
  if (!hashBackendStatus().native) return ['js'];
  const best = setHashBackend('native').name;
  const shaNi = setHashBackend('sha-ni').name;
  setHashBackend('native');
  return best === shaNi ? ['native', 'js'] : ['native', 'sha-ni', 'js'];
}

/**
 * Parse timings per hash backend, interleaved run by run (native, js, native, js…) so that all see the same
 * load on the shared box. The native backend is left active afterwards when the addon is present.
 */
async function timeParse(runs: number, fn: () => unknown): Promise<Partial<Record<ParseBackend, { name: string; wallMs: number; cpuMs: number }>>> {
  const backends = parseBackends();
  const wall: Record<string, number[]> = {};
  const cpu: Record<string, number[]> = {};
  const names: Record<string, string> = {};
  // One untimed pass per backend first: the figure is the steady rate of a long import, not the JIT's warm-up
  // (the first pass over 1M transactions costs ~1.7× a later one).
  for (const b of backends) {
    setHashBackend(b);
    await fn();
  }
  for (let i = 0; i < runs; i++) {
    for (const b of backends) {
      names[b] = setHashBackend(b).name;
      const t = await timeBoth(1, fn);
      (wall[b] ??= []).push(t.wallMs);
      (cpu[b] ??= []).push(t.cpuMs);
    }
  }
  setHashBackend(backends[0] as ParseBackend);
  return Object.fromEntries(backends.map((b) => [b, { name: names[b] ?? b, wallMs: median(wall[b] ?? []), cpuMs: median(cpu[b] ?? []) }]));
}

/** Parse figures for every backend, the native one as the headline (it is what spearwatch uses when built). */
function parseFigures(bytes: number, txs: number, p: Awaited<ReturnType<typeof timeParse>>): Record<string, unknown> {
  const main = p.native ?? p.js;
  if (main === undefined) throw new Error('no parse timing');
  return {
    hashBackend: main.name,
    parseMBps: mbps(bytes, main.wallMs),
    parseMBpsPerCpuSecond: mbps(bytes, main.cpuMs),
    parseTxPerCpuSecond: Math.round(txs / (main.cpuMs / 1000)),
    parseJsHashMBps: p.js === undefined ? null : mbps(bytes, p.js.wallMs),
    parseJsHashMBpsPerCpuSecond: p.js === undefined ? null : mbps(bytes, p.js.cpuMs),
    parseByBackend: Object.fromEntries(Object.values(p).map((t) => [t.name, { MBps: mbps(bytes, t.wallMs), MBpsPerCpuSecond: mbps(bytes, t.cpuMs) }])),
  };
}

function readAll(files: string[], magic: number): { bytes: number; blocks: number } {
  let bytes = 0;
  let blocks = 0;
  for (const f of files) {
    const buf = fs.readFileSync(f);
    bytes += buf.length;
    blocks += scanBlkRecords(buf, new Set([magic])).records.length;
  }
  return { bytes, blocks };
}

/** The files' bytes and block records, read once: parsing is timed on them, the read separately (rawReadMBps). */
function loadAll(files: string[], magic: number): { buf: Buffer; records: { blockOffset: number; length: number }[] }[] {
  return files.map((f) => {
    const buf = fs.readFileSync(f);
    return { buf, records: scanBlkRecords(buf, new Set([magic])).records };
  });
}

function parseAll(loaded: ReturnType<typeof loadAll>): { txs: number } {
  let txs = 0;
  for (const { buf, records } of loaded) {
    for (const r of records) txs += parseBlock(buf.subarray(r.blockOffset, r.blockOffset + r.length)).txs.length;
  }
  return { txs };
}

/** Merkle node hashes for n leaves (an odd level pairs its last hash with itself). */
function merkleNodes(n: number): number {
  let nodes = 0;
  for (let len = n; len > 1; len = Math.ceil(len / 2)) nodes += Math.ceil(len / 2);
  return nodes;
}

/**
 * The hashing floor of parsing. With the JS backend, as codec/sha256.ts hashes: per txid (and wtxid for SegWit)
 * a first pass, in JS up to 320 bytes and through node:crypto above, and a second pass; three compressions per
 * merkle node, in the txid tree and, for blocks with witness data, the wtxid tree. With the native backend every
 * pass is compressions in the addon. Counted from the blocks, costed with the per-compression and
 * per-node:crypto-call times measured here: parsing cannot beat bytes / that time on one core with that
 * SHA-256, and the ratio to the parse rate says how much of parsing is hashing.
 */
function hashFloor(files: string[], magic: number): Record<string, number | null> {
  let bytes = 0;
  let n = 0;
  let calls = 0;
  let nNative = 0;
  const pass = (len: number): void => {
    if (len > 320) calls++;
    else n += Math.ceil((len + 9) / 64);
    n++;
    nNative += Math.ceil((len + 9) / 64) + 1;
  };
  for (const f of files) {
    const buf = fs.readFileSync(f);
    bytes += buf.length;
    for (const r of scanBlkRecords(buf, new Set([magic])).records) {
      const b = parseBlock(buf.subarray(r.blockOffset, r.blockOffset + r.length));
      const witness = b.txs.some((t) => t.hasWitness);
      const nodes = 3 * merkleNodes(b.txs.length) * (witness ? 2 : 1);
      n += nodes;
      nNative += nodes;
      for (const t of b.txs) {
        pass(strippedSize(t));
        if (witness && t.hasWitness) pass(t.size);
      }
    }
  }
  const block = new Uint8Array(64 * 1024).map((_, i) => i * 7);
  const st = new Int32Array(8);
  const ns: number[] = [];
  const callNs: number[] = [];
  const nativeNs: number[] = [];
  const msg = block.subarray(0, 400);
  // One record hashing the whole 64 KiB twice: 1025 + 1 compressions, the per-call cost spread thin.
  const record = Uint32Array.of(0, 0, block.length, 0, 0, 0, 0);
  const digest = new Uint8Array(32);
  const native = hashBackendStatus().native;
  for (let k = 0; k < 7; k++) {
    let t = process.hrtime.bigint();
    for (let rep = 0; rep < 20; rep++) for (let p = 0; p < block.length; p += 64) compress(st, block, p);
    ns.push(Number(process.hrtime.bigint() - t) / (20 * block.length / 64));
    t = process.hrtime.bigint();
    for (let rep = 0; rep < 5000; rep++) crypto.hash('sha256', msg, 'buffer');
    callNs.push(Number(process.hrtime.bigint() - t) / 5000);
    if (native) {
      const h = setHashBackend('native');
      t = process.hrtime.bigint();
      for (let rep = 0; rep < 50; rep++) h.sha256dSpans(block, record, digest);
      nativeNs.push(Number(process.hrtime.bigint() - t) / (50 * 1026));
    }
  }
  const per = median(ns);
  const perCall = median(callNs);
  const perNative = median(nativeNs);
  return {
    compressions: n, cryptoCalls: calls, nsPerCompression: Math.round(per), nsPerCryptoCall: Math.round(perCall),
    jsFloorMBps: mbps(bytes, (n * per + calls * perCall) / 1e6),
    nativeCompressions: nNative,
    nativeNsPerCompression: native ? Math.round(perNative * 10) / 10 : null,
    nativeFloorMBps: native ? mbps(bytes, (nNative * perNative) / 1e6) : null,
  };
}

async function indexRun(files: string[], network: 'regtest' | 'mainnet'): Promise<Record<string, unknown>> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-bench-chain-'));
  const db = await openStore({ home });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
  try {
    const bytes = files.reduce((s, f) => s + fs.statSync(f).size, 0);
    let r: Awaited<ReturnType<typeof importBlocks>> | undefined;
    // Resident memory after each batch, by share of the blocks done: flat from the first batches on means the
    // import's memory is bounded by the batch and cache sizes (CHAIN_LIMITS), not by the length of the chain.
    const rssByTenth: number[] = [];
    const onProgress = (done: number, total: number): void => {
      const tenth = Math.min(10, Math.floor((done / Math.max(1, total)) * 10));
      const rss = Math.round(process.memoryUsage().rss / 1e6);
      for (let i = rssByTenth.length; i < tenth; i++) rssByTenth.push(rss);
    };
    const { wallMs: ms, cpuMs } = await timeBoth(1, async () => { r = await importBlocks(db, files, 'blk', { network, onProgress }); });
    if (r === undefined) throw new Error('import did not run');
    const st = await chainStatus(db);
    if (db instanceof SqliteDb) db.raw.pragma('wal_checkpoint(TRUNCATE)');
    const fileBytes = fs.statSync(path.join(home, 'spearwatch.db')).size;
    // Where the bytes are: each chain table and index (SQLite's dbstat), per output, and its unused share.
    const byTable: Record<string, { bytesPerOutput: number; unusedPct: number }> = {};
    if (db instanceof SqliteDb) {
      const rows = db.raw.prepare(
        "SELECT name, sum(pgsize) AS size, sum(unused) AS unused FROM dbstat WHERE name LIKE 'chain%' GROUP BY name ORDER BY size DESC",
      ).all() as { name: string; size: number; unused: number }[];
      for (const t of rows) {
        if (t.size < 100_000) continue;
        byTable[t.name] = { bytesPerOutput: Math.round((t.size / Math.max(1, st.outputs)) * 10) / 10, unusedPct: Math.round((t.unused / t.size) * 100) };
      }
    }
    return {
      blocks: r.connected, transactions: st.transactions, outputs: st.outputs, addresses: st.addresses, clusters: st.clusters,
      addressesPerOutput: Math.round((st.addresses / Math.max(1, st.outputs)) * 100) / 100,
      seconds: Math.round(ms / 100) / 10,
      parseIndexMBps: mbps(bytes, ms),
      parseIndexMBpsPerCpuSecond: mbps(bytes, cpuMs),
      txPerSecond: Math.round(st.transactions / (ms / 1000)),
      bytesPerOutput: Math.round((st.bytesOnDisk / Math.max(1, st.outputs)) * 10) / 10,
      dbFileBytesPerOutput: Math.round((fileBytes / Math.max(1, st.outputs)) * 10) / 10,
      bytesPerOutputByTable: byTable,
      // The sampler runs only between batches (SQLite calls are synchronous): the kernel's high-water mark of the
      // process (which includes the parse runs before this one) bounds it from above.
      peakRssMB: Math.round(Math.max(peak, process.resourceUsage().maxRSS * 1024) / 1e6),
      rssMBAfterEachTenthOfBlocks: rssByTenth,
      problems: r.problems.length,
    };
  } finally {
    clearInterval(sampler);
    await db.close();
    fs.rmSync(home, { recursive: true, force: true });
  }
}

async function measure(label: string, files: string[], magic: number, network: 'regtest' | 'mainnet', runs: number, mode: 'full' | 'parse-only' | 'index-only' = 'full'): Promise<Record<string, unknown>> {
  const bytes = readAll(files, magic).bytes;
  if (mode === 'index-only') {
    const index = await indexRun(files, network);
    return { label, files: files.length, megabytes: Math.round(bytes / 1e5) / 10, index, mainnetImportHoursAtThisRate: Math.round((MAINNET_BLOCKS_GB * 1000) / (index.parseIndexMBps as number) / 3600) };
  }
  const read = await timeBoth(runs, () => readAll(files, magic));
  let txs = 0;
  let loaded: ReturnType<typeof loadAll> | null = loadAll(files, magic);
  const parse = await timeParse(runs, () => { txs = parseAll(loaded ?? []).txs; });
  loaded = null; // released before indexing, whose peak memory is measured
  const floor = hashFloor(files, magic);
  const out: Record<string, unknown> = {
    label, files: files.length, megabytes: Math.round(bytes / 1e5) / 10, transactions: txs,
    rawReadMBps: mbps(bytes, read.wallMs),
    ...parseFigures(bytes, txs, parse),
    sha256CompressionsPerTx: Math.round((floor.compressions! / Math.max(1, txs)) * 10) / 10,
    sha256NsPerCompression: floor.nsPerCompression,
    nodeCryptoCallsPerTx: Math.round((floor.cryptoCalls! / Math.max(1, txs)) * 100) / 100,
    nodeCryptoNsPerCall: floor.nsPerCryptoCall,
    parseHashFloorJsMBps: floor.jsFloorMBps,
    nativeCompressionsPerTx: Math.round((floor.nativeCompressions! / Math.max(1, txs)) * 10) / 10,
    nativeNsPerCompression: floor.nativeNsPerCompression,
    parseHashFloorNativeMBps: floor.nativeFloorMBps,
  };
  if (mode === 'parse-only') return out;
  const index = await indexRun(files, network);
  const rate = index.parseIndexMBps as number;
  const cpuRate = index.parseIndexMBpsPerCpuSecond as number;
  return {
    ...out,
    index,
    mainnetImportHoursAtThisRate: Math.round((MAINNET_BLOCKS_GB * 1000) / rate / 3600),
    mainnetImportHoursAtCpuRate: Math.round((MAINNET_BLOCKS_GB * 1000) / cpuRate / 3600),
  };
}

export async function run(args: string[] = []): Promise<Record<string, unknown>> {
  const txs = arg(args, '--txs', 100_000);
  const perBlock = arg(args, '--txs-per-block', 1000);
  const out: Record<string, unknown> = {
    note: `mainnet estimate assumes ${MAINNET_BLOCKS_GB} GB of blk*.dat and the parse+index rate measured here`,
    // The box is shared: a load average above the core count means every rate below is understated.
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 10) / 10),
  };
  const mode = args.includes('--index-only') ? 'index-only' : args.includes('--parse-only') ? 'parse-only' : 'full';
  out.hashBackends = { ...hashBackendStatus(), compared: parseBackends() };
  const ci = Math.max(args.indexOf('--chain-dir'), args.indexOf('--synth-dir'));
  const given = ci >= 0 ? args[ci + 1] : undefined;
  if (ci >= 0 && (given === undefined || given.startsWith('--'))) throw new Error('--chain-dir needs a directory');
  const dir = given ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sw-bench-synth-'));
  const stamp = path.join(dir, 'synthetic.json');
  try {
    let transactions: number;
    const want = JSON.stringify({ blocks: Math.ceil(txs / perBlock), txsPerBlock: perBlock, seed: 1 });
    if (given !== undefined && fs.existsSync(stamp) && (JSON.parse(fs.readFileSync(stamp, 'utf8')) as { params: string }).params === want) {
      transactions = (JSON.parse(fs.readFileSync(stamp, 'utf8')) as { transactions: number }).transactions;
    } else {
      fs.mkdirSync(dir, { recursive: true });
      for (const f of filesIn(dir)) fs.rmSync(f);
      const t = process.hrtime.bigint();
      transactions = writeSyntheticChain({ blocks: Math.ceil(txs / perBlock), txsPerBlock: perBlock, out: dir, seed: 1 }).transactions;
      out.synthGenerateSeconds = Math.round(Number(process.hrtime.bigint() - t) / 1e8) / 10;
      if (given !== undefined) fs.writeFileSync(stamp, JSON.stringify({ params: want, transactions }));
    }
    out.synthetic = await measure(`synthetic ${transactions} txs`, filesIn(dir), NETWORK_PARAMS.regtest.magic, 'regtest', 3, mode);
  } finally {
    if (given === undefined && !args.includes('--keep')) fs.rmSync(dir, { recursive: true, force: true });
  }
  if (args.includes('--index-only')) return out;
  out.loadAverageAfterSynthetic = os.loadavg().map((x) => Math.round(x * 10) / 10);
  const shared = sharedDir();
  const real = shared === undefined ? undefined : path.join(shared, 'chain');
  if (real === undefined || !fs.existsSync(real)) {
    out.real = 'skipped: ../shared/chain not found (set SPEARWATCH_SHARED to the shared data folder)';
  } else {
    // The real blocks as one blk file: blocks 0–438 plus the ten single mainnet blocks (framed as Core would).
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-bench-real-'));
    try {
      const magic = NETWORK_PARAMS.mainnet.magic;
      const parts: Buffer[] = [fs.readFileSync(path.join(real, 'mainnet-blocks-0-438.blk'))];
      for (const n of fs.readdirSync(real).filter((x) => /^(bitcoinj-block\d+\.dat|block\d+\.raw)$/.test(x)).sort()) {
        const b = fs.readFileSync(path.join(real, n));
        const h = Buffer.alloc(8);
        h.writeUInt32LE(magic, 0);
        h.writeUInt32LE(b.length, 4);
        parts.push(h, b);
      }
      fs.writeFileSync(path.join(tmp, 'blk00000.dat'), Buffer.concat(parts));
      const files = filesIn(tmp);
      const bytes = fs.statSync(files[0] as string).size;
      const read = await timeBoth(5, () => readAll(files, magic));
      let txs = 0;
      const loaded = loadAll(files, magic);
      const parse = await timeParse(5, () => { txs = parseAll(loaded).txs; });
      const floor = hashFloor(files, magic);
      out.real = {
        label: 'mainnet blocks 0–438 + 9 single blocks (heights 169482…481829)', megabytes: Math.round(bytes / 1e5) / 10,
        transactions: txs, rawReadMBps: mbps(bytes, read.wallMs), ...parseFigures(bytes, txs, parse),
        parseHashFloorJsMBps: floor.jsFloorMBps, parseHashFloorNativeMBps: floor.nativeFloorMBps,
        note: 'single blocks have unknown parents here, so only parsing is measured on them; the synthetic chain measures indexing',
      };
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  return out;
}
