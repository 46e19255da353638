import assert from 'node:assert/strict';
import { importBlocks } from '../../src/chain/index.js';
import { systemClock } from '../../src/core/index.js';
import { importIntelFile } from '../../src/intel/index.js';
import { addWatch, checkWatches, importPrices, listAlerts, listWatches, removeWatch, traceFunds } from '../../src/trace/index.js';
import { migrate } from '../../src/store/index.js';
import { engineTest } from '../helpers/stores.js';
import { writeTrail } from '../helpers/trail.js';

engineTest('watch: alerts follow a theft block by block, each raised once, and agree with a full trace', async (_t, s) => {
  const trail = writeTrail({ seed: 21, splitBeforeTheft: true, splitMiddle: true });
  const [part1, part2, part3] = trail.files;
  await importIntelFile(s.db, trail.tagsFile, {}, systemClock);
  await importPrices(s.db, trail.pricesFile);
  await importBlocks(s.db, [part1 as string], 'blk', { network: 'regtest' });
  const thief = trail.scenario.theft.thiefAddresses[0] as string;
  const victim = await addWatch(s.db, { target: trail.scenario.theft.victim, caseName: 'hot wallet theft', hops: 100 });
  const early = await addWatch(s.db, { target: thief, caseName: 'thief', hops: 100, org: null });
  assert.equal(early.watch.kind, 'address');
  const again = await addWatch(s.db, { target: thief });
  assert.equal(again.created, false);

  const c1 = await checkWatches(s.db);
  // The victim's coins are in the index and unspent; the thief's address is not yet.
  assert.ok(c1.alerts.every((a) => a.kind === 'watched-address-received' && a.target === trail.scenario.theft.victim));
  assert.equal(c1.alerts.length, 6);
  let ws = await listWatches(s.db);
  assert.equal(ws.find((w) => w.id === victim.watch.id)?.frontier.outputs, 6);
  assert.equal(ws.find((w) => w.id === early.watch.id)?.resolved, false);

  for (const part of [part2, part3]) {
    await importBlocks(s.db, [part as string], 'blk', { network: 'regtest' });
    await checkWatches(s.db);
  }
  const again2 = await checkWatches(s.db);
  assert.equal(again2.alerts.length, 0, 'nothing is raised twice');

  const reached = await listAlerts(s.db, { kind: 'funds-reached-exchange', watchId: victim.watch.id });
  const byExchange = new Map<string, number>();
  for (const a of reached) byExchange.set(a.exchange as string, (byExchange.get(a.exchange as string) ?? 0) + a.taintedValue);
  const truth = trail.scenario.truth.toExchanges;
  assert.deepEqual([...byExchange.keys()].sort(), Object.keys(truth).sort());
  // The watch, followed in three steps, agrees with one trace of the victim's coins over the whole chain.
  const full = await traceFunds(s.db, [trail.scenario.theft.victim], { hops: 100 });
  for (const x of full.exchanges) assert.equal(byExchange.get(x.name), x.taintedValue, x.name);
  for (const a of reached) {
    assert.match(a.txid ?? '', /^[0-9a-f]{64}$/);
    assert.ok(a.usd !== null && a.usd > 0 && a.krw !== null && a.krw > a.usd);
    assert.match(a.btc, /^\d+\.\d{8}$/);
    assert.equal(a.case, 'hot wallet theft');
  }
  const moved = await listAlerts(s.db, { kind: 'tainted-funds-moved', watchId: victim.watch.id });
  // The victim's coins moved once (the theft) while the watch held them; the rest of the trail arrived with the
  // same imports and is the alerts' detail, not alerts of its own.
  assert.ok(moved.some((a) => a.txid === trail.scenario.theft.txid && /went on through \d+ more transactions/.test(a.detail)));
  assert.ok(moved.length <= 1 + 2 * 30, `${moved.length} moved alerts`);
  const received = await listAlerts(s.db, { kind: 'watched-address-received', watchId: early.watch.id });
  assert.equal(received.length, 1);
  assert.equal(received[0]?.address, thief);
  ws = await listWatches(s.db);
  assert.equal(ws.find((w) => w.id === early.watch.id)?.resolved, true);
  // The victim watch still follows what is unspent.
  assert.ok((ws.find((w) => w.id === victim.watch.id)?.frontier.taintedValue ?? 0) > 0);
  const before = (await listAlerts(s.db, { watchId: early.watch.id })).length;
  assert.ok(before > 1, 'the thief watch followed the coins too');
  assert.equal(await removeWatch(s.db, String(early.watch.id)), 1);
  assert.equal((await listAlerts(s.db, { watchId: early.watch.id })).length, before, 'alerts outlive their watch');
});

engineTest('watch: a transaction watch resolves when its transaction arrives', async (_t, s) => {
  const trail = writeTrail({ seed: 22, splitBeforeTheft: true });
  await importIntelFile(s.db, trail.tagsFile, {}, systemClock);
  await importBlocks(s.db, [trail.files[0] as string], 'blk', { network: 'regtest' });
  const w = await addWatch(s.db, { target: `${trail.scenario.theft.txid}:0`, hops: 100, caseName: 'first theft output' });
  assert.equal(w.watch.kind, 'outpoint');
  assert.equal((await checkWatches(s.db)).alerts.length, 0);
  await importBlocks(s.db, [trail.files[1] as string], 'blk', { network: 'regtest' });
  const c = await checkWatches(s.db);
  assert.ok(c.alerts.some((a) => a.kind === 'funds-reached-exchange'));
  assert.ok(c.alerts.every((a) => a.kind !== 'watched-address-received'));
  // No prices imported: fiat is null, not invented.
  assert.ok(c.alerts.every((a) => a.usd === null && a.krw === null));
});

engineTest('watch migration 61: frontier rows from before it get their transaction ids, and the watch goes on as in a fresh store', async (_t, s) => {
  const trail = writeTrail({ seed: 23, splitBeforeTheft: true, splitMiddle: true });
  const [part1, part2, part3] = trail.files;
  await importIntelFile(s.db, trail.tagsFile, {}, systemClock);
  await importBlocks(s.db, [part1 as string], 'blk', { network: 'regtest' });
  const w = await addWatch(s.db, { target: trail.scenario.theft.victim, caseName: 'theft', hops: 100 });
  await checkWatches(s.db);
  await importBlocks(s.db, [part2 as string], 'blk', { network: 'regtest' });
  await checkWatches(s.db);
  const frontier = async (): Promise<string> => JSON.stringify(await s.db.all('SELECT watch_id, output_id, tx_id, taint, hop FROM trace_watch_frontier ORDER BY watch_id, output_id'));
  const written = await frontier();
  const rows = await s.db.all<{ tx_id: number | null }>('SELECT tx_id FROM trace_watch_frontier');
  assert.ok(rows.length > 0 && rows.every((r) => r.tx_id !== null), 'a check writes the transaction of every frontier output');

  // Back to the layout before 61 (no tx_id column, no ledger row), then let the runner bring it up to date.
  await s.db.exec('ALTER TABLE trace_watch_frontier DROP COLUMN tx_id');
  await s.db.run('DELETE FROM schema_migrations WHERE version = 61');
  assert.deepEqual(await migrate(s.db), [61]);
  assert.equal(await frontier(), written, 'the migration finds the same transactions the check wrote');

  // A remembered transaction that no longer holds its output is not trusted: the output is found by its id.
  await s.db.run('UPDATE trace_watch_frontier SET tx_id = 0');
  await importBlocks(s.db, [part3 as string], 'blk', { network: 'regtest' });
  await checkWatches(s.db);
  const reached = await listAlerts(s.db, { kind: 'funds-reached-exchange', watchId: w.watch.id });
  const full = await traceFunds(s.db, [trail.scenario.theft.victim], { hops: 100 });
  const byExchange = new Map<string, number>();
  for (const a of reached) byExchange.set(a.exchange as string, (byExchange.get(a.exchange as string) ?? 0) + a.taintedValue);
  assert.ok(full.exchanges.length > 0);
  for (const x of full.exchanges) assert.equal(byExchange.get(x.name), x.taintedValue, x.name);
  const checked = (await listWatches(s.db)).find((x) => x.id === w.watch.id);
  assert.ok(checked?.checkedAt !== null && (checked?.checkedAt ?? '') >= (checked?.createdAt ?? ''), 'the watch says when it was last checked');
});
