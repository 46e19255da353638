import { runSuites, type Suite } from '../bench/harness.js';

/** `npm run eval -- <suite>`: quality figures per capability, measured on data the code was not tuned on. */
const SUITES: Record<string, () => Promise<{ run: Suite }>> = {
  mail: () => import('./mail.js'),
  campaigns: () => import('./campaigns.js'),
  trace: () => import('./trace.js'),
  ui: () => import('./ui.js'),
};

process.exitCode = await runSuites('eval', SUITES, process.argv.slice(2));
