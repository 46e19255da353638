import { Worker } from 'node:worker_threads';
import type { MessageReport } from '../types.js';
import { MAIL_LIMITS } from '../limits.js';
import type { WorkerInit, WorkerReply, WorkerTask } from './protocol.js';

interface Slot {
  worker: Worker;
  busy: { task: WorkerTask; resolve: (r: MessageReport) => void; reject: (e: Error) => void; timer: NodeJS.Timeout } | null;
}

/**
 * A fixed pool of analysis workers, one task per worker at a time. A task that runs past the per-message budget
 * gets its worker terminated and replaced (the only way to stop a runaway synchronous loop), and is rejected
 * with a timeout error that the scanner turns into a named failure.
 */
export class AnalysisPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: { task: WorkerTask; resolve: (r: MessageReport) => void; reject: (e: Error) => void }[] = [];
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
    const slot: Slot = { worker, busy: null };
    worker.on('message', (m: WorkerReply) => {
      const b = slot.busy;
      if (b === null || b.task.id !== m.id) return;
      clearTimeout(b.timer);
      slot.busy = null;
      if ('report' in m) b.resolve(m.report);
      else b.reject(new Error(m.error));
      this.pump();
    });
    worker.on('error', (e) => {
      const b = slot.busy;
      slot.busy = null;
      if (b !== null) {
        clearTimeout(b.timer);
        b.reject(e);
      }
      this.replace(slot);
    });
    worker.unref();
    return slot;
  }

  private replace(slot: Slot): void {
    if (this.closed) return;
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    void slot.worker.terminate();
    this.slots[i] = this.spawn();
    this.pump();
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.busy !== null) continue;
      const next = this.waiting.shift();
      if (next === undefined) return;
      const timer = setTimeout(() => {
        if (slot.busy?.task.id !== next.task.id) return;
        slot.busy = null;
        next.reject(new Error(`analysis exceeded ${this.timeoutMs} ms`));
        this.replace(slot);
      }, this.timeoutMs);
      slot.busy = { ...next, timer };
      slot.worker.postMessage(next.task);
    }
  }

  analyze(bytes: Uint8Array, file: string, index: number): Promise<MessageReport> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ task: { id: this.nextId++, bytes, file, index }, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
