import path from 'node:path';
import type { Command } from 'commander';
import { SpearwatchError } from '../../core/index.js';
import {
  addressView, chainStatus, clusterView, importBlocks, importFromNode, isNetwork, txView, writeSyntheticChain,
  type ImportReport, type Network,
} from '../../chain/index.js';
import { buildLaunderingScenario, checkWatches, type CheckReport } from '../../trace/index.js';
import { BlkWriter } from '../../chain/index.js';
import fs from 'node:fs';
import { action, collect, intOption, type CommandContext } from '../context.js';
import { alertLine } from './trace.js';
import { printJson, printTable } from '../output.js';
import { createProgress } from '../progress.js';

interface ImportOpts {
  network?: string;
  raw?: string[];
  rpc?: string;
  esplora?: string;
  json?: boolean;
  changeHeuristic?: boolean;
  maxClusterSize?: number;
  rescan?: boolean;
}

function network(v: string | undefined): Network | undefined {
  if (v === undefined) return undefined;
  if (!isNetwork(v)) throw new SpearwatchError('SW_USAGE', `--network must be mainnet, testnet, signet or regtest (got ${v})`);
  return v;
}

function mergeReports(a: ImportReport | null, b: ImportReport): ImportReport {
  if (a === null) return b;
  return {
    ...b,
    files: a.files + b.files, blocksRead: a.blocksRead + b.blocksRead, duplicates: a.duplicates + b.duplicates,
    newBlocks: a.newBlocks + b.newBlocks, connected: a.connected + b.connected, disconnected: a.disconnected + b.disconnected,
    loose: a.loose + b.loose, transactions: a.transactions + b.transactions, unresolvedInputs: a.unresolvedInputs + b.unresolvedInputs,
    coinjoins: a.coinjoins + b.coinjoins, oversizeClusters: a.oversizeClusters + b.oversizeClusters, problems: [...a.problems, ...b.problems],
  };
}

/** After every import: follow watched and tainted funds and print the alerts raised (stderr; JSON callers read `alerts`). */
async function afterImport(ctx: CommandContext, r: ImportReport): Promise<CheckReport> {
  const check = await checkWatches(await ctx.store(), { rebuild: r.disconnected > 0 });
  for (const a of check.alerts) ctx.log.warn(`alert: ${alertLine(a)}`);
  if (check.watches > 0) ctx.log.info(`watches: ${check.watches} checked, ${check.alerts.length} new alert${check.alerts.length === 1 ? '' : 's'}`);
  return check;
}

export function register(program: Command): void {
  const chain = program.command('chain').description('the Bitcoin chain index: import blocks, look up transactions, addresses and clusters');

  chain
    .command('import [paths...]')
    .description("import Bitcoin Core block files (a blocks directory or blk*.dat files), raw blocks, or pull from a node")
    .option('--network <name>', 'mainnet, testnet, signet or regtest (checked against the files\' magic and the index)')
    .option('--raw <file>', 'a single serialized block without framing (repeatable)', collect)
    .option('--rpc <url>', 'Bitcoin Core JSON-RPC URL (http://user:pass@host:8332), pulling from the indexed tip onward')
    .option('--esplora <url>', 'Esplora REST base URL, pulling from the indexed tip onward')
    .option('--rescan', 'scan blk files from their start (by default each resumes where the last import stopped)')
    .option('--change-heuristic', 'also cluster one-time change outputs with their inputs (off by default: false merges)')
    .option('--max-cluster-size <n>', 'refuse (and report) merges that would grow a cluster beyond n addresses', intOption('--max-cluster-size', 2))
    .option('--json', 'print the import report as JSON')
    .action(
      action(async (ctx, paths: string[], opts: ImportOpts) => {
        const sources = [paths.length > 0, (opts.raw ?? []).length > 0, opts.rpc !== undefined, opts.esplora !== undefined].filter(Boolean).length;
        if (sources === 0) throw new SpearwatchError('SW_USAGE', 'chain import needs block files, --raw, --rpc or --esplora');
        const db = await ctx.store();
        const progress = createProgress('chain import');
        let totalSet = false;
        const common = {
          ...(opts.network !== undefined ? { network: network(opts.network) as Network } : {}),
          ...(opts.changeHeuristic === true ? { changeHeuristic: true } : {}),
          ...(opts.rescan === true ? { rescan: true } : {}),
          ...(opts.maxClusterSize !== undefined ? { maxClusterSize: opts.maxClusterSize } : {}),
          onProgress: (done: number, total: number) => {
            if (!totalSet) {
              progress.setTotal(total);
              totalSet = true;
            }
            progress.tick(done > 0 ? 1 : 0);
          },
        };
        let report: ImportReport | null = null;
        try {
          if (paths.length > 0) report = mergeReports(report, await importBlocks(db, paths, 'blk', common));
          if ((opts.raw ?? []).length > 0) report = mergeReports(report, await importBlocks(db, opts.raw ?? [], 'raw', common));
          if (opts.rpc !== undefined) report = mergeReports(report, await importFromNode(db, { kind: 'rpc', url: opts.rpc }, { ...common, cacheDir: path.join(ctx.config.home, 'chain-blocks') }));
          if (opts.esplora !== undefined) report = mergeReports(report, await importFromNode(db, { kind: 'esplora', url: opts.esplora }, { ...common, cacheDir: path.join(ctx.config.home, 'chain-blocks') }));
        } finally {
          progress.stop();
        }
        const r = report as ImportReport;
        for (const p of r.problems) ctx.log.warn(`${p.file} at byte ${p.offset}: ${p.reason}`);
        const check = await afterImport(ctx, r);
        if (opts.json === true) printJson({ ...r, alerts: check.alerts });
        else ctx.log.info(`chain import: ${r.connected} blocks connected, ${r.loose} loose, ${r.disconnected} disconnected, ${r.duplicates} already known; height ${r.height}, tip ${r.tipHash ?? '-'}`);
        // Everything before a problem is kept; the exit code still tells scripts that some input was bad.
        if (r.problems.length > 0) ctx.setExitCode(3);
      }),
    );

  chain
    .command('status')
    .description('what the chain index holds')
    .option('--json', 'print JSON')
    .action(
      action(async (ctx, opts: { json?: boolean }) => {
        const s = await chainStatus(await ctx.store());
        if (opts.json === true) printJson(s);
        else printTable(['KEY', 'VALUE'], Object.entries(s).map(([k, v]) => [k, String(v)]));
      }),
    );

  chain
    .command('tx <txid>')
    .description('a transaction with its inputs, outputs and where each output was spent')
    .option('--json', 'print JSON')
    .action(
      action(async (ctx, txid: string, opts: { json?: boolean }) => {
        const t = await txView(await ctx.store(), txid);
        if (opts.json === true) printJson(t);
        else {
          process.stdout.write(`${t.txid}  block ${t.height ?? 'loose'} ${t.blockHash}  ${t.time ?? ''}  fee ${t.fee ?? '-'}\n`);
          printTable(['IN', 'FROM', 'ADDRESS', 'VALUE'], t.inputs.map((i, n) => [String(n), i.coinbase === true ? 'coinbase' : `${i.prevTxid ?? '?'}:${i.vout ?? '?'}`, i.address ?? '-', String(i.value ?? '-')]));
          printTable(['OUT', 'ADDRESS', 'TYPE', 'VALUE', 'SPENT BY'], t.outputs.map((o) => [String(o.n), o.address ?? '-', o.type, String(o.value), o.spentBy === null ? '-' : `${o.spentBy.txid}:${o.spentBy.vin}`]));
        }
      }),
    );

  chain
    .command('address <address>')
    .description('what an address received and sent, and its cluster')
    .option('--json', 'print JSON')
    .action(
      action(async (ctx, address: string, opts: { json?: boolean }) => {
        const a = await addressView(await ctx.store(), address);
        if (opts.json === true) printJson(a);
        else printTable(['KEY', 'VALUE'], Object.entries(a).map(([k, v]) => [k, String(v)]));
      }),
    );

  chain
    .command('cluster <ref>')
    .description('the cluster (entity) of an address, or a cluster by id')
    .option('--limit <n>', 'addresses to list (default 100)', intOption('--limit', 0))
    .option('--json', 'print JSON')
    .action(
      action(async (ctx, ref: string, opts: { json?: boolean; limit?: number }) => {
        const c = await clusterView(await ctx.store(), ref, opts.limit ?? 100);
        if (opts.json === true) printJson(c);
        else {
          process.stdout.write(`cluster ${c.id}: ${c.size} addresses, received ${c.received}, balance ${c.balance}\n`);
          for (const a of c.addresses) process.stdout.write(`${a}\n`);
        }
      }),
    );

  chain
    .command('synth')
    .description('write a synthetic chain in Bitcoin Core blk format (valid structure and merkle roots), seeded and deterministic')
    .requiredOption('--blocks <n>', 'blocks after genesis', intOption('--blocks', 0))
    .requiredOption('--txs-per-block <m>', 'transactions per block besides the coinbase', intOption('--txs-per-block', 0))
    .requiredOption('--out <dir>', 'directory for blk*.dat')
    .option('--seed <s>', 'seed (default 1)', intOption('--seed', 0))
    .option('--network <name>', 'network magic and address format (default regtest)')
    .option('--scenario <name>', '"laundering": a theft laundered through a peel chain, a CoinJoin and merges into tagged exchanges, with background traffic; writes tags.yaml, prices.csv and scenario.json beside the blocks')
    .option('--json', 'print a summary as JSON')
    .action(
      action((ctx, opts: { blocks: number; txsPerBlock: number; out: string; seed?: number; network?: string; json?: boolean; scenario?: string }) => {
        if (opts.scenario !== undefined) {
          if (opts.scenario !== 'laundering') throw new SpearwatchError('SW_USAGE', `--scenario must be laundering (got ${opts.scenario})`);
          fs.mkdirSync(path.join(opts.out, 'blocks'), { recursive: true });
          const w = new BlkWriter(path.join(opts.out, 'blocks'), { magic: 0xdab5bffa });
          let sc;
          try {
            sc = buildLaunderingScenario({ seed: opts.seed ?? 1, backgroundPerBlock: opts.txsPerBlock, trailingBlocks: opts.blocks, onBlock: (b) => w.write(b.raw) });
          } finally {
            w.close();
          }
          fs.writeFileSync(path.join(opts.out, 'tags.yaml'), sc.tagpack);
          fs.writeFileSync(path.join(opts.out, 'prices.csv'), sc.pricesCsv);
          const { tagpack: _t, pricesCsv: _p, ...facts } = sc;
          fs.writeFileSync(path.join(opts.out, 'scenario.json'), JSON.stringify(facts, null, 2) + '\n');
          if (opts.json === true) printJson(facts);
          else ctx.log.info(`wrote a laundering scenario (${sc.blocks} blocks, ${sc.transactions} transactions) to ${opts.out}: blocks/, tags.yaml, prices.csv, scenario.json; theft ${sc.theft.txid}`);
          return Promise.resolve();
        }
        const progress = createProgress('chain synth', opts.blocks);
        let r;
        try {
          r = writeSyntheticChain({
            blocks: opts.blocks, txsPerBlock: opts.txsPerBlock, out: opts.out, seed: opts.seed ?? 1,
            network: network(opts.network) ?? 'regtest', onBlock: () => progress.tick(1),
          });
        } finally {
          progress.stop();
        }
        if (opts.json === true) printJson(r);
        else ctx.log.info(`wrote ${r.blocks} blocks, ${r.transactions} transactions, ${r.bytes} bytes to ${opts.out}`);
        return Promise.resolve();
      }),
    );

  chain
    .command('follow')
    .description('keep the index at the node\'s tip: pull new blocks from --rpc or --esplora every --interval seconds and raise watch alerts')
    .option('--rpc <url>', 'Bitcoin Core JSON-RPC URL')
    .option('--esplora <url>', 'Esplora REST base URL')
    .option('--network <name>', 'mainnet, testnet, signet or regtest')
    .option('--interval <s>', 'seconds between polls (default 30)', intOption('--interval', 1))
    .option('--iterations <n>', 'stop after n polls (default: until interrupted)', intOption('--iterations', 1))
    .option('--json', 'print each poll\'s report and alerts as one JSON line')
    .action(
      action(async (ctx, opts: { rpc?: string; esplora?: string; network?: string; interval?: number; iterations?: number; json?: boolean }) => {
        if ((opts.rpc === undefined) === (opts.esplora === undefined)) throw new SpearwatchError('SW_USAGE', 'chain follow needs exactly one of --rpc or --esplora');
        const source = opts.rpc !== undefined ? { kind: 'rpc' as const, url: opts.rpc } : { kind: 'esplora' as const, url: opts.esplora as string };
        const db = await ctx.store();
        let stop = false;
        const onSignal = (): void => {
          stop = true;
        };
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        try {
          for (let i = 0; !stop && (opts.iterations === undefined || i < opts.iterations); i++) {
            if (i > 0) await new Promise((res) => setTimeout(res, (opts.interval ?? 30) * 1000));
            if (stop) break;
            let r: ImportReport;
            try {
              r = await importFromNode(db, source, { ...(opts.network !== undefined ? { network: network(opts.network) as Network } : {}), cacheDir: path.join(ctx.config.home, 'chain-blocks') });
            } catch (e) {
              // A node that is down for a while must not end the follower; the next poll retries.
              if (e instanceof SpearwatchError && e.code === 'SW_UPSTREAM_FAILED' && opts.iterations === undefined) {
                ctx.log.warn(`poll failed, retrying in ${opts.interval ?? 30} s: ${e.message}`);
                continue;
              }
              throw e;
            }
            const check = await afterImport(ctx, r);
            if (opts.json === true) process.stdout.write(JSON.stringify({ height: r.height, tipHash: r.tipHash, connected: r.connected, disconnected: r.disconnected, alerts: check.alerts }) + '\n');
            else ctx.log.info(`height ${r.height}: ${r.connected} blocks connected, ${r.disconnected} disconnected`);
          }
        } finally {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
        }
      }),
    );
}
