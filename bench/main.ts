import { runSuites, type Suite } from './harness.js';

/** `npm run bench -- <suite>`: one suite per capability; figures land in bench/results/<suite>.json. */
const SUITES: Record<string, () => Promise<{ run: Suite }>> = {
  store: () => import('./store.js'),
  chain: () => import('./chain.js'),
  intel: () => import('./intel.js'),
  mail: () => import('./mail.js'),
  campaigns: () => import('./campaigns.js'),
  api: () => import('./api.js'),
  trace: () => import('./trace.js'),
};

process.exitCode = await runSuites('bench', SUITES, process.argv.slice(2));
