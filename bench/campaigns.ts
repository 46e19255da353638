/**
 * `npm run bench -- campaigns` (SQLite): rebuilding campaigns for 100,000 stored messages (target ≤ 15 s) and the
 * incremental update after a scan of 1,000 new messages (target ≤ 1 s). The 100,000 stored messages are
 * synthetic facts written straight into the tables (every one suspicious or malicious, so all take part: the
 * worst case). The 1,000 new ones are real demo messages analysed by the scanner beforehand (untimed) and forced
 * to take part, so the timed update includes reading their raw bytes and extracting facts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyFacts, attemptKey, Commodity, rebuildCampaigns, SELF_SENDER, updateCampaigns, type MessageFacts } from '../src/campaigns/index.js';
import { sha256Hex } from '../src/core/index.js';
import { generateScenario } from '../src/demo/index.js';
import { analyzeMessage, DEFAULT_BRANDS, saveScan, type MessageReport } from '../src/mail/index.js';
import { openStore, SqliteDb, type Db } from '../src/store/index.js';
import { median } from './harness.js';

/** Wall and CPU (user + system) milliseconds of one run: the machine is shared, so CPU shows the work itself. */
async function measure(fn: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await fn();
  const c = process.cpuUsage(c0);
  return { wall: Number(process.hrtime.bigint() - t0) / 1e6, cpu: (c.user + c.system) / 1000 };
}

/** Deterministic PRNG (mulberry32) so every run measures the same world. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ORGS = ['exa', 'exb', 'exc', 'exd'];

/** A synthetic world: crews with their IPs, domains and mailers; attempts of 1–20 copies each. */
export function syntheticFacts(total: number, seed = 1): MessageFacts[] {
  const rnd = prng(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const hex = (n: number): string => Array.from({ length: n }, () => '0123456789abcdef'[int(0, 15)]!).join('');
  const crews = Array.from({ length: Math.max(1, Math.round(total / 60)) }, (_, i) => ({
    ips: [`${int(11, 220)}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`],
    domain: `crew${i}-${hex(4)}.top`,
    mailer: rnd() < 0.4 ? `Mailer ${i % 50}.${int(0, 9)}` : null,
    target: ORGS[i % 4]!,
    files: Array.from({ length: 3 }, () => hex(64)),
  }));
  const out: MessageFacts[] = [];
  const start = Date.UTC(2025, 0, 1);
  let attempt = 0;
  while (out.length < total) {
    const crew = crews[int(0, crews.length - 1)]!;
    const copies = Math.min(int(1, 20), total - out.length);
    const t0 = start + int(0, 500) * 86_400_000;
    const sim = hex(16);
    const viaService = rnd() < 0.1;
    const sender = viaService ? `u${attempt}@gmail.com` : `info${attempt % 7}@${crew.domain}`;
    const subject = `Notice ${attempt}`;
    const file = rnd() < 0.5 ? [crew.files[int(0, 2)]!] : [];
    for (let c = 0; c < copies; c++) {
      const org = ORGS[int(0, 3)]!;
      const sha256 = sha256Hex(`${seed}:${out.length}`);
      const f: MessageFacts = {
        id: sha256, sha256, org, date: new Date(t0 + c * 60_000).toISOString(), verdict: 'malicious',
        sender: rnd() < 0.01 ? SELF_SENDER : sender, fromAddress: sender, subject, recipients: [`p${int(0, 5000)}@${org}.example`],
        originatingIp: viaService ? '209.85.220.41' : crew.ips[0]!, clientIp: viaService ? crew.ips[0]! : null,
        senderDomain: viaService ? null : crew.domain, senderLookalike: !viaService, viaService, replyTo: [],
        linkHosts: [`login.${crew.domain}`, 'bit.ly'], attachments: file, fileHashes: file, lookalikeTargets: [crew.target], btcAddresses: [],
        xMailer: crew.mailer, simhash: sim, subjectKey: subject.toLowerCase().replace(/\d+/g, '#') + ` ${attempt}`,
      };
      out.push(f);
    }
    attempt++;
  }
  return out;
}

/**
 * Write synthetic messages and their facts straight into the tables (one transaction, prepared statements). Each
 * fact's id becomes its stored message's id, as saveScan would answer it.
 */
function storeSynthetic(db: SqliteDb, facts: MessageFacts[], now: string): void {
  const raw = db.raw;
  const insRaw = raw.prepare('INSERT INTO mail_raw (sha256, size, bytes, stored_at) VALUES (?, 0, ?, ?)');
  const insMsg = raw.prepare(`INSERT INTO mail_messages (sha256, org_id, from_address, subject, originating_ip, client_ip, verdict, score, rules_version, report, first_scanned_at, last_scanned_at)
    VALUES (?, ?, ?, ?, ?, ?, 'malicious', 90, 'bench', '{}', ?, ?)`);
  const insFacts = raw.prepare('INSERT INTO campaign_facts (message_id, org_id, attempt_key, sent_at, scanned_at, facts) VALUES (?, ?, ?, ?, ?, ?)');
  const empty = Buffer.alloc(0);
  raw.transaction(() => {
    for (const f of facts) {
      insRaw.run(f.sha256, empty, now);
      f.id = String(insMsg.run(f.sha256, f.org, f.fromAddress, f.subject, f.originatingIp, f.clientIp, now, now).lastInsertRowid);
      insFacts.run(f.id, f.org, attemptKey(f), f.date, now, JSON.stringify(f));
    }
  })();
}

/** Real demo messages, analysed (untimed) and stored as suspicious so that all of them take part. */
async function storeDemo(db: Db, count: number, now: string): Promise<string[]> {
  const s = generateScenario({ seed: 11, benignCount: count });
  const ctx = { orgs: s.orgs, partnerBrands: [...DEFAULT_BRANDS, ...s.partners], authMode: 'offline' as const };
  const reports: { r: MessageReport; raw: Buffer }[] = [];
  for (const m of s.messages.slice(0, count)) {
    const r = await analyzeMessage(m.raw, { ...ctx, source: { file: m.file, index: m.index } });
    reports.push({ r: { ...r, verdict: r.verdict === 'clean' ? 'suspicious' : r.verdict }, raw: m.raw });
  }
  return db.transaction(async (tx) => {
    const ids: string[] = [];
    for (const x of reports) ids.push((await saveScan(tx, x.r, x.raw, now)).id);
    return ids;
  });
}

export async function run(): Promise<Record<string, unknown>> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-bench-campaigns-'));
  const db = await openStore({ home });
  if (!(db instanceof SqliteDb)) throw new Error('bench campaigns: expected the embedded SQLite store');
  const now = '2026-01-01T00:00:00.000Z';
  try {
    const stored = 100_000;
    const t0 = process.hrtime.bigint();
    storeSynthetic(db, syntheticFacts(stored), now);
    const seedMs = Number(process.hrtime.bigint() - t0) / 1e6;
    let last = { messages: 0, attempts: 0, campaigns: 0 };
    const rebuild: { wall: number; cpu: number }[] = [];
    for (let i = 0; i < 3; i++) {
      rebuild.push(await measure(async () => {
        const r = await rebuildCampaigns(db, { now: () => now });
        last = { messages: r.messages, attempts: r.attempts, campaigns: r.campaigns };
      }));
    }

    // incremental: 5 batches of 1,000 synthetic facts (another seed: new crews and attempts), applied directly
    const commodity = new Commodity({ orgDomains: ORGS.map((o) => `${o}.example`) });
    const batches = Array.from({ length: 5 }, (_, i) => syntheticFacts(1000, 100 + i));
    const applyTimes: { wall: number; cpu: number }[] = [];
    for (const b of batches) {
      storeSynthetic(db, b, now);
      applyTimes.push(await measure(() => db.transaction((tx) => applyFacts(tx, b.map((facts) => ({ facts, scannedAt: now })), [], commodity, now))));
    }
    // end to end on real messages: read report and raw bytes, extract facts (MIME parse, SimHash), re-cluster
    const demo = await storeDemo(db, 1000, now);
    const endToEnd = await measure(() => updateCampaigns(db, { messages: demo, now: () => now }));
    const counts = await db.get<{ c: number; a: number }>('SELECT (SELECT COUNT(*) FROM campaigns) AS c, (SELECT COUNT(*) FROM campaign_attempts) AS a');
    return {
      engine: 'sqlite',
      storedMessages: stored,
      seedWriteMs: Math.round(seedMs),
      loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10),
      rebuild: { wallMs: rebuild.map((r) => Math.round(r.wall)), medianMs: Math.round(median(rebuild.map((r) => r.wall))), medianCpuMs: Math.round(median(rebuild.map((r) => r.cpu))), targetMs: 15_000, ...last },
      add1000Facts: { wallMs: applyTimes.map((r) => Math.round(r.wall)), medianMs: Math.round(median(applyTimes.map((r) => r.wall))), medianCpuMs: Math.round(median(applyTimes.map((r) => r.cpu))), targetMs: 1000 },
      add1000RealMessagesEndToEnd: { ms: Math.round(endToEnd.wall), cpuMs: Math.round(endToEnd.cpu), messages: demo.length, targetMs: 1000 },
      afterAll: { campaigns: counts?.c, attempts: counts?.a },
    };
  } finally {
    await db.close();
    fs.rmSync(home, { recursive: true, force: true });
  }
}
