import type { Signal, Verdict } from './types.js';
import { ruleFor, THRESHOLDS } from './rules.js';

/** Score and verdict from the signals: each distinct rule counts once, the sum is capped at 100. */
export function score(signals: Signal[]): { score: number; verdict: Verdict } {
  const fired = new Map<string, number>();
  for (const s of signals) {
    const rule = ruleFor(s.id, s.severity);
    if (rule === undefined) continue;
    const key = s.id.startsWith('attachment.') ? `attachment.${s.severity}` : s.id;
    fired.set(key, rule.weight);
  }
  let total = 0;
  for (const w of fired.values()) total += w;
  const sc = Math.min(100, total);
  const verdict: Verdict = sc >= THRESHOLDS.malicious ? 'malicious' : sc >= THRESHOLDS.suspicious ? 'suspicious' : 'clean';
  return { score: sc, verdict };
}

/** A signal priced by its rule: severity comes from the rule so the rules file stays the single source. */
export function signal(id: string, detail: string, evidence: string, severity?: Signal['severity']): Signal {
  const rule = ruleFor(id, severity ?? 'info');
  return { id, severity: severity ?? rule?.severity ?? 'info', detail, evidence: evidence.slice(0, 500) };
}
