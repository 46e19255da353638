import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cliJson } from '../helpers/cli.js';
import { engineTest, tempDir, type TestStore } from '../helpers/stores.js';
import { writeTrail } from '../helpers/trail.js';


function cli(s: TestStore, args: string[]): ReturnType<typeof cliJson> {
  return cliJson(s.env, args);
}

const extortion = (address: string): string => [
  'Received: from unknown (HELO 1.2.3.4) (91.200.12.9)', '  by mx1.acme-exchange.com with SMTP; 1 Jul 2026 03:00:00 -0000',
  'From: <you@acme-exchange.com>', 'To: <carol@acme-exchange.com>', 'Subject: Your account is hacked', 'Date: Wed, 1 Jul 2026 03:00:00 +0000',
  'Message-ID: <ex-trail@somewhere.example>', 'Content-Type: text/plain; charset=utf-8', '',
  'I have hacked your device and recorded you through your webcam while watching adult videos.',
  `Send $1500 in bitcoin to my wallet ${address} within 48 hours`, 'or your contacts will receive the video.', '',
].join('\r\n');

engineTest('mail → money trail: an address demanded in extortion mail is watched for its organisation and alerts when paid', (_t, s) => {
  const trail = writeTrail({ seed: 61, backgroundPerBlock: 3, splitBeforeTheft: true, network: 'mainnet' });
  const dir = tempDir('spearwatch-trace-mail-');
  try {
    assert.equal(cli(s, ['org', 'add', 'acme', '--name', 'Acme Exchange', '--domain', 'acme-exchange.com', '--authserv-id', 'mx.acme-exchange.com', '--trusted-relay', '10.0.0.0/8']).code, 0);
    assert.equal(cli(s, ['chain', 'import', trail.files[0] as string, '--network', 'mainnet']).code, 0);
    assert.equal(cli(s, ['intel', 'import', trail.tagsFile]).code, 0);
    // The thief's first address, demanded in the mail before the theft reaches the chain.
    const demanded = trail.scenario.theft.thiefAddresses[0] as string;
    const mail = path.join(dir, 'extortion.eml');
    fs.writeFileSync(mail, extortion(demanded));
    const scan = cli(s, ['scan', mail, '--offline', '--json']);
    assert.equal(scan.code, 0, scan.stderr);
    const report = scan.json as { verdict: string; btcAddresses: string[]; sha256: string };
    assert.notEqual(report.verdict, 'clean');
    assert.deepEqual(report.btcAddresses, [demanded]);
    const list = cli(s, ['watch', 'list', '--json']).json as { target: string; org: string; case: string; messageSha256: string }[];
    assert.deepEqual(list.map((w) => [w.target, w.org, w.case, w.messageSha256]), [[demanded, 'acme', 'mail: Your account is hacked', report.sha256]]);
    const imp = cli(s, ['chain', 'import', trail.files[1] as string, '--network', 'mainnet', '--json']);
    assert.equal(imp.code, 0, imp.stderr);
    const alerts = (imp.json as { alerts: { kind: string; case: string; org: string; address: string }[] }).alerts;
    assert.ok(alerts.some((a) => a.kind === 'watched-address-received' && a.address === demanded && a.case === 'mail: Your account is hacked' && a.org === 'acme'));
    assert.ok(alerts.some((a) => a.kind === 'funds-reached-exchange'));
    // Scanning the same mail again does not make a second watch.
    assert.equal(cli(s, ['scan', mail, '--offline', '--json']).code, 0);
    assert.equal((cli(s, ['watch', 'list', '--json']).json as unknown[]).length, 1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return Promise.resolve();
});
