/** A few plain lines describing a scenario, for `spearwatch demo` to print before it runs the capabilities. */
import type { Scenario } from './types.js';

export function describeScenario(s: Scenario): string[] {
  const c = s.truth.counts;
  const spear = s.truth.campaigns.find((x) => x.kind === 'spear-phishing');
  const lines = [
    `seed ${s.seed}: ${s.exchanges.length} exchanges (${s.exchanges.map((o) => `${o.name} ${o.domains[0] ?? ''}, ${o.staff.length} staff`).join('; ')})`,
    `${c.total} delivered messages: ${c.benign} benign, ${c['spear-phishing']} spear-phishing, ${c['unrelated-campaign']} unrelated campaign, ${c['mass-phishing']} mass phishing, ${c.extortion} extortion`,
    `partners: ${s.partners.map((p) => `${p.name} (${p.domains.join(', ')})`).join('; ')}`,
  ];
  if (spear !== undefined) lines.push(`ground truth: ${spear.summary}`);
  return lines;
}
