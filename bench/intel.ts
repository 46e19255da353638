import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixedClock } from '../src/core/index.js';
import { emptyBatch, importIntelFile, writeBatch, type IndicatorRecord, type IntelBatch } from '../src/intel/index.js';
import { openStore } from '../src/store/index.js';
import { ROOT } from './harness.js';
import { MIX, rng, syntheticIndicator, syntheticValue } from './intel-data.js';

function batch(indicators: IndicatorRecord[]): IntelBatch {
  return { ...emptyBatch('bench', 'stix', 'bench'), read: indicators.length, indicators };
}

/** A STIX 2.1 bundle of `n` indicators, a tenth of them linked to one of 50 intrusion sets. */
function stixBundle(n: number): string {
  const r = rng(99);
  const objects: unknown[] = [];
  const T = '2026-01-01T00:00:00.000Z';
  const sets = Array.from({ length: 50 }, (_, i) => `intrusion-set--00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
  sets.forEach((id, i) => objects.push({ type: 'intrusion-set', spec_version: '2.1', id, created: T, modified: T, name: `Group ${i}`, aliases: [`G${i}`] }));
  for (let i = 0; i < n; i++) {
    const id = `indicator--10000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const ip = syntheticValue('ipv4', i, r);
    objects.push({ type: 'indicator', spec_version: '2.1', id, created: T, modified: T, pattern: `[ipv4-addr:value = '${ip}']`, pattern_type: 'stix', valid_from: T });
    if (i % 10 === 0) objects.push({ type: 'relationship', spec_version: '2.1', id: `relationship--20000000-0000-4000-8000-${String(i).padStart(12, '0')}`, created: T, modified: T, relationship_type: 'indicates', source_ref: id, target_ref: sets[i % 50] });
  }
  return JSON.stringify({ type: 'bundle', id: 'bundle--30000000-0000-4000-8000-000000000000', objects });
}

/**
 * `npm run bench -- intel`: 1,000,000 indicators (100,000 CIDRs) in the embedded store; index build, exact and
 * IP-in-CIDR lookups per second on one core and resident memory (in a fresh child process), and STIX import
 * objects per second into SQLite. Targets (issue 4): build ≤ 10 s, exact ≥ 1,000,000/s, CIDR ≥ 500,000/s,
 * ≤ 400 MB, import ≥ 20,000 objects/s.
 */
export async function run(): Promise<Record<string, unknown>> {
  const clock = fixedClock('2026-11-22T12:00:00.000Z');
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-bench-intel-'));
  const out: Record<string, unknown> = {};
  try {
    // 1. STIX import into SQLite, three runs into fresh stores, median.
    const stixFile = path.join(home, 'bench-bundle.json');
    fs.writeFileSync(stixFile, stixBundle(100_000));
    const importRates: number[] = [];
    const importCpuRates: number[] = [];
    let objects = 0;
    for (let k = 0; k < 3; k++) {
      const h = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-bench-intel-imp-'));
      const db = await openStore({ home: h });
      const t = process.hrtime.bigint();
      const c = process.cpuUsage();
      const rep = await importIntelFile(db, stixFile, {}, clock);
      const s = Number(process.hrtime.bigint() - t) / 1e9;
      const u = process.cpuUsage(c);
      objects = rep.read;
      importRates.push(rep.read / s);
      importCpuRates.push(rep.read / ((u.user + u.system) / 1e6));
      await db.close();
      fs.rmSync(h, { recursive: true, force: true });
    }
    importRates.sort((a, b) => a - b);
    importCpuRates.sort((a, b) => a - b);
    out.stixImport = {
      objects, objectsPerSecondMedian: Math.round(importRates[1]!), objectsPerCpuSecondMedian: Math.round(importCpuRates[1]!), wallRuns: importRates.map(Math.round),
      note: 'parse + pattern parse + validation + one SQLite transaction (wall clock includes fsync waits)',
    };

    // 2. 1,000,000 indicators into the store in chunks.
    const db = await openStore({ home });
    const r = rng(1);
    const queries: { type: string; value: string }[] = [];
    let i = 0;
    const t0 = process.hrtime.bigint();
    for (const [type, count] of MIX) {
      for (let done = 0; done < count; done += 100_000) {
        const chunk: IndicatorRecord[] = [];
        for (let j = 0; j < Math.min(100_000, count - done); j++, i++) {
          const v = syntheticValue(type, i, r);
          chunk.push(syntheticIndicator(type, v, i));
          if (type !== 'cidr' && i % 20 === 0) queries.push({ type, value: v });
        }
        await writeBatch(db, batch(chunk), clock.now().toISOString());
      }
    }
    const writeS = Number(process.hrtime.bigint() - t0) / 1e9;
    out.storeWrite = { indicators: i, seconds: Math.round(writeS * 10) / 10, indicatorsPerSecond: Math.round(i / writeS) };
    await db.close();
    // Half the exact queries miss: same shapes, values not in the store.
    const misses = queries.map((q) => ({ type: q.type, value: q.type === 'ipv4' ? `${q.value.split('.').reverse().join('.')}` : q.value.replace(/^./, 'z') }));
    const exact = queries.flatMap((q, k) => [q, misses[k]!]);
    const child = path.join(ROOT, 'dist', 'bench', 'intel-child.js');
    const qfile = path.join(home, 'queries.json');
    fs.writeFileSync(qfile, JSON.stringify({ exact, exactHits: queries.length }));
    const res = execFileSync(process.execPath, [child, home, qfile], { maxBuffer: 1 << 24 }).toString();
    out.matcher = JSON.parse(res) as unknown;
    out.note = 'lookup rates are per CPU-second of one single-threaded process (the machine is shared); wallClockRates beside them';
    out.targets = { indexBuildMs: 10_000, exactLookupsPerSecond: 1_000_000, ipInCidrLookupsPerSecond: 500_000, rssMb: 400, stixImportObjectsPerSecond: 20_000 };
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
  return out;
}
