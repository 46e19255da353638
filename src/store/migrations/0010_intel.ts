import type { Migration } from '../types.js';

/**
 * Threat intel: indicators with their atomic index values, actors merged across sources (each source's record
 * and aliases kept apart so that disagreements stay visible), campaigns, relationships, identities, marking
 * definitions, observed-data and per-organisation sightings. Ids are STIX ids where the source has them.
 */
export const m0010: Migration = {
  version: 10,
  name: 'intel',
  up: (d) => `
CREATE TABLE intel_indicators (
  id ${d.bigint} PRIMARY KEY,
  stix_id TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL,
  name TEXT,
  description TEXT,
  pattern TEXT NOT NULL,
  pattern_type TEXT NOT NULL,
  pattern_kind TEXT NOT NULL,
  confidence INTEGER,
  tlp TEXT NOT NULL,
  valid_from TEXT,
  valid_until TEXT,
  revoked INTEGER NOT NULL DEFAULT 0,
  labels TEXT NOT NULL DEFAULT '[]',
  first_seen TEXT,
  last_seen TEXT,
  created TEXT NOT NULL,
  modified TEXT NOT NULL,
  imported_at TEXT NOT NULL
);
CREATE INDEX intel_indicators_modified ON intel_indicators (modified);
CREATE INDEX intel_indicators_kind ON intel_indicators (pattern_kind);
CREATE TABLE intel_indicator_values (
  indicator_id ${d.bigint} NOT NULL REFERENCES intel_indicators(id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (indicator_id, type, value)
);
CREATE INDEX intel_indicator_values_value ON intel_indicator_values (type, value);
CREATE TABLE intel_actors (
  id TEXT PRIMARY KEY,
  name_key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  created TEXT NOT NULL,
  modified TEXT NOT NULL
);
CREATE TABLE intel_actor_sources (
  ref TEXT PRIMARY KEY,
  actor_id TEXT NOT NULL REFERENCES intel_actors(id),
  source TEXT NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  tlp TEXT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0,
  modified TEXT NOT NULL
);
CREATE INDEX intel_actor_sources_actor ON intel_actor_sources (actor_id);
CREATE TABLE intel_actor_aliases (
  ref TEXT NOT NULL REFERENCES intel_actor_sources(ref) ON DELETE CASCADE,
  actor_id TEXT NOT NULL,
  alias TEXT NOT NULL,
  alias_key TEXT NOT NULL,
  PRIMARY KEY (ref, alias_key)
);
CREATE INDEX intel_actor_aliases_key ON intel_actor_aliases (alias_key);
CREATE TABLE intel_campaigns (
  id TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  aliases TEXT NOT NULL DEFAULT '[]',
  first_seen TEXT,
  last_seen TEXT,
  tlp TEXT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0,
  created TEXT NOT NULL,
  modified TEXT NOT NULL
);
CREATE TABLE intel_relationships (
  id TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  relationship_type TEXT NOT NULL,
  source_ref TEXT NOT NULL,
  target_ref TEXT NOT NULL,
  confidence INTEGER,
  tlp TEXT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0,
  created TEXT NOT NULL,
  modified TEXT NOT NULL
);
CREATE INDEX intel_relationships_source ON intel_relationships (source_ref);
CREATE INDEX intel_relationships_target ON intel_relationships (target_ref);
CREATE TABLE intel_identities (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  identity_class TEXT,
  modified TEXT NOT NULL
);
CREATE TABLE intel_markings (
  id TEXT PRIMARY KEY,
  tlp TEXT,
  name TEXT,
  modified TEXT NOT NULL
);
CREATE TABLE intel_observed_data (
  id TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  first_observed TEXT,
  last_observed TEXT,
  number_observed INTEGER,
  objects TEXT NOT NULL,
  tlp TEXT NOT NULL,
  modified TEXT NOT NULL
);
CREATE TABLE intel_sightings (
  org_id TEXT NOT NULL,
  indicator_id ${d.bigint} NOT NULL REFERENCES intel_indicators(id) ON DELETE CASCADE,
  count INTEGER NOT NULL,
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  PRIMARY KEY (org_id, indicator_id)
);
CREATE TABLE intel_sighting_messages (
  org_id TEXT NOT NULL,
  indicator_id ${d.bigint} NOT NULL REFERENCES intel_indicators(id) ON DELETE CASCADE,
  message_id TEXT NOT NULL,
  seen_at TEXT NOT NULL,
  PRIMARY KEY (org_id, indicator_id, message_id)
);
`,
};
