import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig } from '../../src/core/index.js';
import { generateScenario, type Scenario } from '../../src/demo/index.js';
import { buildApp, type App } from '../../src/http/index.js';
import { createApiToken, upsertUser } from '../../src/identity/index.js';
import { upsertOrgs } from '../../src/orgs/index.js';
import { tempDir, type TestStore } from '../helpers/stores.js';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../test/browser/screenshots');
export const PASSWORD = 'correct horse battery staple';

/** Browser tests drive Debian's Chromium; without it they fail (never skip) and say how to get it. */
export function requireChromium(): void {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: the browser tests need Debian's Chromium (apt-get install chromium)`);
}

/** The flags every browser test and the UI evaluation run Chromium with. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Chromium with a fresh profile (its own --user-data-dir, removed afterwards); `extraArgs` go after the common flags. */
export async function launch(viewport = { width: 1280, height: 800 }, extraArgs: readonly string[] = []): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  requireChromium();
  const profile = tempDir('spearwatch-chromium-');
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport,
      args: [...CHROMIUM_ARGS, ...extraArgs],
    });
    return {
      context,
      close: async () => {
        await context.close();
        fs.rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (e) {
    fs.rmSync(profile, { recursive: true, force: true });
    throw e;
  }
}

export interface Served {
  app: App;
  url: string;
  origin: string;
  scenario: Scenario;
  analyst: string;
  admin: string;
  adminToken: string;
  close(): Promise<void>;
}

/**
 * The real server on a loopback port over a test store, with the demo scenario's organisations, an analyst
 * and an admin of the first one, and (optionally) the scenario's mail uploaded through the API.
 */
export async function serve(s: TestStore, opts: { seed?: number; benign?: number; uploadAll?: boolean } = {}): Promise<Served> {
  const scenario = generateScenario({ seed: opts.seed ?? 1, ...(opts.benign === undefined ? {} : { benignCount: opts.benign }) });
  const first = scenario.orgs[0]!;
  let adminToken = '';
  await s.db.transaction(async (tx) => {
    await upsertOrgs(tx, scenario.orgs);
    adminToken = (await createApiToken(tx, { orgId: first.id, role: 'admin', name: 'browser test admin' })).token;
  });
  const analyst = `analyst@${first.domains[0]!}`;
  const admin = `admin@${first.domains[0]!}`;
  await upsertUser(s.db, { email: analyst, orgId: first.id, role: 'analyst', password: PASSWORD });
  await upsertUser(s.db, { email: admin, orgId: first.id, role: 'admin', password: PASSWORD });
  const app = await buildApp({ db: s.db, config: loadConfig({ env: {}, home: s.home }) });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  if (opts.uploadAll === true) {
    const bundle = multipartOf([{ name: 'demo-stix.json', bytes: Buffer.from(JSON.stringify(scenario.stix)) }]);
    const stix = await app.inject({
      method: 'POST', url: '/api/v1/intel/import?format=stix', headers: { authorization: `Bearer ${adminToken}`, ...bundle.headers }, payload: bundle.body,
    });
    if (stix.statusCode !== 200) throw new Error(`intel import failed: ${stix.body}`);
    // 50 files per multipart upload: the way a person drops a folder, and one campaign update per batch
    for (let i = 0; i < scenario.messages.length; i += 50) {
      const batch = scenario.messages.slice(i, i + 50);
      const { body, headers } = multipartOf(batch.map((m) => ({ name: `${m.id}.eml`, bytes: m.raw })));
      const r = await app.inject({ method: 'POST', url: '/api/v1/messages', headers: { authorization: `Bearer ${adminToken}`, ...headers }, payload: body });
      if (r.statusCode !== 200) throw new Error(`upload of ${batch[0]!.id}… failed: ${r.body}`);
    }
  }
  return { app, url, origin: new URL(url).origin, scenario, analyst, admin, adminToken, close: () => app.close() };
}

/** Every stored message's id by its SHA-256, read through the API as an admin. */
export async function storedIds(srv: Served): Promise<Map<string, string>> {
  type Listing = { items: { id: string; sha256: string }[]; nextCursor: string | null };
  const bySha = new Map<string, string>();
  for (let cursor: string | null = ''; cursor !== null;) {
    const r: { json<T>(): T } = await srv.app.inject({ method: 'GET', url: `/api/v1/messages?limit=500&cursor=${cursor}`, headers: { authorization: `Bearer ${srv.adminToken}` } });
    const p: Listing = r.json<Listing>();
    for (const i of p.items) bySha.set(i.sha256, i.id);
    cursor = p.nextCursor;
  }
  return bySha;
}

/** A multipart/form-data upload of several files, the way the dashboard's drop zone sends them. */
export function multipartOf(files: { name: string; bytes: Buffer }[]): { body: Buffer; headers: Record<string, string> } {
  const b = 'spearwatchboundary7f3a9c';
  const parts = files.flatMap((f) => [
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    f.bytes, Buffer.from('\r\n'),
  ]);
  return { body: Buffer.concat([...parts, Buffer.from(`--${b}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

/**
 * Everything a page does that it should not: CSP violations, page errors, requests to any other origin.
 * Playwright does not report requests made by a sandboxed srcdoc frame (an opaque-origin frame Chromium renders in
 * its own process): `foreignRequests` is blind to the message body frame. Run the browser with the canary as its
 * proxy (`launch(…, [`--proxy-server=${trap.url}`])`) to see those.
 */
export interface Watch {
  foreignRequests: string[];
  cspViolations: string[];
  pageErrors: string[];
}

export async function watchedPage(context: BrowserContext, origin: string): Promise<{ page: Page; watch: Watch }> {
  const page = await context.newPage();
  const watch: Watch = { foreignRequests: [], cspViolations: [], pageErrors: [] };
  page.on('request', (r) => {
    const u = r.url();
    if (u.startsWith('data:') || u === 'about:srcdoc' || u === 'about:blank') return;
    try {
      if (new URL(u).origin !== origin) watch.foreignRequests.push(u);
    } catch {
      watch.foreignRequests.push(u);
    }
  });
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) watch.cspViolations.push(m.text());
  });
  page.on('pageerror', (e) => watch.pageErrors.push(e.message));
  return { page, watch };
}

export async function login(page: Page, base: string, email: string): Promise<void> {
  await page.goto(base);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Inbox' }).waitFor();
}

export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  // Full-page captures can miss the sandboxed body frame's paint (it renders out of process); shoot it alone too.
  const frame = page.locator('iframe.body-frame');
  if (await frame.count() === 1) await frame.screenshot({ path: path.join(SCREENSHOTS, `${name}-body.png`) });
}

/**
 * Hosts Chromium's own services call over HTTPS whatever the flags (account and GCM check-ins, autofill and
 * password-leak checks prompted by the app's login and search forms, safe browsing): through the canary proxy they
 * arrive as `CONNECT host:443` that no page asked for.
 */
export const CHROMIUM_SERVICE_HOSTS: ReadonlySet<string> = new Set([
  'accounts.google.com', 'android.clients.google.com', 'clients2.google.com', 'www.google.com', 'update.googleapis.com',
  'content-autofill.googleapis.com', 'passwordsleakcheck-pa.googleapis.com', 'optimizationguide-pa.googleapis.com', 'safebrowsing.googleapis.com',
]);

/** The host of a URL, or of a proxy's `CONNECT host:port`. */
export function hostOf(u: string): string {
  const connect = /^CONNECT ([^:\s]+)/.exec(u);
  if (connect !== null) return connect[1]!.toLowerCase();
  try {
    return new URL(u).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/**
 * The one call Chromium makes over plain HTTP whatever the flags (Chromium 156 checks for component updates even
 * with --disable-component-update): the update protocol's endpoint, its request signed with CUP rather than sent
 * over TLS (`http://update.googleapis.com/service/update2/json?cup2key=…`).
 */
function isComponentUpdateCheck(hit: string): boolean {
  try {
    const u = new URL(hit);
    return u.protocol === 'http:' && u.hostname === 'update.googleapis.com' && u.pathname === '/service/update2/json' && u.searchParams.has('cup2key');
  } catch {
    return false;
  }
}

/**
 * The canary's hits that could have come from a page: Chromium's own service calls (HTTPS tunnels to the hosts
 * above, and the component-update check over plain HTTP) are left out unless `content` (what the pages were shown)
 * names that host, so mail that loads from one of them is still caught. Any other plain HTTP is always counted.
 */
export function pageHits(hits: readonly string[], content: (host: string) => boolean): string[] {
  return hits.filter((h) => {
    const own = (h.startsWith('CONNECT ') && CHROMIUM_SERVICE_HOSTS.has(hostOf(h))) || isComponentUpdateCheck(h);
    return !(own && !content(hostOf(h)));
  });
}

/**
 * A plain HTTP server on another loopback port: any hit on it is a remote load or a script that ran. It also
 * answers as Chromium's proxy (`--proxy-server=<url>`), so a load aimed at any host lands here instead of leaving
 * the machine: plain HTTP arrives as an absolute URL, HTTPS as `CONNECT host:port` (refused, and recorded).
 */
export async function canary(): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/gif' });
    res.end();
  });
  server.on('connect', (req: http.IncomingMessage, socket: Duplex) => {
    hits.push(`CONNECT ${req.url ?? ''}`);
    socket.on('error', () => undefined);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    // a browser keeps its proxy connections alive: end them, or close() waits for the browser
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
