import { loadConfig } from '../../src/core/index.js';
import { buildApp, type App } from '../../src/http/index.js';
import { createApiToken, upsertUser, type Role } from '../../src/identity/index.js';
import { upsertOrgs, type Organization } from '../../src/orgs/index.js';
import type { TestStore } from './stores.js';

export const ALPHA: Organization = { id: 'alpha', name: 'Alpha Exchange', domains: ['alpha-ex.example'], authservId: 'mx.alpha-ex.example', trustedRelays: ['192.0.2.0/24'] };
export const BRAVO: Organization = { id: 'bravo', name: 'Bravo Exchange', domains: ['bravo-ex.example'], authservId: 'mx.bravo-ex.example', trustedRelays: [] };

export interface HttpFixture {
  app: App;
  /** Bearer tokens: `alpha:analyst`, `bravo:viewer`, `alpha:admin`… */
  tokens: Record<`${string}:${Role}`, string>;
  auth(key: `${string}:${Role}`): { authorization: string };
  password: string;
  /** The store behind the app, for setting up data no route writes (the chain index). */
  db: TestStore['db'];
}

/** An app over a fresh store with two organisations, a user and a token per organisation and role. */
export async function httpFixture(s: TestStore): Promise<HttpFixture & { close(): Promise<void> }> {
  const password = 'correct horse battery staple';
  const tokens = {} as HttpFixture['tokens'];
  await s.db.transaction(async (tx) => {
    await upsertOrgs(tx, [ALPHA, BRAVO]);
    for (const org of [ALPHA, BRAVO]) {
      for (const role of ['admin', 'analyst', 'viewer'] as const) {
        tokens[`${org.id}:${role}`] = (await createApiToken(tx, { orgId: org.id, role, name: `${org.id} ${role}` })).token;
      }
    }
  });
  for (const org of [ALPHA, BRAVO]) await upsertUser(s.db, { email: `analyst@${org.domains[0]}`, orgId: org.id, role: 'analyst', password });
  const app = await buildApp({ db: s.db, config: loadConfig({ env: {}, home: s.home }) });
  return {
    app, tokens, password, db: s.db,
    auth: (key) => ({ authorization: `Bearer ${tokens[key]}` }),
    close: () => app.close(),
  };
}
