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

/** Parameters per statement stay well under SQLite's 32,766 and PostgreSQL's 65,535. */
const CHUNK = 5000;

function chunks<T>(xs: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
}

async function getOrgs(q: Queryable, ids: readonly string[]): Promise<Map<string, Organization>> {
  const out = new Map<string, Organization>();
  for (const part of chunks(ids)) {
    const rows = await q.all<OrgRow>(`SELECT id, name, authserv_id, trusted_relays FROM organizations WHERE id IN (${part.map(() => '?').join(', ')})`, part);
    for (const o of await hydrate(q, rows)) out.set(o.id, o);
  }
  return out;
}

/**
 * Create or replace organisations, all or nothing (call inside a transaction). Idempotent: re-importing the
 * same list changes nothing. A domain owned by another organisation that this list does not also redefine is a
 * conflict. Set-based, so a 10,000-organisation import is a few dozen statements on either engine.
 */
export async function upsertOrgs(q: Queryable, orgs: readonly Organization[], clock?: Clock): Promise<OrgUpsertReport> {
  const now = isoNow(clock);
  const report: OrgUpsertReport = { created: [], updated: [], unchanged: [] };
  const ids = new Set(orgs.map((o) => o.id));
  const existing = await getOrgs(q, [...ids]);
  const changed = orgs.filter((o) => {
    const prev = existing.get(o.id);
    if (prev !== undefined && same(prev, o)) {
      report.unchanged.push(o.id);
      return false;
    }
    (prev === undefined ? report.created : report.updated).push(o.id);
    return true;
  });
  if (changed.length === 0) return report;
  const domains = changed.flatMap((o) => o.domains.map((d, i) => [d, o.id, i] as const));
  for (const part of chunks(domains.map((d) => d[0]))) {
    const owners = await q.all<{ domain: string; org_id: string }>(
      `SELECT domain, org_id FROM organization_domains WHERE domain IN (${part.map(() => '?').join(', ')})`,
      part,
    );
    const clash = owners.find((r) => !ids.has(r.org_id));
    if (clash !== undefined) throw new SpearwatchError('SW_CONFLICT', `domain ${clash.domain} already belongs to organisation "${clash.org_id}"`);
  }
  await q.insertMany(
    'organizations',
    ['id', 'name', 'authserv_id', 'trusted_relays', 'created_at', 'updated_at'],
    changed.map((o) => [o.id, o.name, o.authservId, JSON.stringify(o.trustedRelays), now, now]),
    `ON CONFLICT (id) DO UPDATE SET name = excluded.name, authserv_id = excluded.authserv_id,
       trusted_relays = excluded.trusted_relays, updated_at = excluded.updated_at`,
  );
  // Domains may move between organisations of the same list: free every domain the changed orgs now claim.
  for (const part of chunks(changed.map((o) => o.id))) {
    await q.run(`DELETE FROM organization_domains WHERE org_id IN (${part.map(() => '?').join(', ')})`, part);
  }
  for (const part of chunks(domains.map((d) => d[0]))) {
    await q.run(`DELETE FROM organization_domains WHERE domain IN (${part.map(() => '?').join(', ')})`, part);
  }
  await q.insertMany('organization_domains', ['domain', 'org_id', 'position'], domains.map((d) => [...d]));
  return report;
}
