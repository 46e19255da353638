import { latin1, shorten } from './bytes.js';
import type { Scan } from './scan.js';

/**
 * RTF: embedded OLE objects (\object with \objdata) deliver Equation Editor exploits (CVE-2017-11882,
 * CVE-2018-0802) and auto-updating links (\objupdate) fetch remote content without a click.
 */
export function analyzeRtf(s: Scan, b: Uint8Array): void {
  const t = latin1(b, 0, s.budget.limits.maxScanBytes);
  const objdata = /\\objdata\b/i.test(t);
  const objupdate = /\\objupdate\b/i.test(t);
  // The class also sits in the OLE1 header inside \objdata (hex), where lures keep it after dropping \objclass.
  const hexHead = /\\objdata\b[\s{}]*((?:[0-9a-fA-F]\s*){16,400})/i.exec(t)?.[1]?.replace(/\s+/g, '') ?? '';
  const embedded = /([A-Za-z][A-Za-z0-9.]{2,40})\u0000/.exec(Buffer.from(hexHead.length % 2 === 0 ? hexHead : hexHead.slice(0, -1), 'hex').toString('latin1'))?.[1] ?? null;
  const cls = /\\objclass\s+([^\\}\s]{1,64})/i.exec(t)?.[1] ?? embedded;
  if (objdata || objupdate) {
    const equation = cls !== null && /equation/i.test(cls);
    r(s, equation ? 'critical' : 'high', `RTF embeds an OLE object${cls !== null ? ` (${cls})` : ''}${objupdate ? ' that updates automatically' : ''}.`,
      shorten([objdata && '\\objdata', objupdate && '\\objupdate', cls].filter(Boolean).join(' ')));
  }
  for (const u of t.match(/HYPERLINK\s+"(https?:\/\/[^"]{3,300})"/gi) ?? []) s.budget.addUrl(u.replace(/^HYPERLINK\s+"|"$/gi, ''));
  if (/\\field[^]{0,200}\\fldinst[^]{0,50}\bDDE(AUTO)?\b/i.test(t)) s.report.find('dde', 'high', 'RTF has a DDE field that runs a command.', 'fldinst DDE');
}

function r(s: Scan, severity: 'high' | 'critical', detail: string, evidence: string): void {
  s.report.find('rtf-object', severity, detail, evidence);
}
