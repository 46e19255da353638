import type { Attribution, CampaignView } from './types.js';

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

function month(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/**
 * One plain sentence in the shape of the police statement: "Since July 2026, 25 employees at 4 exchanges received
 * 12 separate phishing attempts, all sent from the same IP address 175.45.178.12, which threat intelligence links
 * to Lazarus Group." Only what the reader may see goes in (a view as one organisation passes its own view).
 */
export function summarise(v: CampaignView, attribution: readonly Attribution[]): string {
  const who = `${plural(v.recipientCount, 'employee', 'employees')} at ${plural(v.organizationCount, 'exchange', 'exchanges')}`;
  const what = v.attempts === 1 ? '1 phishing attempt' : `${v.attempts} separate phishing attempts`;
  const ips = v.infrastructure.filter((i) => i.type === 'ipv4-addr' || i.type === 'ipv6-addr');
  const top = ips[0];
  const shared = v.infrastructure.find((i) => i.attempts.length > 1);
  let how = '';
  if (top !== undefined && v.attempts > 1 && top.attempts.length === v.attempts) how = `, all sent from the same IP address ${top.value}`;
  else if (top !== undefined && v.attempts > 1 && top.attempts.length > 1) how = `, ${top.attempts.length} of them sent from the same IP address ${top.value}`;
  else if (shared !== undefined && v.attempts > 1) how = `, linked by shared infrastructure (${shared.type} ${shared.value})`;
  else if (ips.length === 1 && top !== undefined) how = `, sent from the IP address ${top.value}`;
  else if (ips.length > 1) how = `, sent from ${ips.length} different IP addresses`;
  const actors = attribution.filter((a) => a.confidence > 0);
  const intel = actors.length === 0 ? '; no threat-intelligence attribution'
    : `, which threat intelligence links to ${actors.map((a) => `${a.actor} (confidence ${a.confidence})`).join(' and ')}`;
  return `Since ${month(v.firstSeen)}, ${who} received ${what}${how}${intel}.`;
}
