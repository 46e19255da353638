import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, CDPSession, Frame, Page } from 'playwright-core';
import { median, percentile, sharedDir, ROOT } from '../bench/harness.js';
import { canary, hostOf, launch, login, multipartOf, pageHits, serve, storedIds, watchedPage, type Served, type Watch } from '../test/browser/harness.js';
import { createTestStore } from '../test/helpers/stores.js';

/**
 * `npm run eval -- ui [--limit N]`: every HTML message of the demo scenario and of ../shared/corpus/phishing-pot
 * (1,583 real phishing mails) opened in the dashboard's message viewer in headless Chromium, counting every script
 * that runs and every request that leaves the app. The browser tests do the same for the demo and hand-made
 * attacks; this runs it on mail nobody wrote for the test.
 *
 * What is watched, and how each detector is shown not to be blind (positive controls, run first in the same
 * browser; a blind detector fails the run rather than report a reassuring zero):
 * - remote loads: Chromium runs with the canary as its proxy, so a load aimed at any host lands on a loopback port
 *   instead of leaving the machine (no phishing server hears from this evaluation even if the viewer leaks). This is
 *   the detector that matters for the body frame: Playwright reports no request of a sandboxed srcdoc frame, so the
 *   harness's request watcher sees only the app's own page. Chromium's service calls to Google also cross the
 *   proxy; they are reported apart (`browserOwnRequests`) unless the open message names that host;
 * - loads from a body frame back to the app (a relative URL resolves against it): the app's server is asked for
 *   something the page did not ask for;
 * - script execution in the body frame: a DevTools session on the frame (the sandboxed frame is its own renderer
 *   target). Chromium refuses to enable the debugger in a frame where scripts are prohibited, which proves the
 *   sandbox holds; where it does enable, every script parsed in the page's own world is counted;
 * - scripts the sandbox had to block ("Blocked script execution"): the sanitiser let script markup through;
 * - CSP violations: Chromium's console reports (frame and app) and `securitypolicyviolation` events in the app;
 * - page errors, and anything else a body frame writes to the console.
 *
 * One page, navigated by hash route (the way an analyst clicks through the inbox), a per-message timeout, and a
 * budget for the whole browser phase, so the run is bounded on a busy 2-core machine.
 */

/** One message: the detail, the sanitised body, the frame's load. Generous: the machine is shared. */
const MESSAGE_TIMEOUT_MS = 20_000;
/** The browser phase stops opening messages after this (and says how many it left); the whole run stays ≲ 15 min. */
const BROWSER_BUDGET_MS = 12 * 60_000;
/** Files per multipart upload, as the browser harness sends the demo. */
const UPLOAD_BATCH = 50;
/** Hostnames the positive controls aim at; the proxy (canary) catches them, DNS never sees them. */
const CONTROL_HOST = 'control.spearwatch-canary.test';
/** The label of findings the positive controls provoke on the viewer page: not counted. */
const CONTROL = '(control)';

interface Item { corpus: 'demo' | 'phishing-pot'; name: string; id: string; sha256: string; raw: () => Buffer }
interface Finding { message: string; kind: string; detail: string }

/** The detectors on one page, with every finding labelled with the message open at the time. */
class Observer {
  label = '(setup)';
  /** Whether what is on screen names a host (the open message's raw source): see pageHits. */
  content: (host: string) => boolean = () => false;
  readonly findings: Finding[] = [];
  readonly frames = { scriptsProhibited: 0, scriptsAllowed: 0, inProcess: 0, unhooked: 0 };
  private readonly pending = new Set<Promise<void>>();
  private readonly frameSessions: CDPSession[] = [];
  private marks = { foreign: 0, csp: 0, errors: 0, hits: 0, findings: 0 };
  readonly pageAsked: string[] = [];
  readonly serverSaw: string[] = [];
  /** Server requests minus page requests, per path: what is left over came from somewhere else. */
  private readonly unexplained = new Map<string, number>();
  private mainFrameId = '';

  private constructor(private readonly context: BrowserContext, private readonly page: Page, private readonly watch: Watch, private readonly hits: string[]) {}

  static async attach(context: BrowserContext, page: Page, watch: Watch, hits: string[], origin = '', server?: Served['app']['server']): Promise<Observer> {
    const o = new Observer(context, page, watch, hits);
    // The page's own session sees scripts of any frame rendered in the page's process.
    const session = await context.newCDPSession(page);
    const tree = await session.send('Page.getFrameTree');
    o.mainFrameId = tree.frameTree.frame.id;
    session.on('Debugger.scriptParsed', (e) => o.onScript(e.executionContextAuxData as { frameId?: string; isDefault?: boolean } | undefined, e.url, o.mainFrameId));
    await session.send('Debugger.enable');
    await session.send('Debugger.setSkipAllPauses', { skip: true });
    page.on('framenavigated', (f) => {
      if (f.parentFrame() === null) return;
      const p = o.hookFrame(f).finally(() => o.pending.delete(p));
      o.pending.add(p);
    });
    // What the app's server is asked for, against what the page says it asked for: Playwright does not report a
    // sandboxed body frame's requests, so a request the server saw and the page did not came from a body frame (a
    // relative URL there resolves against the app; the sanitiser leaves none, so one would mean a URL got through).
    page.on('request', (r) => {
      const u = r.url();
      if (u.startsWith(origin)) o.pageAsked.push(u.slice(origin.length));
    });
    server?.on('request', (req: { url?: string }) => {
      if (req.url !== undefined && req.url !== '/favicon.ico') o.serverSaw.push(req.url);
    });
    page.on('console', (m) => {
      const text = m.text();
      if (/Blocked script execution/i.test(text)) o.add('blocked-script', text);
      else if (/Content Security Policy|Refused to/i.test(text)) return; // the harness's watcher counts these
      else if (m.location().url === 'about:srcdoc') o.add('frame-console', `${m.type()}: ${text}`);
    });
    return o;
  }

  private add(kind: string, detail: string): void {
    this.findings.push({ message: this.label, kind, detail: detail.slice(0, 300) });
  }

  private onScript(aux: { frameId?: string; isDefault?: boolean } | undefined, url: string, excludeFrame: string | null): void {
    // Isolated worlds are the automation's own; the app's scripts run in the main frame.
    if (aux?.isDefault !== true || aux.frameId === excludeFrame) return;
    this.add('script', `script parsed in a body frame${url === '' ? '' : ` (${url})`}`);
  }

  /** A sandboxed srcdoc frame is its own renderer target: attach to it and try to watch its scripts. */
  private async hookFrame(f: Frame): Promise<void> {
    let s: CDPSession;
    try {
      s = await this.context.newCDPSession(f);
    } catch (e) {
      if (/does not have a separate CDP session/.test(String(e))) this.frames.inProcess++;
      else this.frames.unhooked++;
      return;
    }
    this.frameSessions.push(s);
    s.on('Debugger.scriptParsed', (e) => this.onScript(e.executionContextAuxData as { frameId?: string; isDefault?: boolean } | undefined, e.url, null));
    try {
      await s.send('Debugger.enable');
      // Not a script run yet, but the frame could run one: the sandbox is not what the viewer asks for.
      this.frames.scriptsAllowed++;
      this.add('frame-allows-scripts', 'the debugger could be enabled in the body frame: scripts are not prohibited there');
    } catch (e) {
      if (/Script execution is prohibited/.test(String(e))) this.frames.scriptsProhibited++;
      else {
        // the frame went away first (or the protocol answered something new): say so, never crash the run
        this.frames.unhooked++;
        if (!/Target closed|Session closed|detached|has been closed/i.test(String(e))) this.add('frame-unhooked', String(e));
      }
    }
  }

  /** Wait for the frame hooks, attribute what the watchers saw since the last call to the current label. */
  async settle(): Promise<Finding[]> {
    await Promise.allSettled([...this.pending]);
    for (const s of this.frameSessions.splice(0)) await s.detach().catch(() => undefined);
    const w = this.watch;
    for (const u of w.foreignRequests.slice(this.marks.foreign)) this.add('foreign-request', u);
    for (const c of w.cspViolations.slice(this.marks.csp)) this.add('csp-violation', c);
    for (const e of w.pageErrors.slice(this.marks.errors)) this.add('page-error', e);
    for (const u of this.serverSaw.splice(0)) this.unexplained.set(u, (this.unexplained.get(u) ?? 0) + 1);
    for (const u of this.pageAsked.splice(0)) this.unexplained.set(u, (this.unexplained.get(u) ?? 0) - 1);
    for (const [u, n] of this.unexplained) {
      if (n > 0) {
        this.add('unasked-app-request', `the app served ${u} to something other than the page`);
        this.unexplained.set(u, 0);
      }
    }
    const fresh = this.hits.slice(this.marks.hits);
    const page = new Set(pageHits(fresh, this.content));
    for (const h of fresh) this.add(page.has(h) ? 'canary' : 'browser-own', h);
    const from = this.marks.findings;
    this.marks = { foreign: w.foreignRequests.length, csp: w.cspViolations.length, errors: w.pageErrors.length, hits: this.hits.length, findings: this.findings.length };
    return this.findings.slice(from);
  }

  /** Findings of one kind, the positive controls' own left out. */
  count(kind: string): number {
    return this.findings.filter((f) => f.kind === kind && f.message !== CONTROL).length;
  }
}

/** Show each detector firing on content built to fire it, in the same browser and proxy as the real run. */
async function positiveControls(context: BrowserContext, hits: string[]): Promise<Record<string, boolean>> {
  const { page, watch } = await watchedPage(context, 'http://127.0.0.1:1');
  const o = await Observer.attach(context, page, watch, hits);
  const q = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  const frameCsp = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'"><img src="http://${CONTROL_HOST}/csp.gif">`;
  await page.setContent([
    `<img src="http://${CONTROL_HOST}/http.gif"><img src="https://${CONTROL_HOST}/https.gif">`,
    `<iframe sandbox="allow-scripts" srcdoc="${q('<script>var swControl = 1;</script>')}"></iframe>`,
    `<iframe sandbox="" srcdoc="${q('<script>var swControl = 2;</script><p>x</p>')}"></iframe>`,
    `<iframe sandbox="" srcdoc="${q(frameCsp)}"></iframe>`,
    `<iframe sandbox="" srcdoc="${q(`<img src="http://${CONTROL_HOST}/frame.gif">`)}"></iframe>`,
  ].join('\n'));
  for (const f of page.frames()) await f.waitForLoadState('load');
  await page.waitForTimeout(1000);
  const found = await o.settle();
  await page.close();
  const has = (kind: string, re: RegExp = /./): boolean => found.some((f) => f.kind === kind && re.test(f.detail));
  hits.length = 0;
  const controls = {
    foreignRequestSeen: has('foreign-request', new RegExp(`http://${CONTROL_HOST}/http`)),
    canarySeesHttp: has('canary', new RegExp(`http://${CONTROL_HOST}/http`)),
    canarySeesHttps: has('canary', new RegExp(`CONNECT ${CONTROL_HOST}:443`)),
    scriptInScriptableFrameSeen: has('script'),
    sandboxedFrameProhibitsScripts: o.frames.scriptsProhibited >= 3,
    blockedScriptSeen: has('blocked-script'),
    frameCspViolationSeen: has('csp-violation', /Content Security Policy/),
    canarySeesBodyFrameLoad: has('canary', /frame\.gif/),
  };
  const blind = Object.entries(controls).filter(([, ok]) => !ok).map(([k]) => k);
  if (blind.length > 0) throw new Error(`a detector is blind (positive control failed: ${blind.join(', ')}); findings: ${JSON.stringify(found)}`);
  return controls;
}

/** Upload a folder's .eml files through the API in multipart batches; a refused batch is retried file by file. */
async function uploadFolder(srv: Served, dir: string): Promise<{ items: Item[]; failures: { file: string; status: number; error: string }[]; seconds: number }> {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.eml')).sort();
  const items: Item[] = [];
  const failures: { file: string; status: number; error: string }[] = [];
  const t0 = Date.now();
  const send = async (batch: string[]): Promise<{ status: number; body: string }> => {
    const { body, headers } = multipartOf(batch.map((f) => ({ name: f, bytes: fs.readFileSync(path.join(dir, f)) })));
    const r = await srv.app.inject({ method: 'POST', url: '/api/v1/messages', headers: { authorization: `Bearer ${srv.adminToken}`, ...headers }, payload: body });
    return { status: r.statusCode, body: r.body };
  };
  const take = (body: string): void => {
    const p = JSON.parse(body) as { items: { id: string; file: string; report: { sha256: string } }[] };
    for (const i of p.items) items.push({ corpus: 'phishing-pot', name: i.file, id: i.id, sha256: i.report.sha256, raw: () => fs.readFileSync(path.join(dir, i.file)) });
  };
  for (let i = 0; i < files.length; i += UPLOAD_BATCH) {
    const batch = files.slice(i, i + UPLOAD_BATCH);
    const r = await send(batch);
    if (r.status === 200) take(r.body);
    else {
      for (const f of batch) {
        const one = await send([f]);
        if (one.status === 200) take(one.body);
        else failures.push({ file: f, status: one.status, error: one.body.slice(0, 200) });
      }
    }
    if ((i / UPLOAD_BATCH) % 8 === 7) process.stderr.write(`  uploaded ${Math.min(i + UPLOAD_BATCH, files.length)}/${files.length}\n`);
  }
  return { items, failures, seconds: (Date.now() - t0) / 1000 };
}

/** The viewer's body for each message, as the dashboard asks for it: only those with an HTML body are opened. */
async function htmlOnly(srv: Served, items: Item[]): Promise<{ html: Item[]; kinds: Record<string, number>; bodyRouteMs: number[] }> {
  const html: Item[] = [];
  const kinds: Record<string, number> = {};
  const bodyRouteMs: number[] = [];
  for (const it of items) {
    const t = process.hrtime.bigint();
    const r = await srv.app.inject({ method: 'GET', url: `/api/v1/messages/${it.id}/body`, headers: { authorization: `Bearer ${srv.adminToken}` } });
    bodyRouteMs.push(Number(process.hrtime.bigint() - t) / 1e6);
    const kind = r.statusCode === 200 ? r.json<{ kind: string }>().kind : `http ${r.statusCode}`;
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    if (kind === 'html') html.push(it);
  }
  return { html, kinds, bodyRouteMs };
}

const APP_CSP_LISTENER = `(() => {
  window.__swCsp = window.__swCsp ?? [];
  document.addEventListener('securitypolicyviolation', (e) => window.__swCsp.push(location.hash + ' ' + e.violatedDirective + ' ' + e.blockedURI), true);
})()`;

async function takeAppCsp(page: Page): Promise<string[]> {
  return page.evaluate<string[]>('(() => { const v = window.__swCsp ?? []; window.__swCsp = []; return v; })()').catch(() => []);
}

function countBy(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}

function ms(x: number): number {
  return Math.round(x * 10) / 10;
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const li = args.indexOf('--limit');
  const limit = li >= 0 ? Number(args[li + 1]) : Infinity;
  if (!(limit > 0)) throw new Error('--limit takes a positive number of phishing-pot messages to open');
  const shared = sharedDir() ?? process.env.SPEARWATCH_SHARED ?? path.resolve(ROOT, '..', 'shared');
  const potDir = path.join(shared, 'corpus', 'phishing-pot');
  const havePot = fs.existsSync(potDir);
  if (!havePot) console.error(`ui eval: ${potDir} not found (the shared data folder beside the checkout, or SPEARWATCH_SHARED=<dir>): only the demo's mail is opened`);

  const tStart = Date.now();
  const s = await createTestStore('sqlite');
  const trap = await canary();
  let srv: Served | undefined;
  let browser: { context: BrowserContext; close: () => Promise<void> } | undefined;
  try {
    srv = await serve(s, { seed: 1, uploadAll: true });
    const demo = new Map(srv.scenario.messages.map((m) => [m.sha256, m]));
    const demoItems: Item[] = [...(await storedIds(srv))].map(([sha, id]) => ({
      corpus: 'demo', name: demo.get(sha)?.id ?? id, id, sha256: sha, raw: () => demo.get(sha)?.raw ?? Buffer.alloc(0),
    }));
    process.stderr.write(`ui eval: demo stored (${demoItems.length} messages)\n`);
    const pot = havePot ? await uploadFolder(srv, potDir) : undefined;
    if (pot !== undefined) process.stderr.write(`ui eval: phishing-pot uploaded (${pot.items.length} stored, ${pot.failures.length} refused) in ${pot.seconds.toFixed(1)} s\n`);
    // one copy per stored message (the corpus may repeat a message byte for byte)
    const potItems = [...new Map((pot?.items ?? []).map((i) => [i.id, i])).values()];
    const demoHtml = await htmlOnly(srv, demoItems);
    const potHtml = await htmlOnly(srv, potItems);
    const toOpen = [...demoHtml.html, ...potHtml.html.slice(0, limit)];
    process.stderr.write(`ui eval: opening ${toOpen.length} HTML bodies (${demoHtml.html.length} demo, ${Math.min(limit, potHtml.html.length)} phishing-pot)\n`);

    // Every load to any other host goes to the canary (the proxy) instead of the network; loopback stays direct.
    browser = await launch(undefined, [`--proxy-server=${trap.url}`]);
    const controls = await positiveControls(browser.context, trap.hits);

    const { page, watch } = await watchedPage(browser.context, srv.origin);
    const obs = await Observer.attach(browser.context, page, watch, trap.hits, srv.origin, srv.app.server);
    await login(page, srv.url, srv.admin);
    await page.evaluate(APP_CSP_LISTENER);
    // Positive control for the app document's own listener: a remote image the app's CSP must refuse.
    obs.label = CONTROL;
    await page.evaluate(`(() => { const i = document.createElement('img'); i.id = 'sw-control'; i.src = 'http://${CONTROL_HOST}/app-csp.gif'; document.body.appendChild(i); })()`);
    await page.waitForTimeout(300);
    await page.evaluate(`document.getElementById('sw-control').remove()`);
    // …and for the server-side cross-check: a sandboxed frame in the app document loading a relative URL.
    await page.evaluate(`(() => { const f = document.createElement('iframe'); f.id = 'sw-control-frame'; f.sandbox = ''; f.srcdoc = '<img src="/api/v1/health?sw-control">'; document.body.appendChild(f); })()`);
    await page.waitForTimeout(500);
    await page.evaluate(`document.getElementById('sw-control-frame').remove()`);
    const appControl = await takeAppCsp(page);
    const appControlFindings = await obs.settle();
    controls.appCspListenerSeen = appControl.length > 0;
    controls.appCspConsoleSeen = appControlFindings.some((f) => f.kind === 'csp-violation');
    controls.unaskedAppRequestSeen = appControlFindings.some((f) => f.kind === 'unasked-app-request' && f.detail.includes('sw-control'));
    Object.assign(obs.frames, { scriptsProhibited: 0, scriptsAllowed: 0, inProcess: 0, unhooked: 0 });
    const blindInApp = Object.entries(controls).filter(([, ok]) => !ok).map(([k]) => k);
    if (blindInApp.length > 0) throw new Error(`a detector is blind in the app document (${blindInApp.join(', ')}): listener ${JSON.stringify(appControl)}, findings ${JSON.stringify(appControlFindings)}`);
    const appCsp: string[] = [];
    const times: number[] = [];
    const timedOut: string[] = [];
    const offenders = new Map<string, Set<string>>();
    const opened = { demo: 0, 'phishing-pot': 0 };
    const tBrowser = Date.now();
    let unopened = 0;
    for (const [n, it] of toOpen.entries()) {
      if (Date.now() - tBrowser > BROWSER_BUDGET_MS) {
        unopened = toOpen.length - n;
        break;
      }
      const label = `${it.corpus}:${it.name}`;
      obs.label = label;
      const raw = it.raw().toString('latin1').toLowerCase();
      obs.content = (host) => raw.includes(host);
      const t = process.hrtime.bigint();
      try {
        await page.goto(`${srv.url}#/messages/${it.id}`, { timeout: MESSAGE_TIMEOUT_MS });
        // the new message's detail (its hash) and its body frame, not the previous message's
        // (locators, not page functions: the app's CSP rightly refuses the string evaluation those need)
        await page.locator('dl.facts code.hash', { hasText: it.sha256 }).waitFor({ timeout: MESSAGE_TIMEOUT_MS });
        const frame = await (await page.waitForSelector('iframe.body-frame', { timeout: MESSAGE_TIMEOUT_MS })).contentFrame();
        if (frame === null || frame === undefined) throw new Error('the body frame went away');
        await frame.waitForLoadState('load', { timeout: MESSAGE_TIMEOUT_MS });
        opened[it.corpus]++;
      } catch (e) {
        timedOut.push(`${label}: ${(e as Error).message.split('\n')[0]!.slice(0, 160)}`);
        await page.reload({ timeout: 60_000 }).catch(() => undefined);
        await page.evaluate(APP_CSP_LISTENER).catch(() => undefined);
      }
      const found = await obs.settle();
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
      for (const f of found) if (f.kind !== 'browser-own') (offenders.get(f.message) ?? offenders.set(f.message, new Set()).get(f.message)!).add(f.kind);
      if (n % 200 === 199) {
        appCsp.push(...await takeAppCsp(page));
        process.stderr.write(`  opened ${n + 1}/${toOpen.length}, median ${ms(median(times))} ms, ${obs.findings.length} findings\n`);
      }
    }
    // late loads (lazy images, timers) would still be caught: give them a moment, then collect
    obs.label = '(after the last message)';
    await page.waitForTimeout(1000);
    for (const f of await obs.settle()) if (f.kind !== 'browser-own') (offenders.get(f.message) ?? offenders.set(f.message, new Set()).get(f.message)!).add(f.kind);
    appCsp.push(...await takeAppCsp(page));
    const browserSeconds = (Date.now() - tBrowser) / 1000;
    const total = opened.demo + opened['phishing-pot'];

    const reportable = obs.findings.filter((x) => x.kind !== 'browser-own' && x.message !== CONTROL);
    for (const f of reportable.slice(0, 60)) console.error(`  ${f.message} ${f.kind}: ${f.detail}`);
    for (const t of timedOut.slice(0, 20)) console.error(`  timed out ${t}`);
    const figures = {
      corpora: {
        demo: { stored: demoItems.length, bodies: demoHtml.kinds, htmlBodies: demoHtml.html.length, opened: opened.demo },
        phishingPot: pot === undefined
          ? { skipped: `${potDir} not found` }
          : {
            files: pot.items.length + pot.failures.length, stored: potItems.length, refused: pot.failures, uploadSeconds: Math.round(pot.seconds * 10) / 10,
            bodies: potHtml.kinds, htmlBodies: potHtml.html.length, opened: opened['phishing-pot'],
          },
      },
      messagesOpened: total,
      htmlBodies: demoHtml.html.length + potHtml.html.length,
      scriptExecutions: obs.count('script'),
      framesAllowingScripts: obs.frames.scriptsAllowed,
      blockedScriptAttempts: obs.count('blocked-script'),
      foreignRequests: obs.count('foreign-request'),
      canaryHits: obs.count('canary'),
      cspViolations: obs.count('csp-violation') + appCsp.length,
      appCspEvents: appCsp.slice(0, 20),
      pageErrors: obs.count('page-error'),
      browserOwnRequests: countBy(obs.findings.filter((f) => f.kind === 'browser-own').map((f) => hostOf(f.detail))),
      frameConsoleMessages: obs.count('frame-console'),
      unaskedAppRequests: obs.count('unasked-app-request'),
      bodyFrames: obs.frames,
      timedOut,
      unopenedForBudget: unopened,
      msPerMessage: { median: ms(median(times)), p99: ms(percentile(times, 99)), max: ms(Math.max(...times)) },
      messagesPerSecond: Math.round((total / browserSeconds) * 10) / 10,
      bodyRouteMs: { median: ms(median([...demoHtml.bodyRouteMs, ...potHtml.bodyRouteMs])), p99: ms(percentile([...demoHtml.bodyRouteMs, ...potHtml.bodyRouteMs], 99)) },
      browserSeconds: Math.round(browserSeconds),
      totalSeconds: Math.round((Date.now() - tStart) / 1000),
      offenders: Object.fromEntries([...offenders].map(([m, k]) => [m, [...k]])),
      findings: reportable.slice(0, 200),
      positiveControls: controls,
      limits: { messageTimeoutMs: MESSAGE_TIMEOUT_MS, browserBudgetMs: BROWSER_BUDGET_MS, potLimit: Number.isFinite(limit) ? limit : null },
      targets: { scriptExecutions: 0, foreignRequests: 0 },
    };
    console.error(`\nui eval: ${total} HTML bodies opened (${opened.demo} demo, ${opened['phishing-pot']} phishing-pot) in ${Math.round(browserSeconds)} s; ` +
      `scripts run ${figures.scriptExecutions}, blocked ${figures.blockedScriptAttempts}, foreign requests ${figures.foreignRequests}, canary ${figures.canaryHits}, ` +
      `CSP ${figures.cspViolations}, page errors ${figures.pageErrors}; median ${figures.msPerMessage.median} ms, p99 ${figures.msPerMessage.p99} ms`);
    return figures;
  } finally {
    await browser?.close();
    await trap.close();
    await srv?.close();
    await s.close();
  }
}
