import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PostalMime from 'postal-mime';
import { analyzeMessage, DEFAULT_BRANDS, type AnalysisContext } from '../src/mail/index.js';
import { AnalysisPool } from '../src/mail/pool/pool.js';
import { median, percentile, requireShared } from './harness.js';

/**
 * `npm run bench -- mail`: offline scan speed on the phishing-pot corpus, side by side with postal-mime's
 * parse-only rate on the same bytes in the same run. Single-thread figures give CPU per message and per-message
 * latency; the worker pool (one worker per core) gives throughput and resident memory over 10,000 messages.
 * The one-thread figures are a long scan's steady state: one untimed pass over the corpus warms the JIT on every
 * code path the corpus reaches, then three timed passes give the medians; the cold first pass is reported beside them.
 */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export async function run(args: string[] = []): Promise<Record<string, unknown>> {
  const shared = requireShared('corpus/phishing-pot');
  const dir = path.join(shared, 'corpus', 'phishing-pot');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.eml')).sort();
  const messages = files.map((f) => fs.readFileSync(path.join(dir, f)));
  const total = Number(args.find((a) => a.startsWith('--messages='))?.slice(11) ?? 10_000);
  const ctx: AnalysisContext = { orgs: [], partnerBrands: DEFAULT_BRANDS, authMode: 'offline' };

  // 1. parse-only, one thread: one untimed pass (JIT), then the median of three timed passes
  const PASSES = 3;
  const passes = async (f: (m: Buffer) => Promise<unknown>, lat?: number[]): Promise<{ wall: number; cpu: number; cold: { wall: number; cpu: number } }> => {
    const walls: number[] = [];
    const cpus: number[] = [];
    let cold = { wall: 0, cpu: 0 };
    for (let pass = 0; pass <= PASSES; pass++) {
      const t0 = process.hrtime.bigint();
      const c0 = cpuMs();
      for (const m of messages) {
        const s = process.hrtime.bigint();
        await f(m);
        if (lat !== undefined && pass > 0) lat.push(Number(process.hrtime.bigint() - s) / 1e6);
      }
      const wall = Number(process.hrtime.bigint() - t0) / 1e6;
      const cpu = cpuMs() - c0;
      if (pass === 0) cold = { wall, cpu };
      else {
        walls.push(wall);
        cpus.push(cpu);
      }
    }
    return { wall: median(walls), cpu: median(cpus), cold };
  };
  const parse = await passes((m) => PostalMime.parse(m));

  // 2. full analysis, one thread: CPU per message and per-message latency (over the timed passes)
  const lat: number[] = [];
  const full = await passes((m) => analyzeMessage(m, ctx), lat);

  // 3. worker pool over `total` messages (the corpus cycled), RSS sampled along the way
  const workers = Math.max(1, os.availableParallelism());
  const pool = new AnalysisPool(workers, { org: undefined, orgs: [], brands: DEFAULT_BRANDS, auth: 'offline' });
  const rss: number[] = [process.memoryUsage().rss];
  const window = workers * 8;
  const inflight: Promise<unknown>[] = [];
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < total; i++) {
    inflight.push(pool.analyze(messages[i % messages.length]!, files[i % files.length]!, 0));
    if (inflight.length >= window) await inflight.shift();
    if (i % 1000 === 999) rss.push(process.memoryUsage().rss);
  }
  await Promise.all(inflight);
  const poolWall = Number(process.hrtime.bigint() - t0) / 1e6;
  rss.push(process.memoryUsage().rss);
  await pool.close();

  const n = messages.length;
  const mb = (b: number): number => Math.round(b / 1048576);
  return {
    corpus: { messages: n, bytes: messages.reduce((a, m) => a + m.length, 0) },
    method: `one thread: one untimed pass over the corpus, then the median of ${PASSES} timed passes (coldPass: the untimed first pass, JIT warm-up included)`,
    parseOnly: { msgPerSec: Math.round((n / parse.wall) * 1000), cpuMsPerMsg: +(parse.cpu / n).toFixed(3), coldPassCpuMsPerMsg: +(parse.cold.cpu / n).toFixed(3) },
    analysisOneThread: {
      msgPerSec: Math.round((n / full.wall) * 1000),
      cpuMsPerMsg: +(full.cpu / n).toFixed(3),
      coldPassCpuMsPerMsg: +(full.cold.cpu / n).toFixed(3),
      latencyMs: { median: +median(lat).toFixed(3), p99: +percentile(lat, 99).toFixed(3), max: +Math.max(...lat).toFixed(3) },
    },
    analysisPool: {
      workers,
      messages: total,
      msgPerSec: Math.round((total / poolWall) * 1000),
      rssMb: { start: mb(rss[0]!), after1000: mb(rss[1] ?? rss[0]!), end: mb(rss[rss.length - 1]!), max: mb(Math.max(...rss)) },
    },
    targets: { msgPerSec: 500, cpuMsPerMsg: 3, p99Ms: 50 },
  };
}
