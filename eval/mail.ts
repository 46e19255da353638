import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeMessage, DEFAULT_BRANDS, type AnalysisContext, type Brand, type MessageReport, type OrgLike } from '../src/mail/index.js';
import { intake } from '../src/mail/intake/walk.js';
import { sharedDir } from '../bench/harness.js';

/**
 * `npm run eval -- mail`: detection rates on ../shared (phishing-pot, spamassassin ham easy + hard) and on the
 * demo scenario. Each corpus is split into a development half and a held-out half (see `halfOf`); the signals
 * behind every development-half false positive and miss are printed so rules can be judged on evidence, and the
 * held-out half is the headline figure. Offline, default rules, no organisation context for the public corpora
 * (their recipients are not registered organisations), the default partner brands.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHARED = sharedDir() ?? path.resolve(ROOT, '..', 'shared');

interface Rates { total: number; suspicious: number; malicious: number; flaggedRate: number; suspiciousRate: number; maliciousRate: number }

async function scanFolder(dir: string, ctx: AnalysisContext): Promise<MessageReport[]> {
  const out: MessageReport[] = [];
  for await (const item of intake([dir])) {
    if (item.bytes === null) continue;
    if (path.basename(item.file) === 'LICENSE' || item.file.endsWith('NOTICE')) continue;
    out.push(await analyzeMessage(item.bytes, { ...ctx, source: { file: item.file, index: item.index } }));
  }
  return out;
}

function rates(reports: MessageReport[]): Rates {
  const suspicious = reports.filter((r) => r.verdict === 'suspicious').length;
  const malicious = reports.filter((r) => r.verdict === 'malicious').length;
  const total = reports.length;
  const pct = (n: number): number => (total === 0 ? 0 : Math.round((n / total) * 10000) / 100);
  return { total, suspicious, malicious, flaggedRate: pct(suspicious + malicious), suspiciousRate: pct(suspicious), maliciousRate: pct(malicious) };
}

function explain(r: MessageReport): string {
  return `  ${path.basename(r.file)}#${r.index} ${r.verdict} ${r.score}: ${r.signals.filter((s) => s.severity !== 'info').map((s) => `${s.id} [${s.evidence.slice(0, 70)}]`).join('; ') || '(no signals)'}`;
}

interface DemoApi {
  generateScenario(o: { seed: number }): {
    orgs: OrgLike[];
    partners: Brand[];
    messages: { id: string; kind: string; file: string; index: number; raw: Buffer; acceptableVerdicts: string[]; expectedVerdict: string }[];
  };
}

/** The demo scenario (three seeds): every campaign message must get an acceptable verdict, every benign one clean. */
export async function demoFigures(): Promise<Record<string, unknown>> {
  const demoIndex = path.join(ROOT, 'dist', 'src', 'demo', 'index.js');
  if (!fs.existsSync(demoIndex)) return { skipped: 'src/demo/index.ts is not there yet' };
  const demo = (await import(demoIndex)) as DemoApi;
  const out: Record<string, unknown> = {};
  for (const seed of [1, 2, 3]) {
    const sc = demo.generateScenario({ seed });
    const orgs: OrgLike[] = sc.orgs.map((o) => ({ id: o.id, name: o.name, domains: o.domains, authservId: o.authservId, trustedRelays: o.trustedRelays }));
    const ctx: AnalysisContext = { orgs, partnerBrands: [...DEFAULT_BRANDS, ...sc.partners], authMode: 'offline' };
    let benign = 0, benignClean = 0, attack = 0, attackOk = 0, attackMalicious = 0;
    const wrong: string[] = [];
    for (const m of sc.messages) {
      const r = await analyzeMessage(m.raw, { ...ctx, source: { file: m.file, index: m.index } });
      if (m.kind === 'benign') {
        benign++;
        if (r.verdict === 'clean') benignClean++;
        else wrong.push(`FP ${m.id} ${m.kind}: ${explain(r)}`);
      } else {
        attack++;
        if (r.verdict === 'malicious') attackMalicious++;
        if (m.acceptableVerdicts.includes(r.verdict)) attackOk++;
        else wrong.push(`MISS ${m.id} ${m.kind} wanted ${m.expectedVerdict}: ${explain(r)}`);
      }
    }
    for (const w of wrong.slice(0, 40)) console.error(`demo seed ${seed} ${w}`);
    out[`seed${seed}`] = { benign, benignClean, attack, attackAcceptable: attackOk, attackMalicious };
  }
  return out;
}

/**
 * The honest split. Every corpus message falls in the development half or the held-out half by the first hex
 * digit of the SHA-256 of its bytes (0–7 development, 8–f held-out): deterministic, independent of file names and
 * order, and exact duplicates always land in the same half. Rules are designed by looking at development-half
 * misses and false positives only; the held-out half is the headline figure. Its misses and false positives are
 * counted but not printed unless SPEARWATCH_EVAL_SHOW_HELDOUT=1 (for a final read, never for tuning).
 */
export type Half = 'development' | 'heldOut';
export function halfOf(sha256: string): Half {
  return parseInt(sha256.charAt(0), 16) < 8 ? 'development' : 'heldOut';
}

const SPLIT = 'SHA-256 of the message bytes: first hex digit 0-7 = development (rules designed on it), 8-f = held-out (headline)';

interface HalfFigures { phishingPot: Rates; phishingPotWithoutAnonymisedFrom: Rates; easyHam: Rates; hardHam: Rates; ham: Rates }

function figures(phish: MessageReport[], easyR: MessageReport[], hardR: MessageReport[]): HalfFigures {
  return {
    phishingPot: rates(phish),
    // the corpus anonymised the forwarding honeypot's own address to `phishing@pot`, a domain that cannot exist and
    // so trips sender.malformed-from; this figure leaves those forwards out so the artefact earns nothing
    phishingPotWithoutAnonymisedFrom: rates(phish.filter((r) => r.from.address !== 'phishing@pot')),
    easyHam: rates(easyR),
    hardHam: rates(hardR),
    ham: rates([...easyR, ...hardR]),
  };
}

function line(name: string, f: HalfFigures): string {
  return `${name}: phishing-pot flagged ${f.phishingPot.flaggedRate}% (${f.phishingPot.total}); ham suspicious ${f.ham.suspiciousRate}% malicious ${f.ham.maliciousRate}% of ${f.ham.total} (easy ${f.easyHam.flaggedRate}%, hard ${f.hardHam.flaggedRate}%)`;
}

export async function run(): Promise<Record<string, unknown>> {
  const pot = path.join(SHARED, 'corpus', 'phishing-pot');
  const easy = path.join(SHARED, 'corpus', 'spamassassin-ham', 'easy-ham-1');
  const hard = path.join(SHARED, 'corpus', 'spamassassin-ham', 'hard-ham-1');
  if (!fs.existsSync(pot) || !fs.existsSync(easy)) {
    console.error(`mail eval: ../shared corpora not found at ${SHARED}; nothing to evaluate`);
    return { skipped: `missing ${SHARED}/corpus` };
  }
  const ctx: AnalysisContext = { orgs: [], partnerBrands: DEFAULT_BRANDS, authMode: 'offline' };
  const phish = await scanFolder(pot, ctx);
  const easyR = await scanFolder(easy, ctx);
  const hardR = await scanFolder(hard, ctx);
  const ham = [...easyR, ...hardR];
  const dev = (l: MessageReport[]): MessageReport[] => l.filter((r) => halfOf(r.sha256) === 'development');
  const held = (l: MessageReport[]): MessageReport[] => l.filter((r) => halfOf(r.sha256) === 'heldOut');
  const showHeld = process.env.SPEARWATCH_EVAL_SHOW_HELDOUT === '1';
  for (const [name, pick] of [['development', dev], ['held-out', held]] as const) {
    const misses = pick(phish).filter((r) => r.verdict === 'clean');
    const fps = pick(ham).filter((r) => r.verdict !== 'clean');
    if (name === 'held-out' && !showHeld) {
      console.error(`\n${name} half: ${fps.length} false positives on ham, ${misses.length} missed phishing (not printed: SPEARWATCH_EVAL_SHOW_HELDOUT=1 shows them)`);
      continue;
    }
    console.error(`\nFalse positives on ham, ${name} half (${fps.length}):`);
    for (const r of fps) console.error(explain(r));
    console.error(`\nMissed phishing, ${name} half (${misses.length}):`);
    for (const r of misses.slice(0, Number(process.env.SPEARWATCH_EVAL_SHOW ?? 400))) console.error(explain(r));
  }
  const signalCounts: Record<string, { phish: number; ham: number }> = {};
  for (const [set, list] of [['phish', dev(phish)], ['ham', dev(ham)]] as const) {
    for (const r of list) for (const id of new Set(r.signals.map((s) => s.id))) (signalCounts[id] ??= { phish: 0, ham: 0 })[set]++;
  }
  const development = figures(dev(phish), dev(easyR), dev(hardR));
  const heldOut = figures(held(phish), held(easyR), held(hardR));
  const all = figures(phish, easyR, hardR);
  const result = {
    split: SPLIT,
    headline: {
      half: 'heldOut',
      phishingFlaggedRate: heldOut.phishingPot.flaggedRate,
      hamSuspiciousRate: heldOut.ham.suspiciousRate,
      hamMaliciousRate: heldOut.ham.maliciousRate,
    },
    heldOut,
    development,
    // both halves together, for comparison with figures measured before the split
    all,
    demo: await demoFigures(),
    // counted on the development half only
    signalCountsDevelopment: signalCounts,
    targets: { phishingFlaggedMin: 90, hamSuspiciousMax: 0.5, hamMaliciousMax: 0.1 },
  };
  console.error(`\nsplit: ${SPLIT}`);
  console.error(line('development', development));
  console.error(line('held-out (headline)', heldOut));
  console.error(line('all', all));
  return result;
}
