#!/usr/bin/env node
// Runs every compiled test (unit tests beside the code, integration tests under test/) with node's test runner,
// on both store engines. PostgreSQL: SPEARWATCH_TEST_DATABASE_URL if set, else a local throwaway cluster started
// by scripts/test-postgres.sh (Debian's postgresql package). SPEARWATCH_TEST_ENGINES=sqlite runs SQLite only.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const filter = process.argv.slice(2);

function findTests(dir, out = []) {
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'fixtures') findTests(rel, out);
    } else if (entry.name.endsWith('.test.ts')) {
      out.push(rel);
    }
  }
  return out;
}

// Only tests whose source still exists: a deleted test's stale build output must not run.
const sources = ['src', 'test'].filter((d) => fs.existsSync(path.join(root, d))).flatMap((d) => findTests(d));
const files = sources
  .map((s) => path.join('dist', s.replace(/\.ts$/, '.js')))
  .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
  .sort();
const missing = files.filter((f) => !fs.existsSync(path.join(root, f)));
if (missing.length > 0) {
  console.error(`compiled tests missing (run npm run build): ${missing.join(', ')}`);
  process.exit(1);
}

const env = { ...process.env };
const engines = (env.SPEARWATCH_TEST_ENGINES ?? 'sqlite,postgres').split(',');
if (engines.includes('postgres') && !env.SPEARWATCH_TEST_DATABASE_URL) {
  try {
    env.SPEARWATCH_TEST_DATABASE_URL = execFileSync('bash', [path.join(root, 'scripts/test-postgres.sh')], { encoding: 'utf8' }).trim();
  } catch {
    console.error('PostgreSQL is needed for the postgres leg of the tests: install Debian\'s postgresql package, or set');
    console.error('SPEARWATCH_TEST_DATABASE_URL=postgres://…, or SPEARWATCH_TEST_ENGINES=sqlite to test SQLite only.');
    process.exit(1);
  }
}
console.error(`running ${files.length} test files on ${engines.join(' and ')}`);
const r = spawnSync(
  process.execPath,
  ['--test', '--test-reporter=spec', '--test-concurrency=3', '--test-timeout=300000', ...files],
  { cwd: root, env, stdio: 'inherit' },
);
process.exit(r.status ?? 1);
