/**
 * What a reader sees of a campaign: the `campaigns show --json` contract, whole or as one organisation. As an
 * organisation: its own messages, subjects and recipients in full; of the others only counts and the shared
 * infrastructure the sharing TLP allows — never their subjects, senders' text or recipient addresses.
 */
import { SpearwatchError } from '../core/index.js';
import type { Queryable } from '../store/index.js';
import { attribute, type IntelMatcherLike } from './attribution.js';
import { attemptsOfCampaigns, campaignRow, campaignRows, factsOf, memberships, type CampaignRow } from './store/repo.js';
import { summarise } from './summary.js';
import type { Attempt, CampaignView, InfraItem, Join, MessageFacts } from './types.js';

export type SharingTlp = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';

export interface ViewOptions {
  /** View as this organisation (null/undefined: everything, as an administrator). */
  asOrg?: string | null;
  /** TLP of infrastructure seen only in other organisations' mail (default amber: shared within the community). */
  sharingTlp?: SharingTlp;
  /** Intel matcher for attribution; without one the campaign is reported unattributed. */
  matcher?: IntelMatcherLike | null;
}

/** TLP levels at which an organisation's observations may be shown to other organisations of the community. */
const SHAREABLE: ReadonlySet<SharingTlp> = new Set(['clear', 'green', 'amber']);

interface Loaded {
  attempts: Map<string, Attempt[]>;
  members: Map<string, { message_id: string; org_id: string | null }[]>;
  facts: Map<string, MessageFacts>;
}

/** Attempts, memberships and facts of some campaigns in a few bulk queries (not three per campaign). */
async function load(q: Queryable, ids: readonly string[]): Promise<Loaded> {
  const attempts = new Map<string, Attempt[]>();
  for (const s of await attemptsOfCampaigns(q, ids)) {
    const l = attempts.get(s.campaignId);
    if (l === undefined) attempts.set(s.campaignId, [s.attempt]);
    else l.push(s.attempt);
  }
  const members = new Map<string, { message_id: string; org_id: string | null }[]>();
  const rows = await memberships(q, ids);
  for (const m of rows) {
    const l = members.get(m.campaign_id);
    if (l === undefined) members.set(m.campaign_id, [m]);
    else l.push(m);
  }
  return { attempts, members, facts: await factsOf(q, rows.map((r) => r.message_id)) };
}

async function buildView(row: CampaignRow, data: Loaded, opts: ViewOptions): Promise<CampaignView> {
  const asOrg = opts.asOrg ?? null;
  const attempts = [...(data.attempts.get(row.id) ?? [])].sort((a, b) => (a.firstSeen < b.firstSeen ? -1 : a.firstSeen > b.firstSeen ? 1 : a.id < b.id ? -1 : 1));
  const members = data.members.get(row.id) ?? [];
  const facts = new Map<string, MessageFacts>();
  for (const m of members) {
    const f = data.facts.get(m.message_id);
    if (f !== undefined) facts.set(m.message_id, f);
  }
  const joins = JSON.parse(row.joins) as Join[];
  const infrastructure = JSON.parse(row.infrastructure) as InfraItem[];
  const own = (f: MessageFacts | undefined): boolean => asOrg === null || f?.org === asOrg;
  const ownAttempts = new Set(attempts.filter((a) => a.messages.some((m) => own(facts.get(m)))).map((a) => a.id));
  const allRecipients = new Set<string>();
  const visibleRecipients = new Set<string>();
  for (const f of facts.values()) {
    for (const r of f.recipients) {
      allRecipients.add(r);
      if (own(f)) visibleRecipients.add(r);
    }
  }
  const orgs = [...new Set([...facts.values()].flatMap((f) => (f.org === null ? [] : [f.org])))].sort();
  const shareable = SHAREABLE.has(opts.sharingTlp ?? 'amber');
  const visibleInfra = asOrg === null ? infrastructure : infrastructure.filter((i) => shareable || i.attempts.some((a) => ownAttempts.has(a)));
  const full = opts.matcher === undefined || opts.matcher === null ? [] : await attribute({ attempts, joins, infrastructure }, opts.matcher);
  const visibleValues = new Set(visibleInfra.map((i) => `${i.type} ${i.value}`));
  const attribution = full.map((a) => ({ ...a, evidence: a.evidence.filter((e) => visibleValues.has(`${e.type} ${e.value}`)) }));
  const attemptList = attempts.map((a) => {
    if (!ownAttempts.has(a.id)) return { id: a.id, sender: null, subject: null, firstSeen: a.firstSeen, recipients: [] as string[] };
    const mine = a.messages.map((m) => facts.get(m)).filter((f): f is MessageFacts => f !== undefined && own(f));
    const first = mine[0];
    return {
      id: a.id, sender: first?.fromAddress ?? a.sender, subject: first?.subject ?? null, firstSeen: mine.reduce((m, f) => (f.date < m ? f.date : m), first?.date ?? a.firstSeen),
      recipients: [...new Set(mine.flatMap((f) => f.recipients))].sort(),
    };
  });
  const view: CampaignView = {
    id: row.id,
    name: asOrg === null || shareable || ownAttempts.size > 0 ? row.name : `campaign ${row.id}`,
    attempts: attempts.length,
    messages: members.length,
    recipientCount: allRecipients.size,
    recipients: [...visibleRecipients].sort(),
    organizationCount: orgs.length,
    organizations: asOrg === null ? orgs : orgs.filter((o) => o === asOrg),
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    infrastructure: visibleInfra,
    attribution: attribution.map((a) => ({ actor: a.actor, confidence: a.confidence, evidence: a.evidence })),
    attemptList,
    summary: '',
  };
  view.summary = summarise(view, attribution);
  return view;
}

/** One campaign as the contract shapes it; `SW_NOT_FOUND` for an unknown id. */
export async function campaignView(q: Queryable, id: string, opts: ViewOptions = {}): Promise<CampaignView> {
  const row = await campaignRow(q, id);
  if (row === undefined) throw new SpearwatchError('SW_NOT_FOUND', `campaign ${id} does not exist (spearwatch campaigns lists them)`);
  return buildView(row, await load(q, [id]), opts);
}

async function views(q: Queryable, rows: readonly CampaignRow[], opts: ViewOptions): Promise<CampaignView[]> {
  const data = await load(q, rows.map((r) => r.id));
  const out: CampaignView[] = [];
  for (const row of rows) out.push(await buildView(row, data, opts));
  return out;
}

/** Every campaign (newest activity first), each as `campaignView` shapes it. */
export async function listCampaigns(q: Queryable, opts: ViewOptions = {}): Promise<CampaignView[]> {
  return views(q, await campaignRows(q), opts);
}

export interface PageOptions extends ViewOptions {
  /** Campaigns per page (1–500, default 50). */
  limit?: number;
  /** The `next` cursor of the previous page. */
  cursor?: string | null;
  /** Only campaigns with a message at the viewing organisation (`asOrg`). */
  involvedOnly?: boolean;
}

/** One page of campaigns for the server: `next` is null on the last page. A malformed cursor is `SW_USAGE`. */
export async function listCampaignPage(q: Queryable, opts: PageOptions = {}): Promise<{ items: CampaignView[]; next: string | null }> {
  const limit = Math.min(500, Math.max(1, Math.floor(opts.limit ?? 50)));
  let after: { lastSeen: string; id: string } | undefined;
  if (opts.cursor !== undefined && opts.cursor !== null && opts.cursor !== '') {
    const decoded = Buffer.from(opts.cursor, 'base64url').toString('utf8');
    const m = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)\|(c-[0-9a-f]{12})$/.exec(decoded);
    if (m === null) throw new SpearwatchError('SW_USAGE', 'campaigns: the cursor is not one this server issued');
    after = { lastSeen: m[1]!, id: m[2]! };
  }
  const org = opts.involvedOnly === true && opts.asOrg !== undefined && opts.asOrg !== null ? opts.asOrg : undefined;
  const rows = await campaignRows(q, { limit: limit + 1, ...(after !== undefined ? { after } : {}), ...(org !== undefined ? { org } : {}) });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const next = rows.length > limit && last !== undefined ? Buffer.from(`${last.last_seen}|${last.id}`).toString('base64url') : null;
  return { items: await views(q, page, opts), next };
}
