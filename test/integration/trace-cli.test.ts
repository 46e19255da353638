import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cliJson } from '../helpers/cli.js';
import { engineTest, tempDir, type TestStore } from '../helpers/stores.js';


function cli(s: TestStore, args: string[]): ReturnType<typeof cliJson> {
  return cliJson(s.env, args);
}

interface Scenario { theft: { txid: string; victim: string }; truth: { toExchanges: Record<string, number> } }

engineTest('trace CLI: synth a laundering scenario, import it, trace, tag, watch and alert with the JSON contract', (_t, s) => {
  const dir = tempDir('spearwatch-trace-cli-');
  const synth = cli(s, ['chain', 'synth', '--scenario', 'laundering', '--blocks', '2', '--txs-per-block', '3', '--seed', '5', '--out', dir, '--json']);
  assert.equal(synth.code, 0, synth.stderr);
  const sc = JSON.parse(fs.readFileSync(path.join(dir, 'scenario.json'), 'utf8')) as Scenario;
  assert.deepEqual(synth.json, sc);
  assert.equal(cli(s, ['chain', 'import', path.join(dir, 'blocks'), '--network', 'regtest']).code, 0);
  assert.equal(cli(s, ['intel', 'import', path.join(dir, 'tags.yaml')]).code, 0);

  // A bad price file is refused with the line and the reason, and nothing is imported.
  const bad = path.join(dir, 'bad.csv');
  fs.writeFileSync(bad, 'date,currency,price\n2026-07-01,USD,60000\n2026-07-02,USD,-5\n');
  const b = cli(s, ['prices', 'import', bad]);
  assert.equal(b.code, 3);
  assert.match(b.stderr, /bad\.csv:3: price must be a positive number/);
  assert.deepEqual(cli(s, ['prices', 'status', '--json']).json, []);
  const p = cli(s, ['prices', 'import', path.join(dir, 'prices.csv'), '--json']);
  assert.equal(p.code, 0, p.stderr);
  assert.ok((p.json as { rows: number }).rows >= 2);

  const t = cli(s, ['trace', sc.theft.txid, '--hops', '100', '--json']);
  assert.equal(t.code, 0, t.stderr);
  const r = t.json as Record<string, unknown> & {
    flows: Record<string, unknown>[]; endpoints: Record<string, unknown>[]; exchanges: { name: string; taintedValue: number; deposits: Record<string, unknown>[] }[];
  };
  for (const k of ['sources', 'model', 'direction', 'hops', 'totalValue', 'flows', 'endpoints', 'exchanges', 'unspent', 'beyondHops']) assert.ok(k in r, k);
  assert.deepEqual(r.sources, [sc.theft.txid]);
  assert.equal(r.model, 'haircut');
  assert.equal(r.direction, 'forward');
  for (const k of ['hop', 'txid', 'from', 'to', 'value', 'taintedValue']) assert.ok(k in (r.flows[0] as object), `flow.${k}`);
  for (const k of ['address', 'cluster', 'tags', 'taintedValue', 'firstReached', 'hop', 'fiat']) assert.ok(k in (r.endpoints[0] as object), `endpoint.${k}`);
  assert.deepEqual(Object.keys((r.endpoints[0] as { fiat: object }).fiat), ['usd', 'krw']);
  for (const k of ['name', 'taintedValue', 'deposits']) assert.ok(k in (r.exchanges[0] as object), `exchange.${k}`);
  for (const k of ['address', 'txid', 'value', 'time']) assert.ok(k in (r.exchanges[0]?.deposits[0] as object), `deposit.${k}`);
  assert.deepEqual(r.exchanges.map((x) => x.name).sort(), Object.keys(sc.truth.toExchanges).sort());

  const text = cli(s, ['trace', sc.theft.txid, '--hops', '100']);
  assert.equal(text.code, 0);
  assert.match(text.stdout, /Reached exchanges \(freeze candidates\):/);
  assert.match(text.stdout, /peel chain of \d+ transactions/);
  const dot = cli(s, ['trace', sc.theft.txid, '--format', 'dot']);
  assert.equal(dot.code, 0);
  assert.match(dot.stdout, /^digraph trace \{/);
  assert.equal(cli(s, ['trace', sc.theft.txid, '--model', 'bogus']).code, 2);
  assert.equal(cli(s, ['trace', '11'.repeat(32)]).code, 3);

  // Manual tags.
  const tag = cli(s, ['tag', 'add', sc.theft.victim, '--label', 'Victim hot wallet', '--category', 'Exchange', '--json']);
  assert.equal(tag.code, 0, tag.stderr);
  assert.equal((tag.json as { category: string }).category, 'exchange');
  assert.equal((cli(s, ['tag', 'list', '--json']).json as unknown[]).length, 1);
  assert.ok((cli(s, ['exchanges', '--json']).json as { name: string }[]).some((x) => x.name === 'Victim hot wallet'));
  assert.equal(cli(s, ['tag', 'remove', sc.theft.victim]).code, 0);
  assert.equal(cli(s, ['tag', 'remove', sc.theft.victim]).code, 3);
  assert.equal(cli(s, ['tag', 'add', 'nonsense', '--label', 'x', '--category', 'exchange']).code, 2);

  // A watch set after the fact alerts at the next import (or follow) with what already happened.
  const w = cli(s, ['watch', 'add', sc.theft.victim, '--case', 'theft-2026-07', '--hops', '100', '--json']);
  assert.equal(w.code, 0, w.stderr);
  const imp = cli(s, ['chain', 'import', path.join(dir, 'blocks'), '--network', 'regtest', '--json']);
  assert.equal(imp.code, 0, imp.stderr);
  const raised = (imp.json as { alerts: { kind: string }[] }).alerts;
  assert.ok(raised.some((a) => a.kind === 'funds-reached-exchange'));
  const al = cli(s, ['alerts', '--json', '--kind', 'funds-reached-exchange']);
  assert.equal(al.code, 0);
  const alerts = al.json as { exchange: string; taintedValue: number; btc: string; usd: number; krw: number; case: string }[];
  assert.equal(alerts.length, raised.filter((a) => a.kind === 'funds-reached-exchange').length);
  assert.ok(alerts.every((a) => a.case === 'theft-2026-07' && a.usd > 0 && a.krw > 0));
  const again = cli(s, ['chain', 'import', path.join(dir, 'blocks'), '--network', 'regtest', '--json']);
  assert.deepEqual((again.json as { alerts: unknown[] }).alerts, [], 'each alert is raised once');
  const list = cli(s, ['watch', 'list', '--json']).json as { id: number; alerts: number }[];
  assert.equal(list.length, 1);
  assert.ok((list[0]?.alerts ?? 0) >= alerts.length);
  assert.equal(cli(s, ['alerts', '--since', 'not a time']).code, 2);
  assert.equal(cli(s, ['watch', 'remove', String(list[0]?.id)]).code, 0);
  assert.deepEqual(cli(s, ['watch', 'list', '--json']).json, []);
  fs.rmSync(dir, { recursive: true, force: true });
  return Promise.resolve();
});
