import type { Migration } from '../types.js';

/**
 * Scanned mail. Raw bytes are content-addressed (SHA-256) and stored once; `mail_messages` holds the parsed facts
 * and the latest result of one message; `mail_sources` records every file/index it was seen at;
 * `mail_observables` lists the indicators (IPs, domains, URLs, hashes, addresses) that campaigns and intel
 * sightings query by (type, value).
 */
export const m0002: Migration = {
  version: 2,
  name: 'mail',
  up: (d) => `
CREATE TABLE mail_raw (
  sha256 TEXT PRIMARY KEY,
  size ${d.bigint} NOT NULL,
  bytes ${d.blob} NOT NULL,
  stored_at TEXT NOT NULL
);
CREATE TABLE mail_messages (
  sha256 TEXT PRIMARY KEY REFERENCES mail_raw(sha256),
  org_id TEXT,
  message_id TEXT,
  sent_date TEXT,
  from_address TEXT,
  from_name TEXT,
  sender_domain TEXT,
  subject TEXT,
  originating_ip TEXT,
  client_ip TEXT,
  verdict TEXT NOT NULL,
  score INTEGER NOT NULL,
  rules_version TEXT NOT NULL,
  report TEXT NOT NULL,
  first_scanned_at TEXT NOT NULL,
  last_scanned_at TEXT NOT NULL
);
CREATE INDEX mail_messages_org_sender ON mail_messages (org_id, sender_domain);
CREATE INDEX mail_messages_verdict ON mail_messages (verdict);
CREATE INDEX mail_messages_originating_ip ON mail_messages (originating_ip);
CREATE TABLE mail_sources (
  sha256 TEXT NOT NULL REFERENCES mail_messages(sha256),
  file TEXT NOT NULL,
  idx INTEGER NOT NULL,
  seen_at TEXT NOT NULL,
  PRIMARY KEY (sha256, file, idx)
);
CREATE TABLE mail_observables (
  sha256 TEXT NOT NULL REFERENCES mail_messages(sha256),
  type TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (sha256, type, value)
);
CREATE INDEX mail_observables_value ON mail_observables (type, value);
`,
};
