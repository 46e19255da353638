import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (dist/bench → two levels up). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** ../shared beside the checkout: data for benchmarks and evaluations (never for tests). */
export function sharedDir(): string | undefined {
  const dir = process.env.SPEARWATCH_SHARED ?? path.resolve(ROOT, '..', 'shared');
  return fs.existsSync(dir) ? dir : undefined;
}

/** The shared data folder or a clear message naming what is missing. */
export function requireShared(what: string): string {
  const dir = sharedDir();
  if (dir === undefined || !fs.existsSync(path.join(dir, what))) {
    throw new Error(`${what} not found under ${dir ?? path.resolve(ROOT, '..', 'shared')}: this needs the shared data folder beside the checkout (or SPEARWATCH_SHARED=<dir>)`);
  }
  return dir;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

/** Run `fn` `runs` times and return each duration in milliseconds. */
export async function timeRuns(runs: number, fn: () => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

export type Suite = (args: string[]) => Promise<Record<string, unknown>>;

/**
 * The machine a figure was measured on: figures from different processors (a host without AVX-512, a slower
 * core) are not comparable, and the load average says how much the 2 cores were shared during the run.
 */
export function machine(): { cpuModel: string; cpus: number; hashExtensions: string[]; totalMemoryGB: number } {
  const cpus = os.cpus();
  let flags: string[] = [];
  try {
    const line = fs.readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('flags'));
    flags = (line?.split(':')[1] ?? '').trim().split(/\s+/);
  } catch {
    // not Linux: the model name alone
  }
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpus: cpus.length,
    hashExtensions: flags.filter((f) => f === 'sha_ni' || f === 'avx2' || f === 'avx512f'),
    totalMemoryGB: Math.round(os.totalmem() / 2 ** 30),
  };
}

/**
 * A section of the figures a suite wrote last time, for a run that skips re-measuring it (so a partial run does
 * not erase it): returned with the time and machine it was measured on, marked as carried over.
 */
export function carriedFigures(kind: 'bench' | 'eval', suite: string, key: string): Record<string, unknown> | null {
  try {
    const prev = JSON.parse(fs.readFileSync(path.join(ROOT, kind, 'results', `${suite}.json`), 'utf8')) as {
      measuredAt?: string; machine?: unknown; figures?: Record<string, unknown>;
    };
    const section = prev.figures?.[key] as Record<string, unknown> | null | undefined;
    if (section === undefined || section === null) return null;
    if ('carriedOver' in section) return section;
    return { carriedOver: { measuredAt: prev.measuredAt ?? null, machine: prev.machine ?? null }, ...section };
  } catch {
    return null;
  }
}

const loadAverage = (): number[] => os.loadavg().map((x) => Math.round(x * 10) / 10);

/**
 * Dispatch `<kind> <name> [args…]` to the named suite, print its figures and write them to
 * `<kind>/results/<name>.json` with the machine and time they were measured on.
 */
export async function runSuites(kind: 'bench' | 'eval', suites: Record<string, () => Promise<{ run: Suite }>>, argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const names = Object.keys(suites);
  if (name === undefined || name === '--help') {
    process.stdout.write(`usage: npm run ${kind} -- <${names.join('|')}|all> [options]\n`);
    return name === undefined ? 2 : 0;
  }
  const chosen = name === 'all' ? names : [name];
  for (const n of chosen) {
    const load = suites[n];
    if (load === undefined) {
      process.stderr.write(`unknown ${kind} suite "${n}"; available: ${names.join(', ')}\n`);
      return 2;
    }
    process.stderr.write(`${kind} ${n}…\n`);
    let figures: Record<string, unknown>;
    const loadAtStart = loadAverage();
    try {
      figures = await (await load()).run(args);
    } catch (e) {
      process.stderr.write(`${kind} ${n} failed: ${(e as Error).message}\n`);
      return 1;
    }
    const result = {
      suite: n, measuredAt: new Date().toISOString(), node: process.versions.node, cpus: os.cpus().length,
      machine: machine(), args, loadAverage: { start: loadAtStart, end: loadAverage() }, figures,
    };
    const dir = path.join(ROOT, kind, 'results');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${n}.json`), JSON.stringify(result, null, 2) + '\n');
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  }
  return 0;
}
