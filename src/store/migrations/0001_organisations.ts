import type { Migration } from '../types.js';

export const m0001: Migration = {
  version: 1,
  name: 'organisations',
  up: () => `
CREATE TABLE organizations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  authserv_id TEXT,
  trusted_relays TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE organization_domains (
  domain TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  position INTEGER NOT NULL
);
CREATE INDEX organization_domains_org ON organization_domains (org_id);
`,
};
