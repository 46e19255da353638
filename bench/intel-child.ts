import os from 'node:os';
import fs from 'node:fs';
import { loadMatcher, type Observable } from '../src/intel/index.js';
import { openStore } from '../src/store/index.js';
import { ipText, rng } from './intel-data.js';

/**
 * Runs in a fresh process so that resident memory is the matcher's, not the generator's: build the index from
 * the store, then time lookups on one core. Prints one JSON line.
 */
const home = process.argv[2]!;
const queries = JSON.parse(fs.readFileSync(process.argv[3]!, 'utf8')) as { exact: Observable[]; exactHits: number };
const db = await openStore({ home });
const rssBefore = process.memoryUsage().rss;
const t0 = process.hrtime.bigint();
const m = await loadMatcher(db);
const buildMs = Number(process.hrtime.bigint() - t0) / 1e6;
const rssAfter = process.memoryUsage().rss;

/**
 * Operations per CPU-second of this (single-threaded) process: on a shared 2-core machine wall time measures
 * the neighbours; CPU time measures one core's throughput. Wall-clock rates are reported beside it.
 */
const wall: Record<string, number[]> = {};
function rate(n: number, fn: (i: number) => void, label = ''): number {
  for (let i = 0; i < Math.min(n, 50_000); i++) fn(i); // warm-up
  const c = process.cpuUsage();
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn(i);
  const u = process.cpuUsage(c);
  if (label !== '') (wall[label] ??= []).push(Math.round(n / (Number(process.hrtime.bigint() - t) / 1e9)));
  return n / ((u.user + u.system) / 1e6);
}

const exact = queries.exact;
let hits = 0;
const exactRates: number[] = [];
const out: unknown[] = [];
for (let k = 0; k < 3; k++) {
  hits = 0;
  exactRates.push(rate(1_000_000, (i) => {
    const o = exact[i % exact.length]!;
    out.length = 0;
    m.index.probeExact(o.type as 'ipv4', o.value, 'exact', out as never[]);
    hits += out.length;
  }, 'exact'));
}
const normRates: Record<string, number> = {};
for (const type of ['ipv4', 'domain', 'sha256', 'btc-address', 'url']) {
  const qs = exact.filter((o) => o.type === type);
  normRates[type] = Math.round(rate(200_000, (i) => {
    out.length = 0;
    m.probe(qs[i % qs.length]!, out as never[]);
  }));
}
const r = rng(7);
const ips = Array.from({ length: 100_000 }, () => Math.floor(r() * 0xffffffff) >>> 0);
const texts = ips.map(ipText);
let cidrHits = 0;
const cidrRates: number[] = [];
for (let k = 0; k < 3; k++) {
  cidrHits = 0;
  cidrRates.push(rate(1_000_000, (i) => {
    out.length = 0;
    m.index.probeIpv4(ips[i % ips.length]!, texts[i % texts.length]!, 'exact', out as never[]);
    cidrHits += out.length;
  }, 'cidr'));
}
const sorted = (xs: number[]): number => [...xs].sort((a, b) => a - b)[1]!;
process.stdout.write(JSON.stringify({
  indexBuildMs: Math.round(buildMs), indicatorValues: m.indicatorValues,
  rssMbBeforeBuild: Math.round(rssBefore / 2 ** 20), rssMbAfterBuild: Math.round(rssAfter / 2 ** 20),
  rssMbAfterLookups: Math.round(process.memoryUsage().rss / 2 ** 20),
  exactLookupsPerSecondMedian: Math.round(sorted(exactRates)), exactHitsPerMillion: hits,
  normalisedProbePerSecondByType: normRates,
  ipInCidrLookupsPerSecondMedian: Math.round(sorted(cidrRates)), ipInCidrHitsPerMillion: cidrHits,
  wallClockRates: wall, loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10),
}) + '\n');
await db.close();
