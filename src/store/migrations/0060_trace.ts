import type { Migration } from '../types.js';

/**
 * The money trail (src/trace): manual address tags, the addresses of interest (every tagged or watched address,
 * resolved to its chain address id once the index has seen it), daily BTC prices, watches with the tainted
 * outputs each is still waiting on (its frontier), and alerts, each raised once (unique key).
 * `org_id` is '' for a watch or alert that belongs to no organisation (set up from the CLI without --org).
 */
export const m0060: Migration = {
  version: 60,
  name: 'money trail',
  up: (d) => `
CREATE TABLE trace_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE trace_tags (
  id ${d.idPk},
  address TEXT NOT NULL,
  label TEXT NOT NULL,
  category TEXT NOT NULL,
  actor TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (address, label, category)
);
CREATE INDEX trace_tags_category ON trace_tags (category);
CREATE TABLE trace_interest (
  address TEXT PRIMARY KEY,
  script ${d.blob},
  address_id ${d.bigint},
  tagged INTEGER NOT NULL DEFAULT 0,
  watched INTEGER NOT NULL DEFAULT 0,
  checked INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX trace_interest_address_id ON trace_interest (address_id) WHERE address_id IS NOT NULL;
CREATE TABLE trace_prices (
  day TEXT NOT NULL,
  currency TEXT NOT NULL,
  price ${d.real} NOT NULL,
  source TEXT NOT NULL,
  PRIMARY KEY (day, currency)
);
CREATE TABLE trace_watches (
  id ${d.idPk},
  org_id TEXT NOT NULL DEFAULT '',
  target TEXT NOT NULL,
  kind TEXT NOT NULL,
  case_name TEXT NOT NULL,
  model TEXT NOT NULL,
  hops INTEGER NOT NULL,
  message_id TEXT,
  message_sha256 TEXT,
  campaign_id TEXT,
  created_at TEXT NOT NULL,
  last_output ${d.bigint} NOT NULL DEFAULT -1,
  resolved INTEGER NOT NULL DEFAULT 0,
  checked_at TEXT,
  UNIQUE (org_id, target)
);
CREATE TABLE trace_watch_frontier (
  watch_id ${d.bigint} NOT NULL REFERENCES trace_watches(id) ON DELETE CASCADE,
  output_id ${d.bigint} NOT NULL,
  taint TEXT NOT NULL,
  hop INTEGER NOT NULL,
  PRIMARY KEY (watch_id, output_id)
);
CREATE TABLE trace_alerts (
  id ${d.idPk},
  kind TEXT NOT NULL,
  watch_id ${d.bigint} NOT NULL,
  org_id TEXT NOT NULL DEFAULT '',
  case_name TEXT NOT NULL,
  target TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  txid TEXT NOT NULL DEFAULT '',
  exchange TEXT,
  value ${d.bigint} NOT NULL,
  tainted_value ${d.bigint} NOT NULL,
  usd ${d.real},
  krw ${d.real},
  height INTEGER,
  time TEXT,
  raised_at TEXT NOT NULL,
  detail TEXT NOT NULL,
  UNIQUE (watch_id, kind, txid, address)
);
CREATE INDEX trace_alerts_raised ON trace_alerts (raised_at);
CREATE INDEX trace_alerts_org ON trace_alerts (org_id, raised_at);
`,
};
