import type { Command } from 'commander';
import { campaignView, commodityExtra, listCampaigns, rebuildCampaigns, type CampaignView, type ViewOptions } from '../../campaigns/index.js';
import { loadMatcher } from '../../intel/index.js';
import { requireOrg } from '../../orgs/index.js';
import type { Db } from '../../store/index.js';
import { action } from '../context.js';
import { printJson, printTable } from '../output.js';

interface ViewFlags { json?: boolean; asOrg?: string }

async function viewOptions(db: Db, flags: ViewFlags): Promise<ViewOptions> {
  if (flags.asOrg !== undefined) await requireOrg(db, flags.asOrg);
  return { asOrg: flags.asOrg ?? null, matcher: await loadMatcher(db) };
}

function attributionText(v: CampaignView): string {
  return v.attribution.length === 0 ? 'unattributed' : v.attribution.map((a) => `${a.actor} (${a.confidence})`).join(', ');
}

function printDetail(v: CampaignView): void {
  const out = process.stdout;
  out.write(`${v.id}  ${v.name}\n${v.summary}\n\n`);
  out.write(`attempts ${v.attempts}, messages ${v.messages}, recipients ${v.recipientCount}, organisations ${v.organizationCount}, ${v.firstSeen} … ${v.lastSeen}\n`);
  out.write(`attribution: ${attributionText(v)}\n`);
  for (const a of v.attribution) for (const e of a.evidence) out.write(`  - ${e.detail}\n`);
  out.write('\n');
  printTable(['TYPE', 'INFRASTRUCTURE', 'ATTEMPTS'], v.infrastructure.map((i) => [i.type, i.value, String(i.attempts.length)]));
  out.write('\n');
  printTable(['ATTEMPT', 'FIRST SEEN', 'SENDER', 'SUBJECT', 'RECIPIENTS'],
    v.attemptList.map((a) => [a.id, a.firstSeen, a.sender ?? '(another organisation)', a.subject ?? '-', a.recipients.length === 0 ? '-' : a.recipients.join(', ')]));
}

export function register(program: Command): void {
  const campaigns = program
    .command('campaigns')
    .description('campaigns: attempts joined by shared attacker infrastructure, across organisations, with attribution');

  // `spearwatch campaigns [--json] [--as-org <id>]` is this default subcommand: options on the group itself would
  // swallow the subcommands' own --json
  campaigns
    .command('list', { isDefault: true })
    .description('list campaigns (the default)')
    .option('--json', 'JSON array of campaigns (the `campaigns show` shape)')
    .option('--as-org <id>', 'view as one organisation: its own mail in full, other organisations only as counts and shared indicators')
    .action(
      action(async (ctx, flags: ViewFlags) => {
        const db = await ctx.store();
        const list = await listCampaigns(db, await viewOptions(db, flags));
        if (flags.json === true) printJson(list);
        else if (list.length === 0) ctx.log.info('no campaigns yet: scan suspicious mail first (spearwatch scan <path>)');
        else {
          printTable(['ID', 'NAME', 'ATTEMPTS', 'MESSAGES', 'RECIPIENTS', 'ORGS', 'FIRST SEEN', 'LAST SEEN', 'ATTRIBUTION'],
            list.map((v) => [v.id, v.name, String(v.attempts), String(v.messages), String(v.recipientCount), String(v.organizationCount), v.firstSeen.slice(0, 10), v.lastSeen.slice(0, 10), attributionText(v)]));
        }
      }),
    );

  campaigns
    .command('show <id>')
    .description('one campaign: summary, infrastructure, attribution with evidence, attempts')
    .option('--json', 'print the campaign as JSON')
    .option('--as-org <id>', 'view as one organisation')
    .action(
      action(async (ctx, id: string, flags: ViewFlags) => {
        const db = await ctx.store();
        const v = await campaignView(db, id, await viewOptions(db, flags));
        if (flags.json === true) printJson(v);
        else printDetail(v);
      }),
    );

  campaigns
    .command('rebuild')
    .description('re-cluster every campaign from the stored messages (gives the same result as the incremental updates)')
    .option('--json', 'print the rebuild report as JSON')
    .action(
      action(async (ctx, flags: { json?: boolean }) => {
        const db = await ctx.store();
        const r = await rebuildCampaigns(db, { extraCommodity: commodityExtra(ctx.config.home, ctx.config.mail.partnerBrands) });
        const report = { messages: r.messages, attempts: r.attempts, campaigns: r.campaigns };
        if (flags.json === true) printJson(report);
        else ctx.log.info(`campaigns rebuilt: ${r.messages} messages, ${r.attempts} attempts, ${r.campaigns} campaigns`);
      }),
    );
}
