import type { Queryable } from '../store/index.js';
import { loadDetails } from './match/details.js';
import type { Tlp } from './tlp.js';

/**
 * Bitcoin-address indicators seen as address tags, for the money trail: a GraphSense TagPack tag, an OFAC
 * listing or a STIX `bitcoin-addr` indicator each becomes `{ label, category, actor, source }`. The category is
 * read from the indicator's labels (TagPack `category` and `abuse`, OFAC's `sanctioned`), strongest first, so an
 * exchange stays an exchange even when it is also sanctioned.
 */
export interface BtcTag {
  /** The address as stored (canonical: base58 as given, bech32 lower case). */
  address: string;
  label: string;
  category: string;
  /** Every label of the indicator, lower case, for callers that want more than the one category. */
  labels: string[];
  actor: string | null;
  source: string;
  confidence: number | null;
  tlp: Tlp;
  status: 'active' | 'expired';
}

const CATEGORY_ORDER: [RegExp, string][] = [
  [/^(exchange|exchanges|crypto-?exchange)$/, 'exchange'],
  [/^(mixing[_ -]?service|mixer|mixing|tumbler)$/, 'mixer'],
  [/^(sanction|sanctions|sanctioned|ofac)$/, 'sanctioned'],
  [/^ransomware$/, 'ransomware'],
  [/^(sextortion|extortion)$/, 'extortion'],
  [/^(hack|theft|stolen|stolen[_ -]funds)$/, 'theft'],
  [/^(darknet[_ -]?market|market)$/, 'market'],
];

/** The one category a tag is listed under, from its labels. */
export function tagCategory(labels: readonly string[], hasActor: boolean): string {
  const l = labels.map((x) => x.trim().toLowerCase()).filter((x) => x !== '');
  for (const [re, cat] of CATEGORY_ORDER) if (l.some((x) => re.test(x))) return cat;
  const first = l.find((x) => x !== 'malicious-activity' && x !== 'user' && x !== 'unknown');
  if (first !== undefined) return first.replace(/[_\s]+/g, '-');
  return hasActor ? 'actor' : (l[0] ?? 'unknown');
}

function parseLabels(text: string): string[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

const CHUNK = 500;

/**
 * Tags for addresses (canonical strings), from every live bitcoin-address indicator. Revoked indicators are left
 * out; expired ones are kept and marked (an exchange's old deposit address is still that exchange's).
 */
export async function btcAddressTags(q: Queryable, addresses: readonly string[], now: Date = new Date()): Promise<Map<string, BtcTag[]>> {
  const out = new Map<string, BtcTag[]>();
  const uniq = [...new Set(addresses)];
  for (let i = 0; i < uniq.length; i += CHUNK) {
    const part = uniq.slice(i, i + CHUNK);
    const rows = await q.all<{ value: string; id: number; name: string | null; labels: string; source: string; confidence: number | null; tlp: Tlp; valid_until: string | null }>(
      `SELECT v.value, i.id, i.name, i.labels, i.source, i.confidence, i.tlp, i.valid_until
       FROM intel_indicator_values v JOIN intel_indicators i ON i.id = v.indicator_id
       WHERE v.type = 'btc-address' AND i.revoked = 0 AND v.value IN (${part.map(() => '?').join(',')})
       ORDER BY v.value, i.source, i.id`, part,
    );
    if (rows.length === 0) continue;
    const details = await loadDetails(q, rows.map((r) => Number(r.id)));
    for (const r of rows) {
      const d = details.get(Number(r.id));
      const actor = d?.actors[0]?.name ?? null;
      const labels = parseLabels(r.labels).map((x) => x.toLowerCase());
      const tag: BtcTag = {
        address: r.value, label: r.name ?? actor ?? r.source, category: tagCategory(labels, actor !== null), labels, actor,
        source: r.source, confidence: r.confidence === null ? null : Number(r.confidence), tlp: r.tlp,
        status: r.valid_until !== null && r.valid_until < now.toISOString() ? 'expired' : 'active',
      };
      const list = out.get(r.value) ?? [];
      list.push(tag);
      out.set(r.value, list);
    }
  }
  return out;
}

/** Every address any bitcoin-address indicator names (revoked ones included: the caller filters by tag). */
export async function btcAddressValues(q: Queryable): Promise<string[]> {
  const rows = await q.all<{ value: string }>("SELECT DISTINCT value FROM intel_indicator_values WHERE type = 'btc-address'");
  return rows.map((r) => r.value);
}

/** Changes whenever bitcoin-address indicators are added, re-imported, revoked or removed. */
export async function btcIntelFingerprint(q: Queryable): Promise<string> {
  const r = await q.get<{ n: number; m: string | null; i: string | null }>(
    `SELECT count(*) AS n, max(i.modified) AS m, max(i.imported_at) AS i FROM intel_indicator_values v JOIN intel_indicators i ON i.id = v.indicator_id
     WHERE v.type = 'btc-address'`,
  );
  return `${Number(r?.n ?? 0)}|${r?.m ?? ''}|${r?.i ?? ''}`;
}
