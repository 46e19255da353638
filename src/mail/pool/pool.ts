import { Worker } from 'node:worker_threads';
import type { MessageReport, OrgLike } from '../types.js';
import { MAIL_LIMITS } from '../limits.js';
import type { WorkerInit, WorkerReply, WorkerTask } from './protocol.js';

interface Pending {
  task: WorkerTask;
  resolve: (r: MessageReport) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Tasks posted to this worker, oldest first; the worker runs them in that order, the head is running. */
  queue: Pending[];
  /** The head's time budget. */
  timer: NodeJS.Timeout | null;
  /** The worker has loaded its code: loading (seconds on a busy machine) does not count against a message. */
  ready: boolean;
}

/**
 * Tasks posted to one worker at a time. Two: while the worker analyses one message the next is already in its
 * port, so it never sits idle waiting for the main thread to answer a reply with new work (on a loaded machine
 * that round trip is a scheduler wake-up each way). More would only delay the replacement of a stuck worker.
 */
const PER_WORKER = 2;

/**
 * A fixed pool of analysis workers. A task that runs past the per-message budget (counted from when its worker
 * starts it) gets its worker terminated and replaced (the only way to stop a runaway synchronous loop), and is
 * rejected with a timeout error that the scanner turns into a named failure; the task queued behind it is
 * re-run on the replacement.
 */
export class AnalysisPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly size: number, private readonly init: WorkerInit, private readonly timeoutMs: number = MAIL_LIMITS.workerTimeoutMs) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    // a heap cap per worker bounds what one hostile message can take; blowing it kills only that worker
    const worker = new Worker(new URL('./worker.js', import.meta.url), {
      workerData: this.init,
      resourceLimits: { maxOldGenerationSizeMb: MAIL_LIMITS.workerHeapMb, maxYoungGenerationSizeMb: 32 },
    });
    const slot: Slot = { worker, queue: [], timer: null, ready: false };
    worker.on('message', (m: WorkerReply) => {
      if ('ready' in m) {
        slot.ready = true;
        this.arm(slot);
        return;
      }
      const head = slot.queue[0];
      if (head === undefined || head.task.id !== m.id) return;
      slot.queue.shift();
      // an idle worker must not keep the process alive; a busy one must (its budget timer may not run yet)
      if (slot.queue.length === 0) worker.unref();
      this.arm(slot);
      if ('report' in m) head.resolve(m.report);
      else head.reject(new Error(m.error));
      this.pump();
    });
    worker.on('error', (e) => {
      const [head, ...rest] = slot.queue;
      slot.queue = [];
      if (head !== undefined) head.reject(e);
      this.replace(slot, rest);
    });
    worker.unref();
    return slot;
  }

  /** Start the budget of the task now at the head (the worker begins it as soon as the previous one is done). */
  private arm(slot: Slot): void {
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.timer = null;
    const head = slot.queue[0];
    if (head === undefined || !slot.ready) return;
    slot.timer = setTimeout(() => {
      if (slot.queue[0] !== head) return;
      const rest = slot.queue.slice(1);
      slot.queue = [];
      head.reject(new Error(`analysis exceeded ${this.timeoutMs} ms`));
      this.replace(slot, rest);
    }, this.timeoutMs);
  }

  /** Replace a dead or stuck worker; tasks it had not started go back to the front of the line. */
  private replace(slot: Slot, requeue: Pending[]): void {
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.timer = null;
    this.waiting.unshift(...requeue);
    if (this.closed) {
      for (const p of this.waiting.splice(0)) p.reject(new Error('analysis pool closed'));
      return;
    }
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    void slot.worker.terminate();
    this.slots[i] = this.spawn();
    this.pump();
  }

  private pump(): void {
    for (let depth = 1; depth <= PER_WORKER; depth++) {
      // fill every worker to one task before any gets a second, so work spreads over all of them
      for (const slot of this.slots) {
        if (slot.queue.length >= depth) continue;
        const next = this.waiting.shift();
        if (next === undefined) return;
        slot.queue.push(next);
        if (slot.queue.length === 1) {
          slot.worker.ref();
          this.arm(slot);
        }
        slot.worker.postMessage(next.task);
      }
    }
  }

  /** Analyse one message; `org` overrides the pool's organisation for it (null: none). */
  analyze(bytes: Uint8Array, file: string, index: number, org?: OrgLike | null): Promise<MessageReport> {
    return new Promise((resolve, reject) => {
      const task: WorkerTask = { id: this.nextId++, bytes, file, index };
      if (org !== undefined) task.org = org;
      this.waiting.push({ task, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const s of this.slots) if (s.timer !== null) clearTimeout(s.timer);
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
