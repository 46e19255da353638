import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { engineTest } from '../helpers/stores.js';

const ROOT = process.cwd();
const FIX = path.join(ROOT, 'test', 'fixtures', 'mail');
const BIN = path.join(ROOT, 'bin', 'spearwatch.js');

function cli(env: Record<string, string>, args: string[], input?: string): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', input, timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function lines(out: string): Record<string, unknown>[] {
  return out.trim().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
}

function addAcme(env: Record<string, string>): void {
  const r = cli(env, ['org', 'add', 'acme', '--name', 'Acme Exchange', '--domain', 'acme-exchange.com', '--authserv-id', 'mx.acme-exchange.com', '--trusted-relay', '10.0.0.0/8', '--trusted-relay', '52.10.20.30']);
  assert.equal(r.code, 0, r.err);
}

engineTest('mail scan: folder of eml/mbox/Maildir, JSON contract, org from recipients, stored once', async (_t, s) => {
  addAcme(s.env);
  const r = cli(s.env, ['scan', path.join(FIX, 'own'), '--offline', '--json', '--workers', '2']);
  assert.equal(r.code, 0, r.err);
  const reports = lines(r.out);
  // benign, extortion, lookalike-spear, maildir cur+new, three.mbox ×3 (tmp/ ignored)
  assert.equal(reports.length, 8);
  const spear = reports.find((x) => String(x.file).endsWith('lookalike-spear.eml'))!;
  assert.equal(spear.verdict, 'malicious');
  assert.equal(spear.org, 'acme');
  const mbox = reports.filter((x) => String(x.file).endsWith('three.mbox'));
  assert.deepEqual(mbox.map((x) => x.index), [0, 1, 2]);
  assert.deepEqual(mbox.map((x) => x.subject), ['one', 'two', 'three']);
  const raw = await s.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM mail_raw');
  // maildir copies are byte-identical to benign.eml and extortion.eml: stored once
  assert.equal(Number(raw?.n), 6);
  const again = cli(s.env, ['scan', path.join(FIX, 'own'), '--offline', '--json']);
  assert.equal(again.code, 0, again.err);
  assert.equal(Number((await s.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM mail_raw'))?.n), 6);
  assert.equal(Number((await s.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM mail_messages'))?.n), 6);
  assert.equal(Number((await s.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM mail_sources'))?.n), 8);
  const obs = await s.db.all<{ value: string }>("SELECT value FROM mail_observables WHERE type = 'ipv4'");
  assert.ok(obs.some((o) => o.value === '45.77.12.34'));
});

engineTest('mail scan: --no-store stores nothing; --fail-on sets exit 1; stdin works', async (_t, s) => {
  addAcme(s.env);
  const spear = path.join(FIX, 'own', 'lookalike-spear.eml');
  const r = cli(s.env, ['scan', spear, '--offline', '--json', '--no-store', '--fail-on', 'malicious']);
  assert.equal(r.code, 1, r.err);
  assert.equal(lines(r.out)[0]?.verdict, 'malicious');
  assert.equal(Number((await s.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM mail_raw'))?.n), 0);
  const benign = cli(s.env, ['scan', path.join(FIX, 'own', 'benign.eml'), '--offline', '--fail-on', 'suspicious']);
  assert.equal(benign.code, 0, benign.err);
  assert.match(benign.out, /VERDICT/);
  const stdin = cli(s.env, ['scan', '-', '--offline', '--json', '--org', 'acme'], fs.readFileSync(spear, 'utf8'));
  assert.equal(stdin.code, 0, stdin.err);
  assert.equal(lines(stdin.out)[0]?.file, '-');
  assert.equal(lines(stdin.out)[0]?.org, 'acme');
});

engineTest('mail scan: first contact from a sender domain, then known; unreadable paths are skipped, not fatal', async (_t, s) => {
  addAcme(s.env);
  const first = lines(cli(s.env, ['scan', path.join(FIX, 'own', 'benign.eml'), '--offline', '--json']).out)[0]!;
  assert.ok((first.signals as { id: string }[]).some((x) => x.id === 'sender.first-contact'));
  const dir = fs.mkdtempSync(path.join(s.home, 'm-'));
  const base = fs.readFileSync(path.join(FIX, 'own', 'benign.eml'), 'utf8');
  // Another copy of the same mailing (same subject, another Message-ID) is the same first contact: identical
  // copies get the same verdict whatever order they are scanned in.
  fs.writeFileSync(path.join(dir, 'copy.eml'), base.replace('Message-ID: <minutes-1@', 'Message-ID: <minutes-3@'));
  const copy = lines(cli(s.env, ['scan', path.join(dir, 'copy.eml'), '--offline', '--json']).out)[0]!;
  assert.ok((copy.signals as { id: string }[]).some((x) => x.id === 'sender.first-contact'));
  assert.equal(copy.verdict, first.verdict);
  // Mail of another subject from the same domain: the domain is known now.
  const other = base.replace('Message-ID: <minutes-1@', 'Message-ID: <minutes-2@').replace(/^Subject: .*$/m, 'Subject: Agenda for next week');
  fs.writeFileSync(path.join(dir, 'second.eml'), other);
  const r = cli(s.env, ['scan', path.join(dir, 'second.eml'), path.join(dir, 'missing.eml'), '--offline', '--json']);
  assert.equal(r.code, 0, r.err);
  const second = lines(r.out);
  assert.equal(second.length, 1);
  assert.ok(!(second[0]!.signals as { id: string }[]).some((x) => x.id === 'sender.first-contact'));
  assert.match(r.err, /missing\.eml/);
  assert.equal(Number((await s.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM mail_messages'))?.n), 3);
});

engineTest('mail scan: readable table lists reasons for messages that are not clean', async (_t, s) => {
  const r = cli(s.env, ['scan', path.join(FIX, 'sublime'), '--offline']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /fedex_brand_impersonation\.eml/);
  assert.match(r.out, /lookalike\.brand/);
  // LICENSE is not a message: skipped with a reason, the six samples stored
  assert.match(r.err, /LICENSE: not a mail message/);
  assert.equal(Number((await s.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM mail_messages'))?.n), 6);
});

engineTest('mail scan: hostile files among good ones are named and never fatal', async (_t, s) => {
  const dir = fs.mkdtempSync(path.join(s.home, 'hostile-'));
  fs.copyFileSync(path.join(FIX, 'own', 'benign.eml'), path.join(dir, 'a-good.eml'));
  let nest = '';
  for (let i = 0; i < 10_000; i++) nest += `--b${i}\r\nContent-Type: multipart/mixed; boundary="b${i + 1}"\r\n\r\n`;
  fs.writeFileSync(path.join(dir, 'b-nested.eml'), `From: a@x.example\r\nSubject: nest\r\nContent-Type: multipart/mixed; boundary="b0"\r\n\r\n${nest}`);
  fs.writeFileSync(path.join(dir, 'c-junk.bin'), Buffer.from([0x00, 0xff, 0x13, 0x37, 0x00, 0x00]));
  const r = cli(s.env, ['scan', dir, '--offline', '--json']);
  assert.equal(r.code, 0, r.err);
  const reports = lines(r.out);
  assert.deepEqual(reports.map((x) => path.basename(String(x.file))), ['a-good.eml', 'b-nested.eml']);
  const nested = reports[1]!.signals as { id: string; detail: string }[];
  assert.ok(nested.some((x) => x.id === 'mime.limit' && /mime(Parts|Depth)/.test(x.detail)));
  assert.match(r.err, /c-junk\.bin: not a mail message/);
  assert.equal(Number((await s.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM mail_messages'))?.n), 2);
});

engineTest('mail scan: observables are matched against imported intel and sightings recorded', async (_t, s) => {
  addAcme(s.env);
  const csv = path.join(s.home, 'intel.csv');
  fs.writeFileSync(csv, 'type,value,actor,confidence,tlp,valid_until\nipv4,45.77.12.34,Lazarus Group,80,amber,\n');
  const imp = cli(s.env, ['intel', 'import', csv, '--format', 'csv', '--source', 'test']);
  assert.equal(imp.code, 0, imp.err);
  const r = cli(s.env, ['scan', path.join(FIX, 'own', 'lookalike-spear.eml'), path.join(FIX, 'own', 'benign.eml'), '--offline', '--json']);
  assert.equal(r.code, 0, r.err);
  const [spear, benign] = lines(r.out);
  assert.ok((spear!.intelMatches as unknown[]).length >= 1);
  const sig = (spear!.signals as { id: string; detail: string }[]).find((x) => x.id === 'intel.match');
  assert.match(sig?.detail ?? '', /Lazarus Group/);
  assert.deepEqual(benign!.intelMatches, []);
  const n = await s.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM intel_sighting_messages');
  assert.equal(Number(n?.n), 1);
});
