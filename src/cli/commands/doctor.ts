import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Command } from 'commander';
import { hashBackendStatus } from '../../chain/index.js';
import { configKeys, VERSION } from '../../core/index.js';
import { LATEST_SCHEMA_VERSION, PostgresDb, SqliteDb, type Db } from '../../store/index.js';
import { action } from '../context.js';
import { printJson } from '../output.js';

const require = createRequire(import.meta.url);

/** A dependency's version, found from its resolved entry point (some packages do not export package.json). */
function depVersion(name: string): string {
  try {
    let dir = path.dirname(require.resolve(name));
    for (let i = 0; i < 5; i++, dir = path.dirname(dir)) {
      const file = path.join(dir, 'package.json');
      if (!fs.existsSync(file)) continue;
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name && pkg.version !== undefined) return pkg.version;
    }
  } catch {
    // fall through
  }
  return 'not installed';
}

async function engineVersion(db: Db): Promise<string> {
  if (db instanceof SqliteDb) return `SQLite ${(await db.get<{ v: string }>('SELECT sqlite_version() AS v'))?.v ?? '?'}`;
  if (db instanceof PostgresDb) return (await db.get<{ v: string }>('SELECT version() AS v'))?.v.split(' on ')[0] ?? 'PostgreSQL';
  return 'unknown';
}

function flatten(obj: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    let v: unknown = obj;
    for (const p of k.split('.')) v = (v as Record<string, unknown> | undefined)?.[p];
    out[k] = k === 'databaseUrl' && typeof v === 'string' ? v.replace(/:[^:@/]*@/, ':***@') : v;
  }
  return out;
}

export function register(program: Command): void {
  program
    .command('doctor')
    .description('print versions, the store in use with its schema version, and the configuration')
    .option('--json', 'print as JSON')
    .action(
      action(async (ctx, opts: { json?: boolean }) => {
        const db = await ctx.store();
        const keys = configKeys();
        const report = {
          spearwatch: VERSION,
          node: process.versions.node,
          platform: `${process.platform}-${process.arch}`,
          // Block parsing hashes with the native addon (SHA-NI or portable C) when it is built, else in JS.
          chainHashing: hashBackendStatus(),
          dependencies: Object.fromEntries(['better-sqlite3', 'pg', 'postal-mime', 'mailauth', 'tldts', 'commander'].map((d) => [d, depVersion(d)])),
          store: {
            engine: db.engine,
            version: await engineVersion(db),
            location: db.location,
            schemaVersion: await db.schemaVersion(),
            latestSchemaVersion: LATEST_SCHEMA_VERSION,
          },
          home: ctx.config.home,
          configFile: ctx.config.configFile ?? null,
          config: flatten(ctx.config as unknown as Record<string, unknown>, keys),
          configSources: ctx.config.sources,
        };
        if (opts.json === true) {
          printJson(report);
          return;
        }
        const w = (s: string): boolean => process.stdout.write(s + '\n');
        w(`spearwatch ${report.spearwatch} (node ${report.node}, ${report.platform})`);
        w(`dependencies: ${Object.entries(report.dependencies).map(([k, v]) => `${k} ${v}`).join(', ')}`);
        const h = report.chainHashing;
        w(`chain hashing: ${h.backend}${h.native ? ' (native addon)' : ` (JS fallback, slower block parsing: ${h.problem ?? 'native addon not loaded'})`}`);
        w(`store: ${report.store.engine} at ${report.store.location} (${report.store.version})`);
        w(`schema: version ${report.store.schemaVersion} of ${report.store.latestSchemaVersion}`);
        w(`home: ${report.home}`);
        w(`config file: ${report.configFile ?? '(none)'}`);
        w('configuration:');
        for (const k of keys) w(`  ${k} = ${JSON.stringify(report.config[k]) ?? '(unset)'}  [${report.configSources[k]}]`);
      }),
    );
}
