import type { MessageReport } from '../types.js';

/** Rows for the readable table (one per message). */
export function tableRow(r: MessageReport): string[] {
  const where = r.index > 0 || r.file.endsWith('.mbox') ? `${r.file}#${r.index}` : r.file;
  return [where, r.verdict, String(r.score), r.from.address ?? '-', r.subject ?? '-', r.originatingIp ?? '-'];
}

export const TABLE_HEADERS = ['FILE', 'VERDICT', 'SCORE', 'FROM', 'SUBJECT', 'ORIGIN IP'];

/** The reasons block printed under the table for every message that is not clean. */
export function reasons(r: MessageReport): string {
  const lines = [`${r.file}${r.index > 0 ? `#${r.index}` : ''}: ${r.verdict} (${r.score}) — ${r.subject ?? '(no subject)'}`];
  for (const s of r.signals) {
    if (s.severity === 'info') continue;
    lines.push(`  [${s.severity}] ${s.id}: ${s.detail}${s.evidence !== '' ? ` — ${s.evidence.slice(0, 160)}` : ''}`);
  }
  return lines.join('\n');
}
