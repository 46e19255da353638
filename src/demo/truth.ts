/** Ground truth: per message and per campaign, computed from what was actually delivered. */
import type { AttemptTruth, CampaignTruth, MessageKind, ScenarioMessage, ScenarioTruth } from './types.js';
import type { CampaignBuild } from './campaign.js';

const uniq = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

function monthYear(iso: string): string {
  return new Date(iso).toLocaleDateString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

function campaignTruth(b: CampaignBuild, messages: readonly ScenarioMessage[], actor: string): CampaignTruth {
  const mine = messages.filter((m) => m.campaignId === b.id);
  const attempts: AttemptTruth[] = b.attempts.map((a) => {
    const copies = mine.filter((m) => m.attemptId === a.id);
    const dates = copies.map((m) => m.date).sort();
    return {
      ...a,
      firstSeen: dates[0] ?? '',
      lastSeen: dates[dates.length - 1] ?? '',
      recipients: uniq(copies.map((m) => m.deliveredTo)).sort(),
      organizations: uniq(copies.map((m) => m.orgId)).sort(),
      messageIds: uniq(copies.map((m) => m.messageId)),
      messages: copies.map((m) => m.id),
    };
  }).sort((x, y) => (x.firstSeen < y.firstSeen ? -1 : 1));
  const dates = mine.map((m) => m.date).sort();
  const recipients = uniq(mine.map((m) => m.deliveredTo)).sort();
  const organizations = uniq(mine.map((m) => m.orgId)).sort();
  const firstSeen = dates[0] ?? '';
  const summary = b.kind === 'spear-phishing'
    ? `Since ${monthYear(firstSeen)}, ${recipients.length} employees at ${organizations.length} exchanges received ${attempts.length} separate phishing attempts, all sent from the same IP address ${b.sourceIps[0] ?? ''}, which threat intelligence links to ${actor}.`
    : `${b.name}: ${attempts.length} attempt${attempts.length === 1 ? '' : 's'} to ${recipients.length} employees at ${organizations.length} exchange${organizations.length === 1 ? '' : 's'}; unattributed.`;
  return {
    id: b.id, name: b.name, kind: b.kind, attempts, messageCount: mine.length, recipients, organizations,
    sourceIps: b.sourceIps, firstSeen, lastSeen: dates[dates.length - 1] ?? '', infrastructure: b.infrastructure,
    sharedWithOtherCampaigns: [], attribution: b.attribution, summary,
  };
}

export function buildTruth(p: {
  seed: number; start: Date; end: Date; ip: string; actor: { name: string; aliases: string[] };
  messages: readonly ScenarioMessage[]; builds: readonly CampaignBuild[]; btcAddress: string;
}): ScenarioTruth {
  const campaigns = p.builds.map((b) => campaignTruth(b, p.messages, p.actor.name));
  for (const c of campaigns) {
    for (const other of campaigns) {
      if (other.id === c.id) continue;
      for (const inf of c.infrastructure) {
        if (other.infrastructure.some((o) => o.type === inf.type && o.value === inf.value)) {
          c.sharedWithOtherCampaigns.push({ campaignId: other.id, type: inf.type, value: inf.value });
        }
      }
    }
  }
  const kinds: MessageKind[] = ['benign', 'spear-phishing', 'unrelated-campaign', 'mass-phishing', 'extortion'];
  const counts = Object.fromEntries(kinds.map((k) => [k, p.messages.filter((m) => m.kind === k).length])) as Record<MessageKind, number>;
  return {
    seed: p.seed, start: p.start.toISOString(), end: p.end.toISOString(), attackerIp: p.ip, actor: p.actor,
    counts: { ...counts, total: p.messages.length },
    campaigns,
    extortionBtcAddress: p.btcAddress,
    messages: p.messages.map(({ raw: _raw, ...rest }) => rest),
  };
}
