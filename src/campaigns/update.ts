/**
 * Keeping campaigns current: `updateCampaigns` after each scan (incremental, re-clustering only what the changed
 * attempts touch) and `rebuildCampaigns` (everything from the stored facts). Both give the same attempts and
 * campaigns; docs/campaigns.md explains why the incremental subset is enough.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { MessageReport } from '../mail/index.js';
import type { Db, Queryable } from '../store/index.js';
import { attemptKey, groupAttempts, participates, splitKeyGroup } from './attempts.js';
import { BODY_BAND, clusterAttempts, indexKeys } from './cluster.js';
import { Commodity, type CommodityExtra } from './commodity.js';
import { extractFacts } from './facts.js';
import { JOIN_THRESHOLD, LINK_TYPES } from './link-types.js';
import { attemptFeatures, type Feature } from './links.js';
import { featuresOf } from './clustering.js';
import { CAMPAIGN_LIMITS } from './limits.js';
import { loadMessages, orgDomains, staleMessages } from './store/mail-source.js';
import {
  allFacts, attemptsByKeys, attemptsOfCampaigns, campaignsHolding, deleteAllCampaigns, deleteAttempts, deleteCampaignRows, deleteFacts, factKeysOf,
  factsByKeys, holderCounts, moveAttempts, recordMerges, writeAttempts, writeCampaignRows, writeCampaigns, writeFacts, type FactsRow, type MergeRecord,
  type StoredAttempt,
} from './store/repo.js';
import type { Attempt, MessageFacts } from './types.js';

export interface UpdateOptions {
  /** The messages just scanned (their ids, as saveScan answered); omitted: every message whose facts are missing or stale. */
  messages?: readonly string[];
  /** Additions to the commodity lists (see also `loadCommodityFile`). */
  extraCommodity?: CommodityExtra;
  now?: () => string;
}

export interface UpdateResult {
  /** Messages whose facts were (re)computed or dropped. */
  messages: number;
  attempts: number;
  campaigns: number;
  /** Campaigns written by this update. */
  changed: string[];
  merges: MergeRecord[];
}

/** `<home>/campaigns-commodity.json` ({ domains, cidrs, mailers }), when present. */
export function loadCommodityFile(home: string): CommodityExtra | undefined {
  const file = path.join(home, 'campaigns-commodity.json');
  if (!fs.existsSync(file)) return undefined;
  const v = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  const list = (x: unknown): string[] => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);
  return { domains: list(v.domains), cidrs: list(v.cidrs), mailers: list(v.mailers) };
}

/**
 * The installation's commodity additions: `<home>/campaigns-commodity.json` plus the configured partner brands'
 * domains (legitimate services, like the organisations' own). `spearwatch scan` must pass the same to
 * `updateCampaigns` as `rebuild` does, or the two would disagree.
 */
export function commodityExtra(home: string, partnerDomains: readonly string[] = []): CommodityExtra {
  const file = loadCommodityFile(home);
  return { domains: [...(file?.domains ?? []), ...partnerDomains], cidrs: file?.cidrs ?? [], mailers: file?.mailers ?? [] };
}

/**
 * Commodity lists by their inputs: building one compiles the CIDR ranges and domain sets (~0.3 ms), and a server
 * updates campaigns after every upload with the same organisations. A few entries: inputs rarely change.
 */
const commodityCache = new Map<string, Commodity>();

async function commodityFor(q: Queryable, extra?: CommodityExtra): Promise<Commodity> {
  const domains = await orgDomains(q);
  const key = JSON.stringify([domains, extra ?? null]);
  let c = commodityCache.get(key);
  if (c === undefined) {
    c = new Commodity({ orgDomains: domains, ...(extra !== undefined ? { extra } : {}) });
    if (commodityCache.size >= 8) commodityCache.clear();
    commodityCache.set(key, c);
  }
  return c;
}

/** A stored message as campaigns read it: its id, latest report, raw bytes and when it was last scanned. */
export interface ScannedMessage {
  id: string;
  report: MessageReport;
  raw: Uint8Array | null;
  /** The message's `last_scanned_at`: facts are stale when it moves on. */
  scannedAt: string;
}

/** Facts of these messages: rows to write, and the ids of those that do not take part (clean). */
function factsOfMessages(messages: readonly ScannedMessage[]): { upserts: FactsRow[]; deletes: string[] } {
  const upserts: FactsRow[] = [];
  const deletes: string[] = [];
  for (const m of messages) {
    if (!participates(m.report)) { deletes.push(m.id); continue; }
    upserts.push({ facts: extractFacts(m.report, m.raw, m.scannedAt, m.id), scannedAt: m.scannedAt });
  }
  return { upserts, deletes };
}

/** Facts for these messages (ids) from the mail store: rows to write, and messages that no longer take part. */
export async function computeFacts(q: Queryable, ids: readonly string[]): Promise<{ upserts: FactsRow[]; deletes: string[] }> {
  const stored = await loadMessages(q, ids);
  const found = new Set(stored.map((s) => s.id));
  const { upserts, deletes } = factsOfMessages(stored);
  return { upserts, deletes: [...ids.filter((s) => !found.has(s)), ...deletes] };
}

/**
 * Update campaigns, in the caller's transaction, for messages it has just stored and still holds (the server's
 * uploads): nothing is read back from the mail tables. The same result as `updateCampaigns` with their ids.
 */
export async function updateCampaignsWith(tx: Queryable, messages: readonly ScannedMessage[], opts: Omit<UpdateOptions, 'messages'> = {}): Promise<UpdateResult> {
  const now = (opts.now ?? (() => new Date().toISOString()))();
  const { upserts, deletes } = factsOfMessages(messages);
  return applyFacts(tx, upserts, deletes, await commodityFor(tx, opts.extraCommodity), now);
}

const isWeak = (k: string): boolean => {
  const type = k.slice(0, k.indexOf(' '));
  return type === BODY_BAND || LINK_TYPES[type as keyof typeof LINK_TYPES].weight < JOIN_THRESHOLD;
};

/**
 * Apply fact changes in one transaction and re-cluster what they touch. Exported for benchmarks and tests that
 * bring their own facts; `updateCampaigns` is the normal entry.
 */
export async function applyFacts(tx: Queryable, upserts: readonly FactsRow[], deletes: readonly string[], commodity: Commodity, now: string): Promise<UpdateResult> {
  const ids = [...new Set([...upserts.map((u) => u.facts.id), ...deletes])];
  const keys = new Set(await factKeysOf(tx, ids));
  await deleteFacts(tx, deletes);
  await writeFacts(tx, upserts);
  for (const u of upserts) keys.add(attemptKey(u.facts));
  const keyList = [...keys];

  // 1. the attempts of every touched attempt key, re-formed from all their copies
  const facts = await factsByKeys(tx, keyList);
  const factsBy = new Map(facts.map((f) => [f.id, f]));
  const byKey = new Map<string, MessageFacts[]>();
  for (const f of facts) {
    const k = attemptKey(f);
    const l = byKey.get(k);
    if (l === undefined) byKey.set(k, [f]);
    else l.push(f);
  }
  const fresh: Attempt[] = [];
  for (const [k, list] of byKey) fresh.push(...splitKeyGroup(k, list));
  const freshFeatures = new Map<string, Feature[]>();
  for (const a of fresh) freshFeatures.set(a.id, attemptFeatures(a.messages.map((m) => factsBy.get(m)!), commodity));
  const old: StoredAttempt[] = await attemptsByKeys(tx, keyList);
  const oldIds = new Set(old.map((o) => o.attempt.id));

  // 2. campaigns touched: those of the old attempts, and those holding any item of an old or new attempt whose
  //    item can link (full-weight, or weak and under the fan-out cap before or after this change)
  const oldKeysOf = new Map(old.map((o) => [o.attempt.id, new Set(indexKeys(o.attempt, o.features))]));
  const newKeysOf = new Map(fresh.map((a) => [a.id, new Set(indexKeys(a, freshFeatures.get(a.id)!))]));
  const delta = new Map<string, number>();
  for (const s of oldKeysOf.values()) for (const k of s) delta.set(k, (delta.get(k) ?? 0) - 1);
  for (const s of newKeysOf.values()) for (const k of s) delta.set(k, (delta.get(k) ?? 0) + 1);
  const changedKeys = [...delta.keys()];
  const before = await holderCounts(tx, changedKeys);
  const linking = changedKeys.filter((k) => {
    if (!isWeak(k)) return true;
    const b = before.get(k) ?? 0;
    return b <= CAMPAIGN_LIMITS.weakFanoutMax || b + (delta.get(k) ?? 0) <= CAMPAIGN_LIMITS.weakFanoutMax;
  });
  const touched = new Set([...old.map((o) => o.campaignId), ...(await campaignsHolding(tx, linking))]);

  // 3. the subset to re-cluster: every attempt of the touched campaigns, old versions replaced by the new ones
  const touchedIds = [...touched];
  const members = (await attemptsOfCampaigns(tx, touchedIds)).filter((s) => !oldIds.has(s.attempt.id));
  const oldCampaignOf = new Map<string, string>([...old, ...members].map((s) => [s.attempt.id, s.campaignId]));
  const subset: Attempt[] = [...members.map((m) => m.attempt), ...fresh];
  const features = new Map<string, readonly Feature[]>([...members.map((m) => [m.attempt.id, m.features] as const), ...freshFeatures]);

  // 4. global holder counts after the change, for the fan-out cap of weak items
  const weakKeys = new Set<string>();
  for (const a of subset) for (const k of indexKeys(a, features.get(a.id) ?? [])) if (isWeak(k)) weakKeys.add(k);
  const counts = await holderCounts(tx, [...weakKeys]);
  const after = (k: string): number => (counts.get(k) ?? 0) + (delta.get(k) ?? 0);

  const campaigns = clusterAttempts({ attempts: subset, features, holders: after });

  // write only what changed: replaced attempts are rewritten, unchanged ones moved when their campaign id changed
  const newIds = new Set(campaigns.map((c) => c.id));
  await deleteAttempts(tx, [...oldIds]);
  await deleteCampaignRows(tx, touchedIds.filter((id) => !newIds.has(id)));
  await deleteCampaignRows(tx, [...newIds]);
  await writeCampaignRows(tx, campaigns, now);
  const freshSet = new Set(fresh.map((a) => a.id));
  const toWrite: { attempt: Attempt; campaignId: string }[] = [];
  for (const c of campaigns) {
    const moved: string[] = [];
    for (const a of c.attempts) {
      if (freshSet.has(a.id)) toWrite.push({ attempt: a, campaignId: c.id });
      else if (oldCampaignOf.get(a.id) !== c.id) moved.push(a.id);
    }
    await moveAttempts(tx, c.id, moved);
  }
  await writeAttempts(tx, toWrite, features, (m) => factsBy.get(m)?.org ?? null);

  // 5. merges: a new campaign made of attempts from two or more earlier campaigns
  const freshIds = new Set(fresh.filter((a) => !oldIds.has(a.id) || !sameMessages(a, old.find((o) => o.attempt.id === a.id)!.attempt)).map((a) => a.id));
  const merges: MergeRecord[] = [];
  for (const c of campaigns) {
    const before = new Set(c.attempts.map((a) => oldCampaignOf.get(a.id)).filter((x): x is string => x !== undefined));
    if (before.size < 2) continue;
    const bridge = c.attempts.filter((a) => freshIds.has(a.id)).map((a) => a.id);
    merges.push({ kept: c.id, absorbed: [...before].filter((x) => x !== c.id).sort(), bridgeAttempts: bridge, joins: c.joins.filter((j) => bridge.includes(j.a) || bridge.includes(j.b)) });
  }
  await recordMerges(tx, merges, now);
  return { messages: ids.length, attempts: fresh.length, campaigns: campaigns.length, changed: campaigns.map((c) => c.id), merges };
}

function sameMessages(a: Attempt, b: Attempt): boolean {
  return a.messages.length === b.messages.length && a.messages.every((m, i) => b.messages[i] === m);
}

/** Update attempts and campaigns for newly scanned (or rescanned) messages; call after each scan. */
export async function updateCampaigns(db: Db, opts: UpdateOptions = {}): Promise<UpdateResult> {
  const now = (opts.now ?? (() => new Date().toISOString()))();
  const commodity = await commodityFor(db, opts.extraCommodity);
  let targets: string[];
  if (opts.messages !== undefined) targets = [...new Set(opts.messages)];
  else {
    const stale = await staleMessages(db);
    targets = [...stale.refresh, ...stale.gone];
  }
  const total: UpdateResult = { messages: 0, attempts: 0, campaigns: 0, changed: [], merges: [] };
  const changed = new Set<string>();
  for (let i = 0; i < targets.length; i += CAMPAIGN_LIMITS.factsBatch) {
    const { upserts, deletes } = await computeFacts(db, targets.slice(i, i + CAMPAIGN_LIMITS.factsBatch));
    const r = await db.transaction((tx) => applyFacts(tx, upserts, deletes, commodity, now));
    total.messages += r.messages;
    total.attempts += r.attempts;
    for (const c of r.changed) changed.add(c);
    total.merges.push(...r.merges);
  }
  total.changed = [...changed];
  total.campaigns = total.changed.length;
  return total;
}

/** Re-cluster everything from the stored facts (refreshing stale facts first). Merge history is kept. */
export async function rebuildCampaigns(db: Db, opts: Omit<UpdateOptions, 'messages'> = {}): Promise<UpdateResult> {
  const now = (opts.now ?? (() => new Date().toISOString()))();
  const commodity = await commodityFor(db, opts.extraCommodity);
  const stale = await staleMessages(db);
  // the facts cache is refreshed in batches (bounded memory); the clustering below is one transaction
  for (let i = 0; i < stale.refresh.length; i += CAMPAIGN_LIMITS.factsBatch) {
    const { upserts, deletes } = await computeFacts(db, stale.refresh.slice(i, i + CAMPAIGN_LIMITS.factsBatch));
    await db.transaction(async (tx) => {
      await deleteFacts(tx, deletes);
      await writeFacts(tx, upserts);
    });
  }
  return db.transaction(async (tx) => {
    await deleteFacts(tx, stale.gone);
    const facts = await allFacts(tx);
    const attempts = groupAttempts(facts);
    const byId = new Map(facts.map((f) => [f.id, f]));
    const features = featuresOf(attempts, byId, commodity);
    const campaigns = clusterAttempts({ attempts, features });
    await deleteAllCampaigns(tx);
    await writeCampaigns(tx, campaigns, features, (m) => byId.get(m)?.org ?? null, now);
    return { messages: facts.length, attempts: attempts.length, campaigns: campaigns.length, changed: campaigns.map((c) => c.id), merges: [] };
  });
}
