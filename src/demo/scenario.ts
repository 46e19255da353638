/** Assembles a whole scenario from a seed: organisations, benign mail, campaigns, intel and ground truth. */
import { Rng } from './rng.js';
import { SpearwatchError } from '../core/index.js';
import type { MessageKind, Scenario, ScenarioMessage, ScenarioOptions } from './types.js';
import { generateOrgs, generatePartners, orgsImportJson } from './orgs.js';
import { deliver, renderOrigin, type DeliveredCopy } from './envelope.js';
import { freeMailProviders, services, urlShorteners } from './data/services.js';
import { attackerIp } from './net.js';
import { generateBenign, type GenContext } from './benign/index.js';
import { generateSpearCampaign } from './spear.js';
import { generateExtortion, generateMassPhishing, generateUnrelatedCampaign } from './commodity.js';
import type { CampaignBuild } from './campaign.js';
import { buildStixBundle, LAZARUS } from './stix.js';
import { placeCopies } from './layout.js';
import { buildTruth } from './truth.js';
import { DEMO_LIMITS } from './limits.js';

export const DEFAULT_START = '2026-07-01T00:00:00.000Z';
export const DEFAULT_BENIGN = 320;

function checkOptions(opts: ScenarioOptions): void {
  const bad = (msg: string): never => { throw new SpearwatchError('SW_USAGE', `generateScenario: ${msg}`); };
  if (!Number.isSafeInteger(opts.seed)) bad(`seed must be a safe integer, got ${String(opts.seed)}`);
  if (opts.start !== undefined && Number.isNaN(Date.parse(opts.start))) bad(`start is not an ISO date: ${opts.start}`);
  const b = opts.benignCount;
  if (b !== undefined && (!Number.isInteger(b) || b < 0 || b > DEMO_LIMITS.maxBenign)) bad(`benignCount must be 0..${DEMO_LIMITS.maxBenign}`);
  const n = opts.noise ?? {};
  if (n.extraAttempts !== undefined && (!Number.isInteger(n.extraAttempts) || n.extraAttempts < 0 || n.extraAttempts > DEMO_LIMITS.maxExtraAttempts)) bad(`noise.extraAttempts must be 0..${DEMO_LIMITS.maxExtraAttempts}`);
  if (n.massMailings !== undefined && (!Number.isInteger(n.massMailings) || n.massMailings < 0 || n.massMailings > DEMO_LIMITS.maxMassMailings)) bad(`noise.massMailings must be 0..${DEMO_LIMITS.maxMassMailings}`);
  if (n.campaignDays !== undefined && (!Number.isInteger(n.campaignDays) || n.campaignDays < 14 || n.campaignDays > 365)) bad('noise.campaignDays must be 14..365');
}

export function generateScenario(opts: ScenarioOptions): Scenario {
  checkOptions(opts);
  const noise = opts.noise ?? {};
  const root = new Rng(opts.seed);
  const start = new Date(opts.start ?? DEFAULT_START);
  const days = noise.campaignDays ?? 56;
  const attempts = 12 + (noise.extraAttempts ?? 0);
  const end = new Date(start.getTime() + (days + 7) * 86400000);
  const orgs = generateOrgs(root.fork('orgs'));
  const partners = generatePartners(root.fork('partners'));
  const infraRng = root.fork('infra');
  const ip = attackerIp(infraRng);
  const svcRng = root.fork('services');
  const chosen = services.filter((s) => s.kind === 'calendar' || svcRng.chance(0.75));
  const ctx: GenContext = {
    orgs, partners, start, end, services: chosen, prefixes: new Map(),
    freeMail: infraRng.pick(freeMailProviders), shortener: infraRng.pick(urlShorteners),
  };
  const builds: CampaignBuild[] = [generateSpearCampaign(ctx, { attempts: Math.min(attempts, days), days, ip, actor: LAZARUS }, root.fork('spear'))];
  builds.push(generateUnrelatedCampaign(ctx, 'unrelated-1', 0, root.fork('unrelated-1')));
  if (noise.extraUnrelatedCampaign === true) builds.push(generateUnrelatedCampaign(ctx, 'unrelated-2', 1, root.fork('unrelated-2')));
  const mass = noise.massMailings ?? 2;
  for (let i = 0; i < mass; i++) builds.push(generateMassPhishing(ctx, i, root.fork(`mass-${i}`)));
  const extortion = generateExtortion(ctx, root.fork('extortion'));
  builds.push(extortion.build);
  const benign = generateBenign(ctx, opts.benignCount ?? DEFAULT_BENIGN, root.fork('benign'));

  const copies: DeliveredCopy[] = [];
  const deliverRng = root.fork('deliver');
  for (const m of [...benign, ...builds.flatMap((b) => b.mailings)]) {
    const origin = renderOrigin(m, deliverRng.fork(`origin:${m.messageId}`));
    for (const rcpt of m.deliverTo) {
      const org = orgs.find((o) => o.id === rcpt.orgId);
      if (org === undefined) continue;
      copies.push(deliver(m, origin, rcpt, org, deliverRng.fork(`copy:${m.messageId}:${rcpt.address}`)));
    }
  }
  copies.sort((a, b) => a.mailing.date.getTime() - b.mailing.date.getTime() || (a.recipient.address < b.recipient.address ? -1 : a.recipient.address > b.recipient.address ? 1 : 0));
  const messages: ScenarioMessage[] = placeCopies(copies, orgs, root.fork('layout'));
  const stix = buildStixBundle(root.fork('stix'), ip, start);
  const truth = buildTruth({ seed: opts.seed, start, end, ip, actor: LAZARUS, messages, builds, btcAddress: extortion.btcAddress });
  return { seed: opts.seed, start: start.toISOString(), orgs: orgsImportJson(orgs), exchanges: orgs, partners, messages, stix, truth };
}

/** Raw messages one by one, as an evaluator feeds them to the scanner (bytes exactly as written to disk). */
export function* iterateMessages(scenario: Scenario, kinds?: readonly MessageKind[]): Generator<{ id: string; file: string; index: number; raw: Buffer }> {
  for (const m of scenario.messages) {
    if (kinds === undefined || kinds.includes(m.kind)) yield { id: m.id, file: m.file, index: m.index, raw: m.raw };
  }
}
