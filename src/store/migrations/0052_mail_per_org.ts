import type { Migration } from '../types.js';

/**
 * A stored message is one delivered copy: one row per (organisation, SHA-256), so the same bytes delivered to two
 * organisations are two messages (issue 5: each recipient's copy is a separate delivered message, and campaigns
 * span organisations). Until now the SHA-256 alone was the key and the second organisation's copy was lost.
 * The raw bytes stay in `mail_raw`, once per SHA-256.
 *
 * - `mail_messages` gets an integer key `id`; (COALESCE(org_id, ''), sha256) is unique (a message without an
 *   organisation is its own slot). The rows are copied in the order they were first stored.
 * - The API id of a message stored before this migration was its SHA-256; it keeps it in `legacy_id`, so every
 *   id the API ever handed out still names the same message. New messages' API id is `id` in decimal; the two
 *   forms cannot collide (64 hex digits against at most 19 decimal ones). An expression index on the API id lets
 *   the campaign tables join on it.
 * - `mail_sources` and `mail_observables` hang off the integer key.
 * - The campaign tables name messages by their API id (`message_id`). For every existing row that id is the
 *   SHA-256 they already hold, so the columns are only renamed: attempts, campaigns and their ids are unchanged.
 *   `intel_sighting_messages.message_id` already holds API ids (SHA-256s until now).
 *
 * SQLite cannot change a primary key in place, so both engines copy the three mail tables into new ones, drop
 * the old (children first: foreign keys are enforced) and rename; the indexes of 0002 and 0051 are recreated.
 */
/** PostgreSQL keeps the names constraints and sequences got on the copies; give them the tables' own names. */
const PG_NAMES = `
ALTER TABLE mail_messages RENAME CONSTRAINT mail_messages_v52_pkey TO mail_messages_pkey;
ALTER TABLE mail_messages RENAME CONSTRAINT mail_messages_v52_legacy_id_key TO mail_messages_legacy_id_key;
ALTER TABLE mail_messages RENAME CONSTRAINT mail_messages_v52_sha256_fkey TO mail_messages_sha256_fkey;
ALTER SEQUENCE mail_messages_v52_id_seq RENAME TO mail_messages_id_seq;
ALTER TABLE mail_sources RENAME CONSTRAINT mail_sources_v52_pkey TO mail_sources_pkey;
ALTER TABLE mail_sources RENAME CONSTRAINT mail_sources_v52_message_id_fkey TO mail_sources_message_id_fkey;
ALTER TABLE mail_observables RENAME CONSTRAINT mail_observables_v52_pkey TO mail_observables_pkey;
ALTER TABLE mail_observables RENAME CONSTRAINT mail_observables_v52_message_id_fkey TO mail_observables_message_id_fkey;
`;

export const m0052: Migration = {
  version: 52,
  name: 'mail messages per organisation',
  up: (d) => `
CREATE TABLE mail_messages_v52 (
  id ${d.idPk},
  legacy_id TEXT UNIQUE,
  sha256 TEXT NOT NULL REFERENCES mail_raw(sha256),
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
INSERT INTO mail_messages_v52 (legacy_id, sha256, org_id, message_id, sent_date, from_address, from_name, sender_domain, subject,
  originating_ip, client_ip, verdict, score, rules_version, report, first_scanned_at, last_scanned_at)
SELECT sha256, sha256, org_id, message_id, sent_date, from_address, from_name, sender_domain, subject,
  originating_ip, client_ip, verdict, score, rules_version, report, first_scanned_at, last_scanned_at
FROM mail_messages ORDER BY first_scanned_at, sha256;
CREATE TABLE mail_sources_v52 (
  message_id ${d.bigint} NOT NULL REFERENCES mail_messages_v52(id),
  file TEXT NOT NULL,
  idx INTEGER NOT NULL,
  seen_at TEXT NOT NULL,
  PRIMARY KEY (message_id, file, idx)
);
INSERT INTO mail_sources_v52 (message_id, file, idx, seen_at)
SELECT m.id, s.file, s.idx, s.seen_at FROM mail_sources s JOIN mail_messages_v52 m ON m.legacy_id = s.sha256;
CREATE TABLE mail_observables_v52 (
  message_id ${d.bigint} NOT NULL REFERENCES mail_messages_v52(id),
  type TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (message_id, type, value)
);
INSERT INTO mail_observables_v52 (message_id, type, value)
SELECT m.id, o.type, o.value FROM mail_observables o JOIN mail_messages_v52 m ON m.legacy_id = o.sha256;
DROP TABLE mail_observables;
DROP TABLE mail_sources;
DROP TABLE mail_messages;
ALTER TABLE mail_messages_v52 RENAME TO mail_messages;
ALTER TABLE mail_sources_v52 RENAME TO mail_sources;
ALTER TABLE mail_observables_v52 RENAME TO mail_observables;
CREATE UNIQUE INDEX mail_messages_org_sha256 ON mail_messages ((COALESCE(org_id, '')), sha256);
CREATE UNIQUE INDEX mail_messages_api_id ON mail_messages ((COALESCE(legacy_id, CAST(id AS TEXT))));
CREATE INDEX mail_messages_sha256 ON mail_messages (sha256);
CREATE INDEX mail_messages_org_sender ON mail_messages (org_id, sender_domain);
CREATE INDEX mail_messages_verdict ON mail_messages (verdict);
CREATE INDEX mail_messages_originating_ip ON mail_messages (originating_ip);
CREATE INDEX mail_messages_inbox ON mail_messages ((COALESCE(sent_date, first_scanned_at)));
CREATE INDEX mail_messages_org_inbox ON mail_messages (org_id, (COALESCE(sent_date, first_scanned_at)));
CREATE INDEX mail_messages_sender_inbox ON mail_messages (sender_domain, (COALESCE(sent_date, first_scanned_at)));
CREATE INDEX mail_observables_value ON mail_observables (type, value);
ALTER TABLE campaign_facts RENAME COLUMN sha256 TO message_id;
ALTER TABLE campaign_messages RENAME COLUMN sha256 TO message_id;
${d.engine === 'postgres' ? PG_NAMES : ''}`,
};
