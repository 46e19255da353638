import fs from 'node:fs';
import type { Command } from 'commander';
import { SpearwatchError, systemClock, toSpearwatchError } from '../../core/index.js';
import {
  exportStixBundle, importIntelFile, listActors, loadMatcher, lookupValues, parseTlp, type FormatOption, type ImportReport, type Tlp,
} from '../../intel/index.js';
import { action } from '../context.js';
import { createProgress } from '../progress.js';
import { printJson, printTable } from '../output.js';

const FORMATS: readonly FormatOption[] = ['auto', 'stix', 'misp-galaxy', 'tagpack', 'ofac', 'csv'];

function tlpOption(name: string, v: string): Tlp {
  const t = parseTlp(v);
  if (t === null) throw new SpearwatchError('SW_USAGE', `${name} must be one of clear, green, amber, amber+strict, red (got ${v})`);
  return t;
}

function reportLine(r: ImportReport): string {
  const reasons = Object.entries(r.skippedReasons).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, n]) => `${n}× ${k}`).join('; ');
  return `${r.file}: ${r.format} from "${r.source}": ${r.read} read, ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ` +
    `${r.skipped} skipped${reasons === '' ? '' : ` (${reasons})`}, ${r.complexPatterns} complex patterns kept for evaluation`;
}

/**
 * Write a bundle one object per line in ~1 MB chunks: a million indicators as one JSON.stringify would build a
 * string past V8's length limit.
 */
function writeBundle(bundle: Record<string, unknown>, write: (chunk: string) => unknown): void {
  const { objects, ...head } = bundle as { objects: unknown[] } & Record<string, unknown>;
  let buf = `${JSON.stringify(head).slice(0, -1)},"objects":[\n`;
  objects.forEach((o, i) => {
    buf += `${i === 0 ? '' : ',\n'}${JSON.stringify(o)}`;
    if (buf.length > 1 << 20) {
      write(buf);
      buf = '';
    }
  });
  write(`${buf}\n]}\n`);
}

export function register(program: Command): void {
  const intel = program.command('intel').description('threat intel: import feeds, look up indicators, list actors, export STIX');

  intel
    .command('import <file...>')
    .description('import STIX 2.x bundles, MISP galaxies, GraphSense TagPacks/actorpack, OFAC address lists or CSV')
    .option('--format <format>', `auto, stix, misp-galaxy, tagpack, ofac or csv (default auto: by content)`, 'auto')
    .option('--source <name>', 'source name recorded on every object (default: from the file)')
    .option('--tlp <tlp>', 'minimum TLP for everything imported (markings in the file can only raise it)')
    .option('--json', 'print the import reports as JSON')
    .action(
      action(async (ctx, files: string[], opts: { format: string; source?: string; tlp?: string; json?: boolean }) => {
        if (!(FORMATS as readonly string[]).includes(opts.format)) throw new SpearwatchError('SW_USAGE', `--format must be one of ${FORMATS.join(', ')} (got ${opts.format})`);
        const tlp = opts.tlp === undefined ? undefined : tlpOption('--tlp', opts.tlp);
        const db = await ctx.store();
        const results: (ImportReport | { file: string; error: { code: string; message: string } })[] = [];
        let firstError: SpearwatchError | undefined;
        const progress = createProgress('intel import', files.length);
        for (const file of files) {
          try {
            const r = await importIntelFile(db, file, {
              format: opts.format as FormatOption, ...(opts.source === undefined ? {} : { source: opts.source }), ...(tlp === undefined ? {} : { tlp }),
            }, systemClock);
            results.push(r);
            if (opts.json !== true) ctx.log.info(reportLine(r));
          } catch (e) {
            const err = toSpearwatchError(e);
            firstError ??= err;
            results.push({ file, error: { code: err.code, message: err.message } });
            if (opts.json !== true) ctx.log.error(`${file}: ${err.code}: ${err.message} (nothing from this file was stored)`);
          }
          progress.tick();
        }
        progress.stop();
        if (opts.json === true) printJson(results);
        if (firstError !== undefined) throw firstError;
      }),
    );

  intel
    .command('lookup <value...>')
    .description('look values up (type auto-detected): IPs in CIDRs, parent domains, URL hosts, email domains, bitcoin addresses')
    .option('--json', 'JSON array: { value, type, matches: [ { indicator, type, source, confidence, tlp, validUntil, actors, campaigns, … } ] }')
    .action(
      action(async (ctx, values: string[], opts: { json?: boolean }) => {
        const matcher = await loadMatcher(await ctx.store());
        const results = await lookupValues(matcher, values);
        if (opts.json === true) {
          printJson(results);
          return;
        }
        const rows: string[][] = [];
        for (const r of results) {
          if (r.matches.length === 0) rows.push([r.value, r.type, '-', '', '', '', '', '']);
          for (const m of r.matches) {
            rows.push([r.value, r.type, m.indicator, m.status, m.source, m.confidence === null ? '-' : String(m.confidence), m.tlp, m.actors.map((a) => a.name).join(', ') || '-']);
          }
        }
        printTable(['VALUE', 'TYPE', 'INDICATOR', 'STATUS', 'SOURCE', 'CONF', 'TLP', 'ACTORS'], rows);
      }),
    );

  intel
    .command('actors')
    .description('list actors with aliases, the sources that name them and their indicator counts')
    .option('--json', 'print as JSON')
    .action(
      action(async (ctx, opts: { json?: boolean }) => {
        const actors = await listActors(await ctx.store());
        if (opts.json === true) {
          printJson(actors);
          return;
        }
        if (actors.length === 0) {
          ctx.log.info('no actors yet: spearwatch intel import <file…>');
          return;
        }
        printTable(['ACTOR', 'ALIASES', 'SOURCES', 'INDICATORS'], actors.map((a) => [
          a.name, a.aliases.join(', ') || '-', [...new Set(a.sources.map((s) => s.source))].join(', '), String(a.indicators),
        ]));
      }),
    );

  intel
    .command('export')
    .description('export indicators, actors, relationships and sightings as a STIX 2.1 bundle')
    .option('--format <format>', 'stix (the only format)', 'stix')
    .option('--tlp-max <tlp>', 'most restricted TLP allowed out (default clear)', 'clear')
    .option('--since <time>', 'only objects modified at or after this ISO-8601 time')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(
      action(async (ctx, opts: { format: string; tlpMax: string; since?: string; out?: string }) => {
        if (opts.format !== 'stix') throw new SpearwatchError('SW_USAGE', `--format must be stix (got ${opts.format})`);
        const tlpMax = tlpOption('--tlp-max', opts.tlpMax);
        let since: string | undefined;
        if (opts.since !== undefined) {
          const d = new Date(opts.since);
          if (!/^\d{4}-\d{2}-\d{2}/.test(opts.since) || Number.isNaN(d.getTime())) throw new SpearwatchError('SW_USAGE', `--since must be an ISO-8601 date or time (got ${opts.since})`);
          since = d.toISOString();
        }
        const { bundle, summary } = await exportStixBundle(await ctx.store(), { tlpMax, ...(since === undefined ? {} : { since }) });
        if (opts.out !== undefined) {
          let fd: number | undefined;
          try {
            fd = fs.openSync(opts.out, 'w');
            const file = fd;
            writeBundle(bundle, (chunk) => fs.writeSync(file, chunk));
          } catch (e) {
            throw new SpearwatchError('SW_INPUT_UNREADABLE', `cannot write ${opts.out}: ${(e as Error).message}`);
          } finally {
            if (fd !== undefined) fs.closeSync(fd);
          }
        } else writeBundle(bundle, (chunk) => process.stdout.write(chunk));
        ctx.log.info(`exported ${summary.indicators} indicators, ${summary.actors} actors, ${summary.campaigns} campaigns, ${summary.malware} malware, ${summary.relationships} relationships, ${summary.sightings} sightings (TLP ≤ ${tlpMax})`);
      }),
    );
}
