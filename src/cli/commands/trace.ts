import type { Command } from 'commander';
import { SpearwatchError } from '../../core/index.js';
import { requireOrg } from '../../orgs/index.js';
import {
  addTag, addWatch, formatTraceDot, syncMailWatches, formatTraceText, importPrices, isTraceModel, listAlerts, listExchanges, listManualTags, listWatches,
  priceStatus, removeTags, removeWatch, satsToBtc, traceFunds, type Alert, type AlertKind, type TraceModel,
} from '../../trace/index.js';
import { action, intOption } from '../context.js';
import { printJson, printTable } from '../output.js';

interface TraceOpts {
  direction?: string;
  model?: string;
  hops?: number;
  minValue?: number;
  stopAt?: string;
  until?: string;
  maxTxs?: number;
  json?: boolean;
  format?: string;
}

function model(v: string | undefined): TraceModel | undefined {
  if (v === undefined) return undefined;
  if (!isTraceModel(v)) throw new SpearwatchError('SW_USAGE', `--model must be haircut, poison or fifo (got ${v})`);
  return v;
}

export function alertLine(a: Alert): string {
  const fiat = [a.usd === null ? null : `USD ${a.usd.toLocaleString('en-US')}`, a.krw === null ? null : `KRW ${a.krw.toLocaleString('en-US')}`].filter(Boolean).join(', ');
  const where = a.kind === 'funds-reached-exchange' ? ` → ${a.exchange ?? '?'} deposit ${a.address ?? '?'}` : a.kind === 'watched-address-received' ? ` → ${a.address ?? '?'}` : '';
  return `${a.kind}  [${a.case}]  ${a.btc} BTC${fiat === '' ? '' : ` (${fiat})`}${where}  tx ${a.txid ?? '-'}  ${a.time ?? ''}`;
}

export function register(program: Command): void {
  program
    .command('trace <source...>')
    .description('follow stolen or ransomed bitcoin from addresses, txids or txid:vout outputs to the exchanges where it can be frozen')
    .option('--direction <d>', 'forward (where did it go, default) or backward (where did it come from)')
    .option('--model <m>', 'haircut (default), poison or fifo: how tainted value spreads over a transaction\'s outputs')
    .option('--hops <n>', 'transactions to follow from the sources (default 20)', intOption('--hops', 1))
    .option('--min-value <sats>', 'do not follow taint below this many satoshis (default 546, the dust limit)', intOption('--min-value', 0))
    .option('--stop-at <categories>', 'comma-separated tag categories where tracing stops (default exchange; "none" follows through everything)')
    .option('--until <time|height>', 'forward: ignore moves after this block height or time; backward: do not go before it')
    .option('--max-txs <n>', 'work limit: transactions one trace may process (default 200000)', intOption('--max-txs', 1))
    .option('--format <f>', 'json, text (default) or dot (Graphviz)')
    .option('--json', 'print the result as JSON (same as --format json)')
    .action(
      action(async (ctx, sources: string[], opts: TraceOpts) => {
        const format = opts.json === true ? 'json' : (opts.format ?? 'text');
        if (!['json', 'text', 'dot'].includes(format)) throw new SpearwatchError('SW_USAGE', `--format must be json, text or dot (got ${format})`);
        if (opts.direction !== undefined && opts.direction !== 'forward' && opts.direction !== 'backward') {
          throw new SpearwatchError('SW_USAGE', `--direction must be forward or backward (got ${opts.direction})`);
        }
        const stopAt = opts.stopAt === undefined ? undefined : opts.stopAt === 'none' ? [] : opts.stopAt.split(',').map((s) => s.trim()).filter((s) => s !== '');
        const r = await traceFunds(await ctx.store(), sources, {
          ...(opts.direction !== undefined ? { direction: opts.direction } : {}),
          ...(opts.model !== undefined ? { model: model(opts.model) as TraceModel } : {}),
          ...(opts.hops !== undefined ? { hops: opts.hops } : {}),
          ...(opts.minValue !== undefined ? { minValue: opts.minValue } : {}),
          ...(stopAt !== undefined ? { stopAt } : {}),
          ...(opts.until !== undefined ? { until: opts.until } : {}),
          ...(opts.maxTxs !== undefined ? { maxTxs: opts.maxTxs } : {}),
        });
        if (format === 'json') printJson(r);
        else if (format === 'dot') process.stdout.write(formatTraceDot(r));
        else process.stdout.write(formatTraceText(r));
      }),
    );

  const tag = program.command('tag').description('label addresses (exchange, sanctioned, actor, mixer…); a tag extends to the address\'s cluster');
  tag
    .command('add <address>')
    .description('add a manual tag to an address')
    .requiredOption('--label <label>', 'what the address is ("Hanbit Exchange deposit", "Lazarus wallet")')
    .requiredOption('--category <category>', 'exchange, sanctioned, actor, mixer, ransomware, service…')
    .option('--actor <name>', 'the actor or entity behind it')
    .option('--json', 'print the tag as JSON')
    .action(
      action(async (ctx, address: string, opts: { label: string; category: string; actor?: string; json?: boolean }) => {
        const r = await addTag(await ctx.store(), { address, label: opts.label, category: opts.category, actor: opts.actor ?? null });
        if (opts.json === true) printJson({ ...r.tag, created: r.created });
        else ctx.log.info(`${r.created ? 'tagged' : 'already tagged'} ${r.tag.address} as ${r.tag.category}: ${r.tag.label}`);
      }),
    );
  tag
    .command('list')
    .description('manual tags (intel tags: spearwatch intel lookup <address>)')
    .option('--category <category>', 'only this category')
    .option('--address <address>', 'only this address')
    .option('--json', 'print JSON')
    .action(
      action(async (ctx, opts: { category?: string; address?: string; json?: boolean }) => {
        const tags = await listManualTags(await ctx.store(), {
          ...(opts.category !== undefined ? { category: opts.category } : {}), ...(opts.address !== undefined ? { address: opts.address } : {}),
        });
        if (opts.json === true) printJson(tags);
        else printTable(['ADDRESS', 'CATEGORY', 'LABEL', 'ACTOR'], tags.map((t) => [t.address, t.category, t.label, t.actor ?? '']));
      }),
    );
  tag
    .command('remove <address>')
    .description('remove the manual tags of an address (or only the one with --label)')
    .option('--label <label>', 'only the tag with this label')
    .action(
      action(async (ctx, address: string, opts: { label?: string }) => {
        const n = await removeTags(await ctx.store(), address, opts.label);
        if (n === 0) throw new SpearwatchError('SW_NOT_FOUND', `no manual tag on ${address}${opts.label === undefined ? '' : ` labelled ${opts.label}`}`);
        ctx.log.info(`removed ${n} tag${n === 1 ? '' : 's'}`);
      }),
    );

  program
    .command('exchanges')
    .description('exchanges known from tags, with their tagged addresses and clusters in the chain index')
    .option('--json', 'print JSON')
    .action(
      action(async (ctx, opts: { json?: boolean }) => {
        const xs = await listExchanges(await ctx.store());
        if (opts.json === true) printJson(xs);
        else printTable(['EXCHANGE', 'TAGGED ADDRESSES', 'CLUSTERS', 'SOURCES'], xs.map((x) => [x.name, String(x.taggedAddresses.length), x.clusters.join(' '), x.sources.join(' ')]));
      }),
    );

  const prices = program.command('prices').description('daily BTC prices (USD, KRW…) for converting traced value at the date it moved');
  prices
    .command('import <csv>')
    .description('import date,currency,price rows (price of one BTC on that UTC day)')
    .option('--json', 'print the report as JSON')
    .action(
      action(async (ctx, file: string, opts: { json?: boolean }) => {
        const r = await importPrices(await ctx.store(), file);
        if (opts.json === true) printJson(r);
        else ctx.log.info(`imported ${r.rows} prices (${Object.entries(r.currencies).map(([c, n]) => `${c} ${n}`).join(', ')}) from ${r.firstDay ?? '-'} to ${r.lastDay ?? '-'}`);
      }),
    );
  prices
    .command('status')
    .description('which currencies and days have prices')
    .option('--json', 'print JSON')
    .action(
      action(async (ctx, opts: { json?: boolean }) => {
        const s = await priceStatus(await ctx.store());
        if (opts.json === true) printJson(s);
        else printTable(['CURRENCY', 'DAYS', 'FROM', 'TO'], s.map((x) => [x.currency, String(x.days), x.firstDay, x.lastDay]));
      }),
    );

  const watch = program.command('watch').description('watch addresses and outputs: alerts when they receive, when tainted funds move and when they reach an exchange');
  watch
    .command('add <target>')
    .description('watch an address, a txid or a txid:vout')
    .option('--case <name>', 'the case it belongs to (default: the target)')
    .option('--model <m>', 'taint model for following its funds (default haircut)')
    .option('--hops <n>', 'how far to follow (default 20)', intOption('--hops', 1))
    .option('--org <id>', 'the organisation the watch and its alerts belong to')
    .option('--json', 'print the watch as JSON')
    .action(
      action(async (ctx, target: string, opts: { case?: string; model?: string; hops?: number; org?: string; json?: boolean }) => {
        const db = await ctx.store();
        if (opts.org !== undefined) await requireOrg(db, opts.org);
        const r = await addWatch(db, {
          target, ...(opts.case !== undefined ? { caseName: opts.case } : {}), ...(opts.model !== undefined ? { model: model(opts.model) as TraceModel } : {}),
          ...(opts.hops !== undefined ? { hops: opts.hops } : {}), org: opts.org ?? null,
        });
        if (opts.json === true) printJson({ ...r.watch, created: r.created });
        else ctx.log.info(`${r.created ? 'watching' : 'already watching'} ${r.watch.target} (watch ${r.watch.id}, case ${r.watch.case}); alerts are raised after each chain import`);
      }),
    );
  watch
    .command('list')
    .description('watches with what each is still following')
    .option('--org <id>', 'only this organisation\'s watches')
    .option('--json', 'print JSON')
    .action(
      action(async (ctx, opts: { org?: string; json?: boolean }) => {
        const db = await ctx.store();
        await syncMailWatches(db);
        const ws = await listWatches(db, opts.org === undefined ? {} : { org: opts.org });
        if (opts.json === true) printJson(ws);
        else {
          printTable(['ID', 'TARGET', 'CASE', 'MODEL', 'IN INDEX', 'FOLLOWING', 'ALERTS'], ws.map((w) => [
            String(w.id), w.target, w.case, w.model, w.resolved ? 'yes' : 'not yet', `${w.frontier.outputs} outputs, ${satsToBtc(w.frontier.taintedValue)} BTC`, String(w.alerts),
          ]));
        }
      }),
    );
  watch
    .command('remove <ref>')
    .description('stop watching (by watch id or target); its alerts are kept')
    .option('--org <id>', 'only this organisation\'s watch')
    .action(
      action(async (ctx, ref: string, opts: { org?: string }) => {
        const n = await removeWatch(await ctx.store(), ref, opts.org);
        if (n === 0) throw new SpearwatchError('SW_NOT_FOUND', `no watch ${ref}`);
        ctx.log.info(`removed ${n} watch${n === 1 ? '' : 'es'}`);
      }),
    );

  program
    .command('alerts')
    .description('alerts raised by watches: watched-address-received, tainted-funds-moved, funds-reached-exchange')
    .option('--since <time>', 'only alerts raised at or after this time')
    .option('--kind <kind>', 'only this kind')
    .option('--org <id>', 'only this organisation\'s alerts')
    .option('--json', 'print JSON')
    .action(
      action(async (ctx, opts: { since?: string; kind?: string; org?: string; json?: boolean }) => {
        const kinds = ['watched-address-received', 'tainted-funds-moved', 'funds-reached-exchange'];
        if (opts.kind !== undefined && !kinds.includes(opts.kind)) throw new SpearwatchError('SW_USAGE', `--kind must be one of ${kinds.join(', ')}`);
        const alerts = await listAlerts(await ctx.store(), {
          ...(opts.since !== undefined ? { since: opts.since } : {}), ...(opts.kind !== undefined ? { kind: opts.kind as AlertKind } : {}),
          ...(opts.org !== undefined ? { org: opts.org } : {}),
        });
        if (opts.json === true) printJson(alerts);
        else if (alerts.length === 0) ctx.log.info('no alerts');
        else for (const a of alerts) process.stdout.write(alertLine(a) + '\n');
      }),
    );
}
