import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  addressId, BlkWriter, chainStatus, importBlocks, maxOutputId, NETWORK_PARAMS, outputsById, parseBitcoinAddress, parseBlock, scanBlkRecords, scriptToAddress, toDisplayHex, graphTxs,
  type SynthBlock,
} from '../src/chain/index.js';
import { systemClock } from '../src/core/index.js';
import { importIntelFile } from '../src/intel/index.js';
import { openStore, type Db } from '../src/store/index.js';
import { addWatch, buildLaunderingScenario, checkWatches, importPrices, traceFunds, type LaunderingScenario } from '../src/trace/index.js';
import { carriedFigures, median, percentile } from './harness.js';

/**
 * `npm run bench -- trace [--txs N] [--txs-per-block M] [--runs R] [--watch-txs W] [--watches K]`:
 *  1. a synthetic chain of N transactions (default 10,000,000) with a laundering scenario in its middle, built
 *     once and kept in a cache directory (SPEARWATCH_BENCH_CACHE, default the OS temp dir) with its imported
 *     SQLite store, since building and importing it takes a long time on a 2-core machine;
 *  2. 20-hop haircut traces on it: from the theft (R runs) and from random spent background outputs, whose taint
 *     fans out into general traffic until it drops below the dust limit; p50 and p99 of each;
 *  3. the cost of watching: a chain of W transactions (default 1,000,000) whose last tenth is imported onto a copy
 *     of a store holding the first nine tenths, once without watches and once with K watched addresses (default
 *     10,000; 1 % of them, then 10 %, are fresh addresses paid once in the imported blocks and followed from there
 *     through general traffic, the rest never appear, as most extortion addresses never do; --paid-share picks
 *     one) and the watch
 *     check, alternately, three times; the median ratio is the overhead.
 * `--skip-traces` measures only 3 (no 10M-transaction chain is built) and keeps the trace figures of the last full
 * run in the results file, marked `carriedOver` with when and on what machine they were measured.
 */

function arg(args: string[], name: string, def: number): number {
  const i = args.indexOf(name);
  const v = i >= 0 ? Number(args[i + 1]) : def;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a positive number`);
  return v;
}

function log(msg: string): void {
  process.stderr.write(`[trace bench] ${msg}\n`);
}

function cacheRoot(): string {
  return process.env.SPEARWATCH_BENCH_CACHE ?? path.join(os.tmpdir(), 'spearwatch-bench-cache');
}

interface Built {
  dir: string;
  scenario: Omit<LaunderingScenario, 'tagpack' | 'pricesCsv'>;
  headFiles: string[];
  tailFiles: string[];
}

/** Build (or reuse) a chain of ~`txs` transactions with the scenario in the middle; `tailShare` of the blocks go to tail/. */
export function buildChain(name: string, txs: number, perBlock: number, tailShare: number): Built {
  const dir = path.join(cacheRoot(), name);
  const done = path.join(dir, 'scenario.json');
  const list = (d: string): string[] => (fs.existsSync(d) ? fs.readdirSync(d).filter((n) => /^blk\d+\.dat$/.test(n)).sort().map((n) => path.join(d, n)) : []);
  if (fs.existsSync(done)) {
    log(`reusing ${dir}`);
    return { dir, scenario: JSON.parse(fs.readFileSync(done, 'utf8')) as Built['scenario'], headFiles: list(path.join(dir, 'head')), tailFiles: list(path.join(dir, 'tail')) };
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  // Random traffic sometimes has nothing left to spend early on; 3 % more blocks keep the total above `txs`.
  const blocks = Math.ceil((txs * 1.03) / (perBlock + 1));
  const tailBlocks = Math.floor(blocks * tailShare);
  const magic = NETWORK_PARAMS.regtest.magic;
  const head = new BlkWriter(path.join(dir, 'head'), { magic });
  const tail = tailBlocks > 0 ? new BlkWriter(path.join(dir, 'tail'), { magic }) : null;
  let n = 0;
  const t0 = Date.now();
  // The scenario's own blocks (~50) sit after the leading blocks; tail blocks are the last `tailBlocks`.
  const lead = Math.max(3, Math.floor((blocks - tailBlocks) / 2));
  const trail = Math.max(1, blocks - lead - 50);
  const onBlock = (b: SynthBlock): void => {
    n++;
    if (tail !== null && n > blocks - tailBlocks) tail.write(b.raw);
    else head.write(b.raw);
    if (n % 500 === 0) log(`generated ${n} blocks (${Math.round((Date.now() - t0) / 1000)} s)`);
  };
  const sc = buildLaunderingScenario({ seed: 7, backgroundPerBlock: perBlock, leadingBlocks: lead, trailingBlocks: trail, onBlock });
  head.close();
  tail?.close();
  const { tagpack, pricesCsv, ...facts } = sc;
  fs.writeFileSync(path.join(dir, 'tags.yaml'), tagpack);
  fs.writeFileSync(path.join(dir, 'prices.csv'), pricesCsv);
  fs.writeFileSync(done, JSON.stringify({ ...facts, generatedInMs: Date.now() - t0 }) + '\n');
  log(`generated ${sc.blocks} blocks, ${sc.transactions} transactions in ${Math.round((Date.now() - t0) / 1000)} s`);
  return { dir, scenario: facts, headFiles: list(path.join(dir, 'head')), tailFiles: list(path.join(dir, 'tail')) };
}

/** Import the head into `dir/home-head` once (kept), with the scenario's tags and prices. */
export async function headStore(b: Built): Promise<{ home: string; importMs: number | null }> {
  const home = path.join(b.dir, 'home-head');
  const stamp = path.join(b.dir, 'home-head.done');
  if (fs.existsSync(stamp)) return { home, importMs: Number(fs.readFileSync(stamp, 'utf8')) };
  fs.rmSync(home, { recursive: true, force: true });
  const db = await openStore({ home });
  try {
    const t0 = Date.now();
    await importBlocks(db, b.headFiles, 'blk', { network: 'regtest', onProgress: (done, total) => { if (done % 20 === 0) log(`import ${done}/${total} files`); } });
    const ms = Date.now() - t0;
    await importIntelFile(db, path.join(b.dir, 'tags.yaml'), {}, systemClock);
    await importPrices(db, path.join(b.dir, 'prices.csv'));
    fs.writeFileSync(stamp, String(ms));
    return { home, importMs: ms };
  } finally {
    await db.close();
  }
}

/** Random spent background outputs from the first half of the chain, as trace sources. */
async function randomSources(db: Db, count: number, seed: number): Promise<string[]> {
  const max = Math.max(0, await maxOutputId(db));
  let x = seed;
  const rnd = (): number => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  const out: string[] = [];
  for (let tries = 0; out.length < count && tries < count * 50; tries++) {
    const id = Math.floor(rnd() * max * 0.5);
    const o = (await outputsById(db, [id])).get(id);
    if (o === undefined || o.spentTx === null || o.value < 1e6) continue;
    const t = (await graphTxs(db, [o.txId])).get(o.txId);
    if (t === undefined) continue;
    out.push(`${toDisplayHex(t.txid)}:${o.n}`);
  }
  return out;
}

async function traceTimings(b: Built, home: string, runs: number): Promise<Record<string, unknown>> {
  const db = await openStore({ home });
  try {
    const status = await chainStatus(db);
    log(`store: ${status.transactions} transactions, ${status.outputs} outputs, ${Math.round(status.bytesOnDisk / 1e6)} MB`);
    const theft: number[] = [];
    let theftStats: Record<string, unknown> = {};
    for (let i = 0; i < runs; i++) {
      const t = process.hrtime.bigint();
      const r = await traceFunds(db, b.scenario.theft.outputs, { hops: 20 });
      theft.push(Number(process.hrtime.bigint() - t) / 1e6);
      theftStats = { transactions: r.stats.transactions, maxHop: r.stats.maxHop, exchanges: r.exchanges.length, beyondHops: r.beyondHops, conserved: r.accounting.conserved };
    }
    const sources = await randomSources(db, 60, 42);
    const fan: number[] = [];
    const fanTxs: number[] = [];
    let limited = 0;
    for (const s of sources) {
      const t = process.hrtime.bigint();
      const r = await traceFunds(db, [s], { hops: 20 });
      fan.push(Number(process.hrtime.bigint() - t) / 1e6);
      fanTxs.push(r.stats.transactions);
      if (r.accounting.workLimit > 0) limited++;
      if (!r.accounting.conserved) throw new Error(`trace from ${s} did not conserve value`);
    }
    return {
      chainTransactions: status.transactions, chainOutputs: status.outputs, storeBytes: status.bytesOnDisk,
      theftTrace20Hops: { runs, p50Ms: Math.round(median(theft)), p99Ms: Math.round(percentile(theft, 99)), ...theftStats },
      fanOutTrace20Hops: {
        sources: sources.length, p50Ms: Math.round(median(fan)), p99Ms: Math.round(percentile(fan, 99)), maxMs: Math.round(Math.max(...fan)),
        transactionsP50: median(fanTxs), transactionsMax: Math.max(...fanTxs), hitWorkLimit: limited,
      },
      targets: { p50Ms: 1000, p99Ms: 3000 },
    };
  } finally {
    await db.close();
  }
}

/**
 * Addresses to watch that are paid in the tail blocks and nowhere before: paid once there, unknown to the store
 * that holds the head — the shape of an extortion or theft address (a fresh address, paid, then moved on), not
 * of a mining pool's or an exchange's address that receives every block.
 */
export async function tailAddresses(files: string[], want: number, baseHome: string): Promise<string[]> {
  const count = new Map<string, number>();
  const magic = NETWORK_PARAMS.regtest.magic;
  for (const f of files) {
    const buf = fs.readFileSync(f);
    for (const r of scanBlkRecords(buf, new Set([magic])).records) {
      for (const tx of parseBlock(buf.subarray(r.blockOffset, r.blockOffset + r.length)).txs) {
        for (const o of tx.outputs) {
          const a = scriptToAddress(o.script, 'regtest');
          if (a !== null) count.set(a, (count.get(a) ?? 0) + 1);
        }
      }
    }
  }
  const once = [...count].filter(([, n]) => n === 1).map(([a]) => a);
  const db = await openStore({ home: baseHome });
  try {
    const out: string[] = [];
    // Every seventh, so the watched addresses are spread over the tail rather than its first blocks.
    for (let i = 0; i < once.length && out.length < want; i += 7) {
      const a = once[i] as string;
      const p = parseBitcoinAddress(a, 'regtest');
      if (p !== null && (await addressId(db, p.script)) === null) out.push(a);
    }
    return out;
  } finally {
    await db.close();
  }
}

async function watchOverhead(b: Built, watches: number, paidShare: number): Promise<Record<string, unknown>> {
  const base = await headStore(b);
  const seen = await tailAddresses(b.tailFiles, Math.floor(watches * paidShare), base.home);
  const unseen: string[] = [];
  for (let i = 0; unseen.length < watches - seen.length; i++) {
    // Valid regtest addresses that never appear: P2WPKH programs from a counter.
    const prog = Buffer.alloc(20);
    prog.writeUInt32BE(0x5357_0000 + i, 0);
    const script = Buffer.concat([Buffer.from([0x00, 0x14]), prog]);
    const a = scriptToAddress(script, 'regtest');
    if (a !== null && parseBitcoinAddress(a, 'regtest') !== null) unseen.push(a);
  }
  const one = async (withWatches: boolean): Promise<{ ms: number; alerts: number; checkMs: number }> => {
    const home = fs.mkdtempSync(path.join(cacheRoot(), 'watch-run-'));
    try {
      fs.cpSync(base.home, home, { recursive: true });
      const db = await openStore({ home });
      try {
        if (withWatches) for (const a of [...seen, ...unseen]) await addWatch(db, { target: a, caseName: 'bench' });
        if (withWatches) await checkWatches(db);
        const t = process.hrtime.bigint();
        const r = await importBlocks(db, b.tailFiles, 'blk', { network: 'regtest' });
        const c = await checkWatches(db, { rebuild: r.disconnected > 0 });
        return { ms: Number(process.hrtime.bigint() - t) / 1e6, alerts: c.alerts.length, checkMs: c.ms };
      } finally {
        await db.close();
      }
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  };
  const without: number[] = [];
  const withW: number[] = [];
  /** Per run with watches: the check's time over that same run's import (the import itself does not know about watches). */
  const sameRun: number[] = [];
  let alerts = 0;
  let checkMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    without.push((await one(false)).ms);
    const w = await one(true);
    withW.push(w.ms);
    alerts = w.alerts;
    checkMs.push(w.checkMs);
    sameRun.push(w.checkMs / (w.ms - w.checkMs));
    log(`watch overhead run ${i + 1}: ${Math.round(without[i] as number)} ms without, ${Math.round(w.ms)} ms with ${watches} watches (check ${w.checkMs} ms)`);
  }
  checkMs = checkMs.sort((x, y) => x - y);
  const tailTxs = b.tailFiles.reduce((s, f) => s + fs.statSync(f).size, 0);
  return {
    watches, watchedPaid: seen.length, watchedNeverSeen: unseen.length, tailBytes: tailTxs, alertsRaised: alerts,
    importMsWithout: Math.round(median(without)), importMsWith: Math.round(median(withW)), checkMs: median(checkMs),
    // Two figures: with/without medians across runs (sensitive to load drift between runs on a busy machine), and
    // the median of each run's check time over its own import time, measured side by side in one run.
    overheadAcrossRuns: Math.round((median(withW) / median(without) - 1) * 1000) / 1000,
    overhead: Math.round(median(sameRun) * 1000) / 1000, target: 0.1,
  };
}

export async function run(args: string[] = []): Promise<Record<string, unknown>> {
  const txs = arg(args, '--txs', 10_000_000);
  const perBlock = arg(args, '--txs-per-block', 2000);
  const runs = arg(args, '--runs', 21);
  const watchTxs = arg(args, '--watch-txs', 1_000_000);
  const watches = arg(args, '--watches', 10_000);
  const shares = (args.includes('--paid-share') ? [arg(args, '--paid-share', 0.01)] : [0.01, 0.1]);
  let chain: Record<string, unknown> | null;
  let traces: Record<string, unknown> | null;
  if (args.includes('--skip-traces')) {
    // Only the watch figures are measured: the trace figures of the last full run are kept, marked as such.
    chain = carriedFigures('bench', 'trace', 'chain');
    traces = carriedFigures('bench', 'trace', 'traces');
  } else {
    const big = buildChain(`trace-${txs}-${perBlock}`, txs, perBlock, 0);
    const bigStore = await headStore(big);
    traces = await traceTimings(big, bigStore.home, runs);
    chain = { transactions: big.scenario.transactions, blocks: big.scenario.blocks, importMs: bigStore.importMs };
  }
  const small = buildChain(`watch-${watchTxs}-${perBlock}`, watchTxs, perBlock, 0.1);
  const watching: Record<string, unknown> = {};
  for (const share of shares) watching[`paid${Math.round(share * 100)}pct`] = await watchOverhead(small, watches, share);
  return { cache: cacheRoot(), chain, traces, watching };
}
