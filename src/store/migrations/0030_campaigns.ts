import type { Migration } from '../types.js';

/**
 * Campaigns (issue 5, docs/campaigns.md). `campaign_facts` caches what clustering needs per participating
 * message (recomputed when the message is rescanned); attempts and campaigns are derived and can be rebuilt from
 * the facts at any time; `campaign_index` finds the attempts holding an item (feature or SimHash band) so an
 * incremental update re-clusters only what a new attempt touches; `campaign_merges` is the append-only history.
 */
export const m0030: Migration = {
  version: 30,
  name: 'campaigns',
  up: (d) => `
CREATE TABLE campaign_facts (
  sha256 TEXT PRIMARY KEY,
  org_id TEXT,
  attempt_key TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  scanned_at TEXT NOT NULL,
  facts TEXT NOT NULL
);
CREATE INDEX campaign_facts_attempt_key ON campaign_facts (attempt_key);
CREATE TABLE campaigns (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  attempt_count INTEGER NOT NULL,
  message_count INTEGER NOT NULL,
  joins TEXT NOT NULL,
  infrastructure TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX campaigns_first_seen ON campaigns (first_seen);
CREATE TABLE campaign_attempts (
  id TEXT PRIMARY KEY,
  campaign_id TEXT NOT NULL,
  attempt_key TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  attempt TEXT NOT NULL,
  features TEXT NOT NULL
);
CREATE INDEX campaign_attempts_campaign ON campaign_attempts (campaign_id);
CREATE INDEX campaign_attempts_key ON campaign_attempts (attempt_key);
CREATE TABLE campaign_messages (
  sha256 TEXT NOT NULL,
  attempt_id TEXT NOT NULL,
  campaign_id TEXT NOT NULL,
  org_id TEXT,
  PRIMARY KEY (sha256, attempt_id)
);
CREATE INDEX campaign_messages_campaign ON campaign_messages (campaign_id, org_id);
CREATE INDEX campaign_messages_org ON campaign_messages (org_id);
CREATE INDEX campaign_messages_attempt ON campaign_messages (attempt_id);
CREATE TABLE campaign_index (
  k TEXT NOT NULL,
  attempt_id TEXT NOT NULL,
  PRIMARY KEY (k, attempt_id)
);
CREATE INDEX campaign_index_attempt ON campaign_index (attempt_id);
CREATE TABLE campaign_merges (
  id ${d.idPk},
  kept TEXT NOT NULL,
  absorbed TEXT NOT NULL,
  bridge_attempts TEXT NOT NULL,
  joins TEXT NOT NULL,
  merged_at TEXT NOT NULL
);
CREATE INDEX campaign_merges_kept ON campaign_merges (kept);
`,
};
