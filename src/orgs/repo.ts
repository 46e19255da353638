import { isoNow, SpearwatchError, type Clock } from '../core/index.js';
import type { Queryable } from '../store/index.js';
import type { Organization, OrgUpsertReport } from './types.js';

interface OrgRow {
  id: string;
  name: string;
  authserv_id: string | null;
  trusted_relays: string;
}

async function hydrate(q: Queryable, rows: OrgRow[]): Promise<Organization[]> {
  if (rows.length === 0) return [];
  const domains = await q.all<{ org_id: string; domain: string }>(
    `SELECT org_id, domain FROM organization_domains WHERE org_id IN (${rows.map(() => '?').join(', ')}) ORDER BY org_id, position`,
    rows.map((r) => r.id),
  );
  const byOrg = new Map<string, string[]>();
  for (const d of domains) {
    const list = byOrg.get(d.org_id) ?? [];
    list.push(d.domain);
    byOrg.set(d.org_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    domains: byOrg.get(r.id) ?? [],
    authservId: r.authserv_id,
    trustedRelays: JSON.parse(r.trusted_relays) as string[],
  }));
}

export async function listOrgs(q: Queryable): Promise<Organization[]> {
  return hydrate(q, await q.all<OrgRow>('SELECT id, name, authserv_id, trusted_relays FROM organizations ORDER BY id'));
}

export async function getOrg(q: Queryable, id: string): Promise<Organization | undefined> {
  const rows = await q.all<OrgRow>('SELECT id, name, authserv_id, trusted_relays FROM organizations WHERE id = ?', [id]);
  return (await hydrate(q, rows))[0];
}

/** getOrg that fails with SW_NOT_FOUND, for commands that name an organisation. */
export async function requireOrg(q: Queryable, id: string): Promise<Organization> {
  const org = await getOrg(q, id);
  if (org === undefined) throw new SpearwatchError('SW_NOT_FOUND', `no organisation "${id}" (see spearwatch org list)`);
  return org;
}

/**
 * The organisation owning a domain: the domain itself or its closest registered parent
 * (`mail.hanbitex.co.kr` → the org that registered `hanbitex.co.kr`).
 */
export async function findOrgByDomain(q: Queryable, domain: string): Promise<Organization | undefined> {
  const labels = domain.toLowerCase().replace(/\.$/, '').split('.');
  const candidates: string[] = [];
  for (let i = 0; i < labels.length - 1; i++) candidates.push(labels.slice(i).join('.'));
  if (candidates.length === 0) return undefined;
  const rows = await q.all<{ org_id: string; domain: string }>(
    `SELECT org_id, domain FROM organization_domains WHERE domain IN (${candidates.map(() => '?').join(', ')})`,
    candidates,
  );
  rows.sort((a, b) => b.domain.length - a.domain.length);
  const best = rows[0];
  return best === undefined ? undefined : getOrg(q, best.org_id);
}

function same(a: Organization, b: Organization): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Create or replace organisations, all or nothing. Idempotent: re-importing the same list changes nothing.
 * A domain owned by another organisation that this list does not also move is a conflict.
 */
export async function upsertOrgs(q: Queryable, orgs: readonly Organization[], clock?: Clock): Promise<OrgUpsertReport> {
  const now = isoNow(clock);
  const report: OrgUpsertReport = { created: [], updated: [], unchanged: [] };
  const ids = new Set(orgs.map((o) => o.id));
  for (const org of orgs) {
    const existing = await getOrg(q, org.id);
    if (existing !== undefined && same(existing, org)) {
      report.unchanged.push(org.id);
      continue;
    }
    for (const d of org.domains) {
      const owner = await q.get<{ org_id: string }>('SELECT org_id FROM organization_domains WHERE domain = ?', [d]);
      if (owner !== undefined && owner.org_id !== org.id && !ids.has(owner.org_id)) {
        throw new SpearwatchError('SW_CONFLICT', `domain ${d} already belongs to organisation "${owner.org_id}"`);
      }
    }
    await q.run(
      `INSERT INTO organizations (id, name, authserv_id, trusted_relays, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, authserv_id = excluded.authserv_id,
         trusted_relays = excluded.trusted_relays, updated_at = excluded.updated_at`,
      [org.id, org.name, org.authservId, JSON.stringify(org.trustedRelays), now, now],
    );
    await q.run('DELETE FROM organization_domains WHERE org_id = ?', [org.id]);
    // Domains moving between orgs of the same import: free them first, the later org claims them.
    await q.run(`DELETE FROM organization_domains WHERE domain IN (${org.domains.map(() => '?').join(', ')})`, org.domains);
    await q.insertMany('organization_domains', ['domain', 'org_id', 'position'], org.domains.map((d, i) => [d, org.id, i]));
    (existing === undefined ? report.created : report.updated).push(org.id);
  }
  return report;
}
