import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { CONFIG_FILE, loadConfig, SpearwatchError, type Logger } from '../../core/index.js';
import { startServer } from '../../http/index.js';
import { openStore } from '../../store/index.js';
import type { CampaignView } from '../../campaigns/index.js';
import type { MessageReport } from '../../mail/index.js';
import { describeScenario, generateScenario, writeScenario, type Scenario } from '../../demo/index.js';
import { BlkWriter, NETWORK_PARAMS } from '../../chain/index.js';
import { buildLaunderingScenario, satsToBtc, type Alert, type TraceResult } from '../../trace/index.js';
import { action, intOption, type CommandContext } from '../context.js';
import { printJson } from '../output.js';

/** A file in a demo home, so that `spearwatch demo` never deletes a folder it did not make. */
const MARKER = '.spearwatch-demo';
const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../bin/spearwatch.js');

function freshHome(home: string): void {
  if (fs.existsSync(home)) {
    const entries = fs.readdirSync(home);
    if (entries.length > 0 && !entries.includes(MARKER)) {
      throw new SpearwatchError('SW_CONFLICT', `${home} exists and is not a demo home; choose another with --home`);
    }
    fs.rmSync(home, { recursive: true, force: true });
  }
  fs.mkdirSync(home, { recursive: true });
  fs.writeFileSync(path.join(home, MARKER), 'made by spearwatch demo; deleted and rebuilt by the next run\n');
}

interface Step {
  title: string;
  args: string[];
  /** Parse --json output: one document, or one JSON object per line. */
  lines?: boolean;
}

/**
 * The demo runs each capability exactly as a user would, through the CLI and its JSON contract, on the demo
 * home's own embedded store (a user's SPEARWATCH_DATABASE_URL is not touched).
 */
async function runStep(home: string, step: Step, log: Logger): Promise<unknown> {
  const env: NodeJS.ProcessEnv = { ...process.env, SPEARWATCH_HOME: home };
  for (const k of Object.keys(env)) if (k.startsWith('SPEARWATCH_') && k !== 'SPEARWATCH_HOME') delete env[k];
  const r = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [BIN, ...step.args], { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 4, stdout, stderr });
    });
  });
  if (r.code !== 0 && r.code !== 1) {
    throw new SpearwatchError('SW_INTERNAL', `demo step "${step.title}" (spearwatch ${step.args.join(' ')}) failed with exit ${r.code}: ${r.stderr.trim()}`);
  }
  log.debug(`${step.title}: ${r.stderr.trim()}`);
  if (step.lines === true) return r.stdout.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);
  return r.stdout.trim() === '' ? null : (JSON.parse(r.stdout) as unknown);
}

function available(program: Command): Set<string> {
  return new Set(program.commands.map((c) => c.name()));
}

interface IntelImportReport {
  read: number;
  created: number;
}

type ScanReport = MessageReport;
type CampaignShow = CampaignView;
type CampaignListItem = Pick<CampaignView, 'id'>;

function printScanFindings(reports: ScanReport[], out: (s: string) => unknown): void {
  const by = (v: ScanReport['verdict']): ScanReport[] => reports.filter((r) => r.verdict === v);
  out(`\nmail: ${reports.length} messages scanned: ${by('clean').length} clean, ${by('suspicious').length} suspicious, ${by('malicious').length} malicious`);
  const ips = new Map<string, number>();
  for (const r of by('malicious')) if (r.originatingIp !== null) ips.set(r.originatingIp, (ips.get(r.originatingIp) ?? 0) + 1);
  const top = [...ips.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
  if (top.length > 0) out(`  malicious mail came most often from ${top.map(([ip, n]) => `${ip} (${n})`).join(', ')}`);
  const intel = reports.filter((r) => r.intelMatches.length > 0).length;
  if (intel > 0) out(`  ${intel} messages match threat intelligence`);
  const btc = [...new Set(reports.flatMap((r) => r.btcAddresses))];
  if (btc.length > 0) out(`  bitcoin addresses demanded in mail: ${btc.join(', ')}`);
  const signals = new Map<string, number>();
  for (const r of reports) if (r.verdict !== 'clean') for (const s of r.signals) signals.set(s.id, (signals.get(s.id) ?? 0) + 1);
  const common = [...signals.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
  if (common.length > 0) out(`  most frequent signals: ${common.map(([id, n]) => `${id} ×${n}`).join(', ')}`);
}

/** Create the demo admin and serve the demo home until interrupted (what `npm start` does). */
async function serveDemo(home: string, orgId: string, step: (s: Step) => Promise<unknown>, ctx: CommandContext): Promise<void> {
  const email = 'admin@demo.spearwatch.invalid';
  const admin = (await step({ title: 'demo admin', args: ['user', 'add', email, '--org', orgId, '--role', 'admin', '--json'] })) as { password: string };
  const db = await openStore({ home });
  const config = loadConfig({ home, env: {} });
  const server = await startServer({ db, config }, { host: ctx.config.server.host, port: ctx.config.server.port, log: ctx.log });
  process.stdout.write(`\nspearwatch is serving the demo at ${server.url}\n  log in as ${email} with password ${admin.password}\n  (Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => server.app.server.on('close', () => resolve()));
  await db.close();
}

/**
 * The money trail of the demo: the first exchange's hot wallet is robbed and the coins laundered (peel chain,
 * CoinJoin, merges) into other exchanges' deposit addresses on a synthetic regtest chain; its TagPack and prices
 * are imported, the victim's address is watched before the blocks arrive, and the theft is traced.
 */
async function moneyTrail(scenario: Scenario, dir: string, step: (s: Step) => Promise<unknown>, out: (s: string) => unknown): Promise<void> {
  const chainDir = path.join(dir, 'chain');
  fs.mkdirSync(path.join(chainDir, 'blocks'), { recursive: true });
  // Mainnet address encoding (on a synthetic chain with its own genesis), so the bitcoin address the extortion
  // mail demands is the one paid on this chain, and its automatic watch sees the ransom move.
  const w = new BlkWriter(path.join(chainDir, 'blocks'), { magic: NETWORK_PARAMS.mainnet.magic });
  const victimOrg = scenario.exchanges[0];
  const names = [...scenario.exchanges.slice(1).map((e) => e.name), 'Seoul Digital', 'Probit Ex', 'Gopax Prime'];
  let sc;
  try {
    sc = buildLaunderingScenario({
      seed: scenario.seed, network: 'mainnet', extortionAddress: scenario.truth.extortionBtcAddress, exchangeNames: names, taintedExchanges: Math.min(4, names.length - 1), cleanExchanges: 1, backgroundPerBlock: 20,
      startTime: Math.floor(Date.parse(scenario.start) / 1000), onBlock: (b) => w.write(b.raw),
    });
  } finally {
    w.close();
  }
  fs.writeFileSync(path.join(chainDir, 'exchanges.tagpack.yaml'), sc.tagpack);
  fs.writeFileSync(path.join(chainDir, 'btc-prices.csv'), sc.pricesCsv);
  await step({ title: 'exchange tags', args: ['intel', 'import', path.join(chainDir, 'exchanges.tagpack.yaml'), '--json'] });
  await step({ title: 'prices', args: ['prices', 'import', path.join(chainDir, 'btc-prices.csv'), '--json'] });
  const caseName = `${victimOrg?.name ?? 'exchange'} hot wallet theft`;
  await step({ title: 'watch victim', args: ['watch', 'add', sc.theft.victim, '--case', caseName, '--hops', '100', ...(victimOrg !== undefined ? ['--org', victimOrg.id] : []), '--json'] });
  const imp = (await step({ title: 'chain import', args: ['chain', 'import', path.join(chainDir, 'blocks'), '--network', 'mainnet', '--json'] })) as { height: number; transactions: number; alerts: Alert[] };
  out(`
money trail: ${imp.transactions} transactions imported (height ${imp.height}); the stolen ${satsToBtc(sc.theft.value)} BTC left ${victimOrg?.name ?? 'the victim'}'s hot wallet in ${sc.theft.txid}`);
  const mine = imp.alerts.filter((a) => a.case === caseName);
  const reached = mine.filter((a) => a.kind === 'funds-reached-exchange');
  out(`  watch "${caseName}": ${mine.length} alerts, ${reached.length} of them deposits into exchanges`);
  const ransom = imp.alerts.filter((a) => a.target === sc.extortion?.address);
  const uniq = (kind: string): Alert[] => [...new Map(ransom.filter((a) => a.kind === kind).map((a) => [`${a.txid ?? ''}:${a.address ?? ''}`, a])).values()];
  const paid = uniq('watched-address-received');
  const cashed = uniq('funds-reached-exchange');
  const orgs = [...new Set(ransom.map((a) => a.org ?? '-'))];
  if (sc.extortion !== null && ransom.length > 0) {
    out(`  extortion address ${sc.extortion.address}, demanded in mail to ${orgs.length} organisations and watched automatically for each:`);
    out(`    ${paid.length} ransom payments, ${satsToBtc(paid.reduce((s2, a) => s2 + a.taintedValue, 0))} BTC; ${cashed.length > 0 ? `cashed out at ${cashed.map((a) => `${a.exchange ?? '?'} (deposit ${a.address ?? '?'})`).join(', ')}` : 'not moved yet'}`);
  }
  const r = (await step({ title: 'trace theft', args: ['trace', sc.theft.txid, '--hops', '100', '--json'] })) as TraceResult;
  for (const x of r.exchanges) {
    const krw = x.fiat.krw === null ? '' : ` (KRW ${x.fiat.krw.toLocaleString('en-US')})`;
    out(`  ${x.name}: ${satsToBtc(x.taintedValue)} BTC${krw} in ${x.deposits.length} deposits — freeze candidates`);
  }
  const peel = r.patterns.find((p) => p.kind === 'peel-chain');
  if (peel !== undefined) out(`  laundering: a peel chain of ${peel.length} transactions, ${r.patterns.filter((p) => p.kind === 'coinjoin').length} CoinJoin-like mix, ${r.patterns.filter((p) => p.kind === 'merge').length} merges with clean coins`);
  out(`  accounted for: ${satsToBtc(r.accounting.exchanges)} BTC at exchanges, ${satsToBtc(r.accounting.unspent)} unspent, ${satsToBtc(r.accounting.fees)} fees`);
}

export interface DemoFindings {
  home: string;
  seed: number;
  scenario: string[];
  steps: { title: string; command: string; result: unknown }[];
}

export function register(program: Command): void {
  program
    .command('demo')
    .description('build the bundled demo scenario into a fresh home and run every capability on it')
    .option('--seed <n>', 'scenario seed (the same seed gives the same scenario)', intOption('--seed', 0), 1)
    .option('--json', 'print every step\'s JSON result')
    .option('--serve', 'then serve the demo (API and dashboard) and print a login for its admin')
    .action(
      action(async (ctx, opts: { seed: number; json?: boolean; serve?: boolean }) => {
        const root = program.opts<{ home?: string }>().home;
        const home = path.resolve(root ?? '.spearwatch-demo');
        freshHome(home);
        const scenario: Scenario = generateScenario({ seed: opts.seed });
        const dir = path.join(home, 'scenario');
        writeScenario(scenario, dir);
        const brands = scenario.partners.flatMap((p) => p.domains);
        fs.writeFileSync(path.join(home, CONFIG_FILE), JSON.stringify({ mail: { partnerBrands: brands } }, null, 2) + '\n');
        const out = (s: string): boolean => opts.json === true || process.stdout.write(s + '\n');
        out(`spearwatch demo — ${home}`);
        for (const line of describeScenario(scenario)) out(`  ${line}`);

        const have = available(program);
        const findings: DemoFindings = { home, seed: opts.seed, scenario: describeScenario(scenario), steps: [] };
        const step = async (s: Step): Promise<unknown> => {
          const result = await runStep(home, s, ctx.log);
          findings.steps.push({ title: s.title, command: `spearwatch ${s.args.join(' ')}`, result });
          return result;
        };

        const orgs = (await step({ title: 'organisations', args: ['org', 'import', path.join(dir, 'orgs.json'), '--json'] })) as { read: number; created: string[] };
        out(`\norganisations: ${orgs.read} imported (${orgs.created.join(', ')})`);

        if (have.has('intel')) {
          const stix = path.join(dir, 'intel', 'lazarus.stix.json');
          const reports = (await step({ title: 'intel import', args: ['intel', 'import', stix, '--json'] })) as IntelImportReport[];
          const r = reports[0];
          if (r !== undefined) out(`intel: ${r.read} STIX objects read from ${path.basename(stix)}: ${r.created} created`);
        }

        if (have.has('scan')) {
          const reports: ScanReport[] = [];
          for (const org of scenario.exchanges) {
            const target = fs.existsSync(path.join(dir, 'mail', org.id)) ? path.join(dir, 'mail', org.id) : path.join(dir, 'mail', `${org.id}.mbox`);
            reports.push(...((await step({ title: `scan ${org.id}`, args: ['scan', target, '--org', org.id, '--offline', '--json'], lines: true })) as ScanReport[]));
          }
          printScanFindings(reports, out);
        }

        if (have.has('campaigns')) {
          const list = (await step({ title: 'campaigns', args: ['campaigns', 'list', '--json'] })) as CampaignListItem[];
          out(`\ncampaigns: ${list.length}`);
          for (const c of list) {
            const one = (await step({ title: `campaign ${c.id}`, args: ['campaigns', 'show', c.id, '--json'] })) as CampaignShow;
            out(`  ${one.id} ${one.name}: ${one.attempts} attempts, ${one.messages} messages, ${one.recipientCount} recipients, ${one.organizationCount} organisations`);
            out(`    ${one.summary}`);
          }
        }
        if (have.has('trace')) await moneyTrail(scenario, dir, step, out);
        if (opts.json === true) printJson(findings);
        if (opts.serve === true) await serveDemo(home, scenario.orgs[0]?.id ?? 'demo', step, ctx);
      }),
    );
}
