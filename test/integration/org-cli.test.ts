import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { listOrgs } from '../../src/orgs/index.js';
import { runCli, spawnCli } from '../helpers/cli.js';
import { engineTest } from '../helpers/stores.js';

const ORGS = [
  { id: 'hanbit', name: 'Hanbit Exchange', domains: ['hanbitex.co.kr', 'hanbitex.com'], authservId: 'mx.hanbitex.co.kr', trustedRelays: ['10.20.0.0/16', 'mx1.hanbitex.co.kr'] },
  { id: 'coinnara', name: '코인나라', domains: ['coinnara.kr'], authservId: 'mail.coinnara.kr', trustedRelays: [], extra: 'ignored' },
];

function write(home: string, name: string, value: unknown): string {
  const file = path.join(home, name);
  fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

engineTest('org import then org list --json round-trips the file (extra keys ignored)', async (_t, s) => {
  const file = write(s.home, 'orgs.json', ORGS);
  const imp = await runCli(['org', 'import', file, '--json'], { env: s.env });
  assert.equal(imp.code, 0, imp.stderr);
  assert.deepEqual(JSON.parse(imp.stdout), { file, read: 2, created: ['hanbit', 'coinnara'], updated: [], unchanged: [] });
  const list = await runCli(['org', 'list', '--json'], { env: s.env });
  assert.equal(list.code, 0, list.stderr);
  const expected = ORGS.map(({ id, name, domains, authservId, trustedRelays }) => ({ id, name, domains, authservId, trustedRelays }));
  assert.deepEqual(JSON.parse(list.stdout), [...expected].sort((a, b) => a.id.localeCompare(b.id)));
});

engineTest('re-importing the same file is idempotent; a changed entry is an update', async (_t, s) => {
  const file = write(s.home, 'orgs.json', ORGS);
  assert.equal((await runCli(['org', 'import', file], { env: s.env })).code, 0);
  const again = await runCli(['org', 'import', file, '--json'], { env: s.env });
  assert.deepEqual((JSON.parse(again.stdout) as { unchanged: string[] }).unchanged, ['hanbit', 'coinnara']);
  const changed = write(s.home, 'orgs2.json', [{ ...ORGS[0], name: 'Hanbit Exchange Co.' }]);
  const upd = await runCli(['org', 'import', changed, '--json'], { env: s.env });
  assert.deepEqual((JSON.parse(upd.stdout) as { updated: string[] }).updated, ['hanbit']);
  const orgs = await listOrgs(s.db);
  assert.equal(orgs.length, 2);
  assert.equal(orgs.find((o) => o.id === 'hanbit')?.name, 'Hanbit Exchange Co.');
});

engineTest('org add normalises domains and relays, and org list shows them', async (_t, s) => {
  const add = await runCli(['org', 'add', 'dbx', '--name', 'DBX', '--domain', 'DBX.Example.', '--domain', '코인.kr', '--trusted-relay', '192.0.2.0/24', '--json'], { env: s.env });
  assert.equal(add.code, 0, add.stderr);
  const org = JSON.parse(add.stdout) as { domains: string[]; status: string };
  assert.deepEqual(org.domains, ['dbx.example', 'xn--lu5bt7l.kr']);
  assert.equal(org.status, 'created');
  const table = await runCli(['org', 'list'], { env: s.env });
  assert.match(table.stdout, /dbx\s+DBX\s+dbx\.example, xn--lu5bt7l\.kr/);
});

const BAD: { name: string; content: string; exit: number; message: RegExp }[] = [
  { name: 'not JSON', content: '{"id": ', exit: 3, message: /SW_INPUT_INVALID: .*not valid JSON/ },
  { name: 'not an array', content: '{"id":"x"}', exit: 3, message: /must be a JSON array/ },
  { name: 'bad domain in the second entry', content: JSON.stringify([ORGS[0], { id: 'x', name: 'X', domains: ['not a domain'] }]), exit: 3, message: /\[1\]: "domains": "not a domain"/ },
  { name: 'bad relay', content: JSON.stringify([{ id: 'x', name: 'X', domains: ['x.example'], trustedRelays: ['10.0.0.0/99'] }]), exit: 3, message: /trustedRelays/ },
  { name: 'prototype-pollution key', content: '[{"id":"x","name":"X","domains":["x.example"],"__proto__":{"admin":true}}]', exit: 3, message: /forbidden key "__proto__"/ },
  { name: 'deep nesting', content: '['.repeat(5000) + ']'.repeat(5000), exit: 3, message: /nested deeper/ },
  { name: 'the same domain twice', content: JSON.stringify([{ id: 'a', name: 'A', domains: ['x.example'] }, { id: 'b', name: 'B', domains: ['x.example'] }]), exit: 3, message: /SW_CONFLICT/ },
];
for (const bad of BAD) {
  engineTest(`org import of a bad file (${bad.name}) fails clearly and leaves the store as it was`, async (_t, s) => {
    const good = write(s.home, 'good.json', [ORGS[1]]);
    assert.equal((await runCli(['org', 'import', good], { env: s.env })).code, 0);
    const file = write(s.home, 'bad.json', bad.content);
    const r = await runCli(['org', 'import', file], { env: s.env });
    assert.equal(r.code, bad.exit, r.stderr);
    assert.match(r.stderr, bad.message);
    assert.deepEqual((await listOrgs(s.db)).map((o) => o.id), ['coinnara']);
  });
}

engineTest('a missing file is unreadable input (exit 3); a domain owned by another org is a conflict', async (_t, s) => {
  const missing = await runCli(['org', 'import', path.join(s.home, 'nope.json')], { env: s.env });
  assert.equal(missing.code, 3);
  assert.match(missing.stderr, /SW_INPUT_UNREADABLE: .*no such file/);
  assert.equal((await runCli(['org', 'add', 'a', '--name', 'A', '--domain', 'shared.example'], { env: s.env })).code, 0);
  const clash = await runCli(['org', 'add', 'b', '--name', 'B', '--domain', 'shared.example'], { env: s.env });
  assert.equal(clash.code, 3);
  assert.match(clash.stderr, /SW_CONFLICT: domain shared.example already belongs to organisation "a"/);
});

engineTest('SIGKILL during org import leaves all or nothing, and re-running completes it', async (_t, s) => {
  // 10,000 organisations with 20 domains each: a transaction long enough to be killed in the middle.
  const many = Array.from({ length: 10_000 }, (_, i) => ({
    id: `org-${i}`,
    name: `Org ${i}`,
    domains: Array.from({ length: 20 }, (_, j) => `d${j}.org${i}.example`),
    trustedRelays: [`198.51.100.${i % 256}`],
  }));
  const file = write(s.home, 'many.json', many);
  let killedMidway = 0;
  for (const delay of [300, 600, 1000, 1500]) {
    const child = spawnCli(['org', 'import', file], { env: s.env });
    child.stdout!.resume();
    child.stderr!.resume();
    const exited = new Promise((r) => child.on('exit', r));
    await new Promise((r) => setTimeout(r, delay));
    const running = child.exitCode === null && child.signalCode === null;
    child.kill('SIGKILL');
    await exited;
    const count = (await listOrgs(s.db)).length;
    assert.ok(count === 0 || count === 10_000, `partial import visible after a kill at ${delay} ms: ${count} organisations`);
    if (running && count === 0) killedMidway++;
    if (count === 10_000) break;
  }
  assert.ok(killedMidway > 0, 'at least one kill landed before the import committed');
  const rerun = await runCli(['org', 'import', file], { env: s.env });
  assert.equal(rerun.code, 0, rerun.stderr);
  assert.equal((await listOrgs(s.db)).length, 10_000);
});
