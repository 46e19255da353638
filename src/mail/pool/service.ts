import { analyzeMessage, failureReport } from '../analyze.js';
import type { Brand, MessageReport, OrgLike } from '../types.js';
import { AnalysisPool } from './pool.js';

export interface ServiceRequest {
  /** The message's organisation; undefined: resolved from its recipients. */
  org: OrgLike | undefined;
  /**
   * Every registered organisation. Pass the same array while they do not change: a new array (by identity) starts
   * a new worker pool, since workers are started with the organisations they compare against.
   */
  orgs: readonly OrgLike[];
  /** The brands to protect; the same identity rule as `orgs`. */
  brands: readonly Brand[];
  file: string;
}

interface Generation {
  orgs: readonly OrgLike[];
  brands: readonly Brand[];
  pool: AnalysisPool;
  inflight: number;
}

/**
 * Offline analysis for a long-running process (the server): messages go to a worker pool, so analysis uses every
 * core and a runaway message costs one worker, not the event loop that serves every other request. A message
 * over the time budget or crashing its worker comes back as a failure report, as in `spearwatch scan`. With one
 * worker or none, messages are analysed inline.
 */
export class AnalysisService {
  private current: Generation | null = null;
  private readonly retired = new Set<Generation>();

  constructor(private readonly workers: number) {}

  async analyze(raw: Uint8Array, req: ServiceRequest): Promise<MessageReport> {
    if (this.workers <= 1) {
      return analyzeMessage(raw, {
        // the same arrays each time: the lookalike targets are cached by their identity
        ...(req.org === undefined ? {} : { org: req.org }),
        orgs: req.orgs as OrgLike[], partnerBrands: req.brands as Brand[], authMode: 'offline', source: { file: req.file, index: 0 },
      });
    }
    const gen = this.generation(req.orgs, req.brands);
    gen.inflight++;
    try {
      return await gen.pool.analyze(raw, req.file, 0, req.org);
    } catch (e) {
      return failureReport(raw, req.file, 0, e instanceof Error ? e.message : String(e));
    } finally {
      gen.inflight--;
      if (this.retired.has(gen) && gen.inflight === 0) {
        this.retired.delete(gen);
        void gen.pool.close();
      }
    }
  }

  /** The pool for these organisations and brands; the previous one is closed once its messages are done. */
  private generation(orgs: readonly OrgLike[], brands: readonly Brand[]): Generation {
    const cur = this.current;
    if (cur !== null && cur.orgs === orgs && cur.brands === brands) return cur;
    if (cur !== null) {
      if (cur.inflight === 0) void cur.pool.close();
      else this.retired.add(cur);
    }
    const next: Generation = { orgs, brands, pool: new AnalysisPool(this.workers, { org: undefined, orgs: [...orgs], brands: [...brands], auth: 'offline' }), inflight: 0 };
    this.current = next;
    return next;
  }

  async close(): Promise<void> {
    const all = [...this.retired, ...(this.current === null ? [] : [this.current])];
    this.retired.clear();
    this.current = null;
    await Promise.all(all.map((g) => g.pool.close()));
  }
}
