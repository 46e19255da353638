import type { Command } from 'commander';
import os from 'node:os';
import { SpearwatchError } from '../../core/index.js';
import { listOrgs, requireOrg } from '../../orgs/index.js';
import { commodityExtra, updateCampaigns } from '../../campaigns/index.js';
import { loadMatcher } from '../../intel/index.js';
import { DEFAULT_BRANDS, scanMessages, reasons, tableRow, TABLE_HEADERS, type AsyncIntelMatcher, type Brand, type MessageReport } from '../../mail/index.js';
import { action, intOption } from '../context.js';
import { printJsonLine, formatTable } from '../output.js';
import { createProgress } from '../progress.js';

interface ScanFlags {
  org?: string;
  json?: boolean;
  offline?: boolean;
  store: boolean;
  failOn?: string;
  workers?: number;
}

const RANK = { clean: 0, suspicious: 1, malicious: 2 } as const;

export function register(program: Command): void {
  program
    .command('scan <path...>')
    .description('analyse mail (.eml, mbox, Maildir, folders, - for stdin) and explain every verdict')
    .option('--org <id>', 'the recipient organisation (default: matched from the recipient domains)')
    .option('--json', 'one JSON object per message, one per line')
    .option('--offline', 'no DNS: authentication comes from the organisation’s trusted Authentication-Results only')
    .option('--no-store', 'do not store messages and results')
    .option('--fail-on <verdict>', 'exit 1 when any message is at least this bad (malicious|suspicious)')
    .option('--workers <n>', 'analysis worker threads (default: CPU count, 1 = inline)', intOption('--workers', 1))
    .action(
      action(async (ctx, paths: string[], opts: ScanFlags) => {
        if (opts.failOn !== undefined && opts.failOn !== 'malicious' && opts.failOn !== 'suspicious') {
          throw new SpearwatchError('SW_USAGE', `--fail-on must be malicious or suspicious (got ${opts.failOn})`);
        }
        const db = await ctx.store();
        const orgs = await listOrgs(db);
        const org = opts.org === undefined ? undefined : await requireOrg(db, opts.org);
        const brands: Brand[] = [...DEFAULT_BRANDS, ...ctx.config.mail.partnerBrands.map((d) => ({ name: d, domains: [d] }))];
        const workers = opts.workers ?? Math.max(1, Math.min(os.availableParallelism(), 8));
        // the intel index is built once per run from the whole intel store (empty store: an empty index)
        const matcher = await loadMatcher(db);
        const intel: AsyncIntelMatcher = {
          match: async (obs) => (await matcher.match(obs)).map((m) => ({ ...m })),
          recordSightings: (tx, org, id, matches, at) => matcher.recordSightings(tx, org, id, matches as unknown as Parameters<typeof matcher.recordSightings>[3], at),
        };
        const progress = opts.json === true ? createProgress('scan', 0, { isTTY: false } as NodeJS.WriteStream) : createProgress('scan');
        const rows: string[][] = [];
        const flagged: MessageReport[] = [];
        let worst = 0;
        let skipped = 0;
        let count = 0;
        const stored: string[] = [];
        for await (const out of scanMessages({
          paths, org, orgs, brands, offline: opts.offline === true, dnsTimeoutMs: ctx.config.mail.dnsTimeoutMs, workers,
          db: opts.store ? db : null, intel, maxMessageBytes: ctx.config.mail.maxMessageBytes,
        })) {
          progress.tick();
          if (out.kind === 'skipped') {
            skipped++;
            ctx.log.warn(`skipped ${out.file}${out.index > 0 ? `#${out.index}` : ''}: ${out.error}`);
            continue;
          }
          count++;
          const r = out.report;
          if (out.id !== undefined) stored.push(out.id);
          worst = Math.max(worst, RANK[r.verdict]);
          // `id`: the stored message's id (GET /api/v1/messages/:id), absent with --no-store
          if (opts.json === true) printJsonLine(out.id === undefined ? r : { ...r, id: out.id });
          else {
            rows.push(tableRow(r));
            if (r.verdict !== 'clean') flagged.push(r);
          }
        }
        progress.stop();
        if (opts.store && stored.length > 0) {
          // Campaigns follow every stored scan; the same commodity list as `campaigns rebuild`, so both agree.
          const res = await updateCampaigns(db, { messages: stored, extraCommodity: commodityExtra(ctx.config.home, ctx.config.mail.partnerBrands) });
          if (res.changed.length > 0) ctx.log.info(`campaigns: ${res.changed.length} updated (${res.campaigns} in all)${res.merges.length > 0 ? `, ${res.merges.length} merged` : ''}`);
        }
        if (opts.json !== true) {
          if (rows.length > 0) process.stdout.write(formatTable(TABLE_HEADERS, rows));
          for (const r of flagged) process.stdout.write('\n' + reasons(r) + '\n');
        }
        ctx.log.info(`scanned ${count} message(s)${skipped > 0 ? `, skipped ${skipped}` : ''}`);
        if (opts.failOn !== undefined && worst >= RANK[opts.failOn]) ctx.setExitCode(1);
      }),
    );
}
