import { parentPort, workerData } from 'node:worker_threads';
import { analyzeMessage } from '../analyze.js';
import { createResolver } from '../auth/resolver.js';
import type { AnalysisContext } from '../types.js';
import type { WorkerInit, WorkerReply, WorkerTask } from './protocol.js';

const init = workerData as WorkerInit;
const base: AnalysisContext = {
  orgs: init.orgs,
  partnerBrands: init.brands,
  authMode: init.auth === 'offline' ? 'offline' : { resolver: createResolver({ timeoutMs: init.auth.dnsTimeoutMs }) },
};
if (init.org !== undefined) base.org = init.org;

// One task at a time, in arrival order: the pool posts the next task before this one is done (so no wake-up
// is wasted between them) and times each from when the previous reply arrives. Online authentication awaits
// DNS, so without the chain two analyses could interleave and answer out of order.
let chain: Promise<void> = Promise.resolve();
parentPort?.postMessage({ ready: true } satisfies WorkerReply);
parentPort?.on('message', (task: WorkerTask) => {
  const ctx: AnalysisContext = { ...base, source: { file: task.file, index: task.index } };
  if (task.org !== undefined) ctx.org = task.org;
  chain = chain.then(() => analyzeMessage(task.bytes, ctx).then(
    (report) => parentPort?.postMessage({ id: task.id, report } satisfies WorkerReply),
    (e: unknown) => parentPort?.postMessage({ id: task.id, error: e instanceof Error ? e.message : String(e) } satisfies WorkerReply),
  ));
});
