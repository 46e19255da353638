/**
 * Attribution: a campaign inherits actors from intel matches on its infrastructure. Each actor's confidence is
 * built from its chain of evidence and is never more than the chain's weakest necessary link: the indicator's
 * own confidence, and the weakest join needed to carry the match from the attempts that used the item to every
 * other attempt of the campaign. Independent chains for one actor: the strongest counts (not summed: two
 * indicators from one feed are not independent witnesses).
 */
import type { Attribution, AttributionEvidence, InfraItem, Join } from './types.js';

/** What attribution needs from intel's matcher (src/intel Matcher satisfies it). */
export interface IntelMatcherLike {
  match(observables: readonly { type: string; value: string }[]): Promise<readonly IntelMatchLike[]>;
}

export interface IntelMatchLike {
  observable: { type: string; value: string };
  indicator: string;
  source: string;
  confidence: number | null;
  tlp: string;
  status: string;
  actors: readonly { name: string; aliases: readonly string[] }[];
  campaigns: readonly { name: string }[];
}

/** Confidence given to an indicator whose source stated none: a coin toss, not a certainty. */
export const DEFAULT_INDICATOR_CONFIDENCE = 50;

const OBSERVABLE_TYPE: Record<string, string> = {
  'ipv4-addr': 'ipv4', 'ipv6-addr': 'ipv6', domain: 'domain', 'url-host': 'domain', 'email-addr': 'email', 'file-sha256': 'sha256', 'btc-address': 'btc-address',
};

export function observablesOf(infra: readonly InfraItem[]): { type: string; value: string }[] {
  const out: { type: string; value: string }[] = [];
  for (const i of infra) {
    const t = OBSERVABLE_TYPE[i.type];
    if (t !== undefined) out.push({ type: t, value: i.value });
  }
  return out;
}

/**
 * The weakest join needed to reach every attempt from the carriers: Kruskal's maximum spanning forest seeded
 * with the carriers as one component; the last join it needs is the bottleneck (100 when carriers are all).
 */
export function weakestJoin(attempts: readonly string[], carriers: readonly string[], joins: readonly Join[]): number {
  const parent = new Map(attempts.map((a) => [a, a]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r && parent.get(r) !== undefined) r = parent.get(r)!;
    return r;
  };
  let components = attempts.length;
  const union = (a: string, b: string): boolean => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb || !parent.has(ra) || !parent.has(rb)) return false;
    parent.set(rb, ra);
    components--;
    return true;
  };
  for (let i = 1; i < carriers.length; i++) union(carriers[0]!, carriers[i]!);
  if (components <= 1) return 100;
  let weakest = 100;
  for (const j of [...joins].sort((x, y) => y.confidence - x.confidence)) {
    if (union(j.a, j.b)) {
      weakest = Math.min(weakest, j.confidence);
      if (components <= 1) return weakest;
    }
  }
  return 0;
}

export async function attribute(
  campaign: { attempts: readonly { id: string }[]; joins: readonly Join[]; infrastructure: readonly InfraItem[] },
  matcher: IntelMatcherLike,
): Promise<Attribution[]> {
  const infra = campaign.infrastructure;
  const obs = observablesOf(infra);
  if (obs.length === 0) return [];
  const matches = await matcher.match(obs);
  const ids = campaign.attempts.map((a) => a.id);
  const byActor = new Map<string, Attribution>();
  for (const m of matches) {
    if (m.status !== 'active' || m.actors.length === 0) continue;
    const item = infra.find((i) => OBSERVABLE_TYPE[i.type] === m.observable.type && i.value === m.observable.value);
    if (item === undefined) continue;
    const indicatorConfidence = m.confidence ?? DEFAULT_INDICATOR_CONFIDENCE;
    const joinStrength = weakestJoin(ids, item.attempts, campaign.joins);
    const chain = Math.min(indicatorConfidence, joinStrength);
    for (const actor of m.actors) {
      const evidence: AttributionEvidence = {
        type: item.type, value: item.value, indicator: m.indicator, source: m.source, indicatorConfidence, tlp: m.tlp,
        intelCampaigns: m.campaigns.map((c) => c.name), weakestJoin: joinStrength,
        detail: `${item.value} (used by ${item.attempts.length} of ${ids.length} attempts) matches intel indicator ${m.indicator} from ${m.source} ` +
          `(confidence ${indicatorConfidence}, TLP:${m.tlp.toUpperCase()}), linked to ${actor.name}${m.campaigns.length > 0 ? ` via ${m.campaigns.map((c) => c.name).join(', ')}` : ''}` +
          (joinStrength < 100 ? `; the weakest join reaching the other attempts has confidence ${joinStrength}` : ''),
      };
      const a = byActor.get(actor.name) ?? { actor: actor.name, aliases: [...actor.aliases], confidence: 0, evidence: [] };
      a.confidence = Math.max(a.confidence, chain);
      if (!a.evidence.some((e) => e.value === evidence.value && e.indicator === evidence.indicator && e.source === evidence.source)) a.evidence.push(evidence);
      byActor.set(actor.name, a);
    }
  }
  const out = [...byActor.values()];
  for (const a of out) a.evidence.sort((x, y) => Math.min(y.indicatorConfidence, y.weakestJoin) - Math.min(x.indicatorConfidence, x.weakestJoin) || (x.value < y.value ? -1 : 1));
  return out.sort((x, y) => y.confidence - x.confidence || (x.actor < y.actor ? -1 : 1));
}
