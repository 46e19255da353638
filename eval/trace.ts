/**
 * `npm run eval -- trace`: laundering scenarios from the chain generator (seeds and shapes the tests do not use)
 * written as Bitcoin Core blk files, imported through the real importer into a fresh store with their TagPack
 * and prices, traced from the theft outputs, and compared with the generator's own proportional bookkeeping:
 * how much of the stolen value the trace accounts for (exchanges + unspent + fees), whether it names exactly the
 * exchanges that received stolen coins, their amounts within 1 %, and no exchange that received none. Then the
 * real mainnet check: block 9's coinbase, traced forward, reaches Hal Finney's address through block 170.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BlkWriter, importBlocks, NETWORK_PARAMS } from '../src/chain/index.js';
import { systemClock } from '../src/core/index.js';
import { importIntelFile } from '../src/intel/index.js';
import { openStore } from '../src/store/index.js';
import { buildLaunderingScenario, importPrices, traceFunds, type LaunderingOptions } from '../src/trace/index.js';
import { ROOT } from '../bench/harness.js';

type Config = Omit<LaunderingOptions, 'onBlock'>;

const CONFIGS: Config[] = [
  { seed: 101 },
  { seed: 102, backgroundPerBlock: 30 },
  { seed: 103, peelHops: 48, taintedExchanges: 5, cleanExchanges: 2 },
  { seed: 104, taintedExchanges: 3, cleanExchanges: 3, backgroundPerBlock: 15 },
  { seed: 105, peelHops: 31, leadingBlocks: 20, trailingBlocks: 20 },
  { seed: 106, backgroundPerBlock: 60, peelHops: 40 },
];

async function evaluate(cfg: Config): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spearwatch-eval-trace-'));
  try {
    fs.mkdirSync(path.join(dir, 'blocks'));
    const w = new BlkWriter(path.join(dir, 'blocks'), { magic: NETWORK_PARAMS.regtest.magic });
    const sc = buildLaunderingScenario({ ...cfg, onBlock: (b) => w.write(b.raw) });
    w.close();
    fs.writeFileSync(path.join(dir, 'tags.yaml'), sc.tagpack);
    fs.writeFileSync(path.join(dir, 'prices.csv'), sc.pricesCsv);
    const db = await openStore({ home: path.join(dir, 'home') });
    try {
      await importBlocks(db, w.files, 'blk', { network: 'regtest' });
      await importIntelFile(db, path.join(dir, 'tags.yaml'), {}, systemClock);
      await importPrices(db, path.join(dir, 'prices.csv'));
      const t0 = Date.now();
      const r = await traceFunds(db, sc.theft.outputs, { hops: 200 });
      const ms = Date.now() - t0;
      const truth = sc.truth;
      const a = r.accounting;
      const accounted = (a.exchanges + a.unspent + a.fees) / truth.stolen;
      const truthNames = Object.keys(truth.toExchanges).sort();
      const gotNames = r.exchanges.map((x) => x.name).sort();
      const amounts = Object.fromEntries(truthNames.map((n) => {
        const got = r.exchanges.find((x) => x.name === n)?.taintedValue ?? 0;
        const want = truth.toExchanges[n] as number;
        return [n, { truth: want, traced: got, relativeError: Math.abs(got - want) / want }];
      }));
      const wrong = gotNames.filter((n) => !truthNames.includes(n));
      const missed = truthNames.filter((n) => !gotNames.includes(n));
      const maxErr = Math.max(...Object.values(amounts).map((x) => x.relativeError));
      const fifo = await traceFunds(db, sc.theft.outputs, { hops: 200, model: 'fifo' });
      const poison = await traceFunds(db, sc.theft.outputs, { hops: 200, model: 'poison' });
      const peel = r.patterns.find((p) => p.kind === 'peel-chain');
      return {
        seed: cfg.seed, config: cfg, blocks: sc.blocks, transactions: sc.transactions, stolen: truth.stolen,
        haircut: {
          accountedShare: Math.round(accounted * 1e6) / 1e6, conserved: a.conserved, exchangesExact: wrong.length === 0 && missed.length === 0,
          namedWithoutStolen: wrong, missed, maxRelativeError: maxErr, amounts, traceMs: ms, transactionsTraced: r.stats.transactions,
          peelChainFound: peel?.length ?? 0, peelChainTruth: truth.peelChain.length,
          coinjoinFlagged: r.patterns.some((p) => p.kind === 'coinjoin' && p.txid === truth.coinjoin),
        },
        fifo: { conserved: fifo.accounting.conserved, exchanges: Object.fromEntries(fifo.exchanges.map((x) => [x.name, x.taintedValue])) },
        poison: { exchanges: poison.exchanges.map((x) => x.name), overCount: poison.accounting.total / poison.totalValue },
        ok: accounted >= 0.99 && wrong.length === 0 && missed.length === 0 && maxErr <= 0.01 && a.conserved,
      };
    } finally {
      await db.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function mainnet(): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spearwatch-eval-trace-main-'));
  const db = await openStore({ home: dir });
  try {
    await importBlocks(db, [path.join(ROOT, 'test/fixtures/chain/mainnet-blocks-0-438.blk')], 'blk', { network: 'mainnet' });
    const r = await traceFunds(db, ['0437cd7f8525ceed2324359c2d0ba26006d92d856a9c20fa0241106ee5a597c9']);
    const hal = r.endpoints.find((e) => e.address === '1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3');
    const via = r.flows.find((f) => f.to === '1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3');
    return { source: 'block 9 coinbase', reachesHalFinney: hal !== undefined, value: hal?.taintedValue ?? 0, via: via?.txid ?? null, ok: hal !== undefined && via?.txid === 'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16' };
  } finally {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(args: string[] = []): Promise<Record<string, unknown>> {
  const only = args.find((a) => /^\d+$/.test(a));
  const out: Record<string, unknown> = {};
  let ok = true;
  let minShare = 1;
  let maxErr = 0;
  for (const cfg of CONFIGS.filter((c) => only === undefined || String(c.seed) === only)) {
    const r = await evaluate(cfg);
    out[`seed${cfg.seed}`] = r;
    ok &&= r.ok === true;
    const h = r.haircut as { accountedShare: number; maxRelativeError: number };
    minShare = Math.min(minShare, h.accountedShare);
    maxErr = Math.max(maxErr, h.maxRelativeError);
    if (r.ok !== true) console.error(`seed ${cfg.seed}: ${JSON.stringify(r.haircut)}`);
  }
  const m = await mainnet();
  out.mainnet = m;
  ok &&= m.ok === true;
  out.overall = { minAccountedShare: minShare, maxExchangeAmountError: maxErr, targets: { accountedShare: 0.99, exchangeAmountError: 0.01 }, allChecksPass: ok };
  return out;
}
