import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importBlocks } from '../../src/chain/index.js';
import { SpearwatchError } from '../../src/core/index.js';
import { addTag, traceFunds, type TraceResult } from '../../src/trace/index.js';
import { engineTest } from '../helpers/stores.js';
import { loadTrail, writeTrail } from '../helpers/trail.js';

const FIX = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/chain');

function assertConserved(r: TraceResult): void {
  const a = r.accounting;
  const parts = a.exchanges + a.stopped + a.unspent + a.beyondHops + a.dust + a.workLimit + a.coinbase + a.unresolved + a.until + a.fees;
  assert.equal(parts, r.totalValue, 'the parts add up to the traced value to the satoshi');
  assert.equal(a.conserved, true);
  const endpointSum = r.endpoints.reduce((s, e) => s + e.taintedValue, 0);
  assert.equal(endpointSum + a.fees, r.totalValue, 'endpoints and fees account for every satoshi');
}

engineTest('trace: a laundered theft reaches exactly the exchanges that received it, amounts as the ground truth', async (_t, s) => {
  const trail = writeTrail({ seed: 11 });
  await loadTrail(s.db, trail);
  const truth = trail.scenario.truth;
  const r = await traceFunds(s.db, trail.scenario.theft.outputs, { hops: 100 });
  assert.equal(r.totalValue, truth.stolen);
  assertConserved(r);
  assert.deepEqual(r.exchanges.map((x) => x.name).sort(), Object.keys(truth.toExchanges).sort());
  for (const x of r.exchanges) {
    const want = truth.toExchanges[x.name] as number;
    assert.ok(Math.abs(x.taintedValue - want) <= want * 0.001, `${x.name}: ${x.taintedValue} vs truth ${want}`);
    assert.equal(x.deposits.reduce((s2, d) => s2 + d.taintedValue, 0), x.taintedValue);
    for (const d of x.deposits) {
      assert.match(d.txid, /^[0-9a-f]{64}$/);
      assert.ok(d.time !== null && d.fiat.usd !== null && d.fiat.krw !== null, 'prices exist for every scenario day');
    }
  }
  // Exchanges that only ever received clean coins are never named.
  for (const x of trail.scenario.exchanges.filter((e) => e.stolenReceived === 0)) assert.ok(!r.exchanges.some((e) => e.name === x.name), x.name);
  assert.ok(Math.abs(r.unspent - truth.unspent) <= truth.stolen * 0.001);
  // Deposits are recognised through the hot wallet's cluster: their tags are marked inferred.
  const inferred = r.endpoints.filter((e) => e.reasons.includes('exchange') && e.tags.some((t) => t.inferred === true));
  assert.ok(inferred.length > 0);
  // The laundering shapes are reported.
  const peel = r.patterns.find((p) => p.kind === 'peel-chain');
  assert.ok(peel !== undefined && (peel.length ?? 0) >= truth.peelChain.length, JSON.stringify(peel));
  assert.equal(peel.txid, truth.peelChain.first);
  assert.ok(r.patterns.some((p) => p.kind === 'coinjoin' && p.txid === truth.coinjoin));
  assert.ok(r.patterns.some((p) => p.kind === 'merge' && p.txid === truth.merge));
  assert.ok(r.flows.every((f) => f.taintedValue > 0 && f.taintedValue <= f.value));
});

engineTest('trace: FIFO conserves by construction and poison over-counts, saying so', async (_t, s) => {
  const trail = writeTrail({ seed: 12 });
  await loadTrail(s.db, trail);
  const fifo = await traceFunds(s.db, [trail.scenario.theft.txid], { model: 'fifo', hops: 100 });
  assertConserved(fifo);
  assert.equal(fifo.totalValue, trail.scenario.truth.stolen);
  const poison = await traceFunds(s.db, [trail.scenario.theft.txid], { model: 'poison', hops: 100 });
  assert.equal(poison.accounting.conserved, false);
  assert.ok(poison.accounting.total > poison.totalValue);
  assert.ok(poison.notes.some((n) => n.includes('poison')));
  // Poison reaches at least every exchange haircut reaches.
  const haircut = await traceFunds(s.db, [trail.scenario.theft.txid], { hops: 100 });
  for (const x of haircut.exchanges) assert.ok(poison.exchanges.some((p) => p.name === x.name && p.taintedValue >= x.taintedValue), x.name);
});

engineTest('trace: hop limit, dust, work limit and --until are reported and still conserve', async (_t, s) => {
  const trail = writeTrail({ seed: 13 });
  await loadTrail(s.db, trail);
  const src = trail.scenario.theft.outputs;
  const short = await traceFunds(s.db, src, { hops: 5 });
  assertConserved(short);
  assert.ok(short.beyondHops > 0 && short.stats.maxHop === 5);
  assert.ok(short.notes.some((n) => n.includes('hop limit')));
  const dust = await traceFunds(s.db, src, { hops: 100, minValue: 2e8 });
  assertConserved(dust);
  assert.ok(dust.accounting.dust > 0);
  const work = await traceFunds(s.db, src, { hops: 100, maxTxs: 4 });
  assertConserved(work);
  assert.ok(work.accounting.workLimit > 0 && work.stats.transactions === 4);
  // --until at the theft's block: nothing after it is followed.
  const theftBlock = trail.blocks.findIndex((b) => b.txs.some((t) => t.txidHex === trail.scenario.theft.txid));
  const until = await traceFunds(s.db, src, { hops: 100, until: String(theftBlock) });
  assertConserved(until);
  assert.equal(until.accounting.until, until.totalValue - until.accounting.fees);
  assert.equal(until.exchanges.length, 0);
});

engineTest('trace: backward from an exchange deposit reaches the victim\'s mined coins', async (_t, s) => {
  const trail = writeTrail({ seed: 14 });
  await loadTrail(s.db, trail);
  const x = trail.scenario.exchanges.find((e) => e.stolenReceived > 0 && e.deposits.some((d) => d.stolen === d.value))!;
  const dep = x.deposits.find((d) => d.stolen === d.value)!;
  const r = await traceFunds(s.db, [dep.address], { direction: 'backward', hops: 200, stopAt: [] });
  assertConserved(r);
  assert.equal(r.totalValue, dep.value);
  const victim = r.endpoints.find((e) => e.address === trail.scenario.theft.victim);
  assert.ok(victim !== undefined && victim.reasons.includes('coinbase'), JSON.stringify(r.endpoints.slice(0, 3)));
  assert.equal(victim.taintedValue, r.accounting.coinbase);
});

engineTest('trace: a manual tag stops the trail at its category, and extends to the cluster', async (_t, s) => {
  const trail = writeTrail({ seed: 15 });
  await loadTrail(s.db, trail);
  const base = await traceFunds(s.db, trail.scenario.theft.outputs, { hops: 100 });
  const target = base.endpoints.find((e) => e.reasons.includes('unspent') && e.hop > 3)!;
  await addTag(s.db, { address: target.address as string, label: 'Mixer X', category: 'mixer', actor: 'Lazarus Group' });
  const r = await traceFunds(s.db, trail.scenario.theft.outputs, { hops: 100, stopAt: ['exchange', 'mixer'] });
  assertConserved(r);
  const e = r.endpoints.find((x) => x.address === target.address)!;
  assert.deepEqual(e.reasons, ['stop-at']);
  assert.deepEqual(e.tags.map((t) => [t.label, t.category, t.actor, t.source]), [['Mixer X', 'mixer', 'Lazarus Group', 'manual']]);
  assert.equal(r.accounting.stopped, e.taintedValue);
});

engineTest('trace: bad sources are named errors', async (_t, s) => {
  const trail = writeTrail({ seed: 16, backgroundPerBlock: 2 });
  await loadTrail(s.db, trail);
  const code = async (p: Promise<unknown>): Promise<string> => {
    try {
      await p;
      return 'ok';
    } catch (e) {
      assert.ok(e instanceof SpearwatchError);
      return `${e.code}: ${e.message}`;
    }
  };
  assert.match(await code(traceFunds(s.db, ['00'.repeat(32)])), /^SW_NOT_FOUND: transaction 0{64} is not in the index/);
  assert.match(await code(traceFunds(s.db, [`${trail.scenario.theft.txid}:99`])), /^SW_NOT_FOUND: .* there is no output 99/);
  assert.match(await code(traceFunds(s.db, ['1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3'])), /^SW_USAGE: .* is a mainnet address but the index holds regtest/);
  assert.match(await code(traceFunds(s.db, ['not-an-address'])), /^SW_USAGE: not an address, txid or txid:vout/);
  assert.match(await code(traceFunds(s.db, [trail.scenario.theft.txid], { hops: 0 })), /^SW_USAGE: --hops/);
  assert.match(await code(traceFunds(s.db, [trail.scenario.theft.txid], { until: 'next tuesday' })), /^SW_USAGE: --until/);
  assert.match(await code(traceFunds(s.db, [])), /^SW_USAGE/);
});

engineTest('trace: on mainnet, block 9\'s coinbase reaches Hal Finney through block 170', async (_t, s) => {
  await importBlocks(s.db, [path.join(FIX, 'mainnet-blocks-0-438.blk')], 'blk', { network: 'mainnet' });
  const r = await traceFunds(s.db, ['0437cd7f8525ceed2324359c2d0ba26006d92d856a9c20fa0241106ee5a597c9']);
  assertConserved(r);
  assert.equal(r.totalValue, 50e8);
  const hal = r.endpoints.find((e) => e.address === '1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3');
  assert.ok(hal !== undefined);
  assert.equal(hal.taintedValue, 10e8);
  assert.equal(hal.hop, 1);
  assert.ok(r.flows.some((f) => f.txid === 'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16' && f.to === '1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3' && f.taintedValue === 10e8));
  // From the address instead: its later outputs are change from its own coinbase, counted once, not twice.
  const addr = await traceFunds(s.db, ['12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S']);
  assertConserved(addr);
  assert.equal(addr.totalValue, 50e8);
  // And backward from Hal's output, the coins were mined in block 9 by Satoshi's key.
  const back = await traceFunds(s.db, ['f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16:0'], { direction: 'backward' });
  assert.deepEqual(back.endpoints.map((e) => [e.address, e.reasons, e.taintedValue]), [['12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S', ['coinbase'], 10e8]]);
});
