import fs from 'node:fs';
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
    try {
      figures = await (await load()).run(args);
    } catch (e) {
      process.stderr.write(`${kind} ${n} failed: ${(e as Error).message}\n`);
      return 1;
    }
    const result = { suite: n, measuredAt: new Date().toISOString(), node: process.versions.node, cpus: (await import('node:os')).cpus().length, figures };
    const dir = path.join(ROOT, kind, 'results');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${n}.json`), JSON.stringify(result, null, 2) + '\n');
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  }
  return 0;
}
