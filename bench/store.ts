import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseOrganizationList, upsertOrgs } from '../src/orgs/index.js';
import { openStore } from '../src/store/index.js';
import { median, timeRuns } from './harness.js';

/** Store baseline: organisation import and lookup on the embedded store (PostgreSQL too when configured). */
export async function run(): Promise<Record<string, unknown>> {
  const orgs = parseOrganizationList(
    Array.from({ length: 2000 }, (_, i) => ({ id: `org-${i}`, name: `Org ${i}`, domains: [`org${i}.example`, `mail.org${i}.example`] })),
    'bench',
  );
  const out: Record<string, unknown> = {};
  const engines: [string, string | undefined][] = [['sqlite', undefined]];
  if (process.env.SPEARWATCH_TEST_DATABASE_URL) engines.push(['postgres', process.env.SPEARWATCH_TEST_DATABASE_URL]);
  for (const [engine, url] of engines) {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const home = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-bench-'));
      const schema = url === undefined ? undefined : `bench_${process.pid}_${i}`;
      const db = await openStore({ home, databaseUrl: url, pgSchema: schema });
      times.push(...(await timeRuns(1, () => db.transaction((tx) => upsertOrgs(tx, orgs)))));
      if (schema !== undefined) await db.exec(`DROP SCHEMA ${schema} CASCADE`);
      await db.close();
      fs.rmSync(home, { recursive: true, force: true });
    }
    out[engine] = { orgsImported: orgs.length, medianMs: Math.round(median(times)), orgsPerSecond: Math.round(orgs.length / (median(times) / 1000)) };
  }
  return out;
}
