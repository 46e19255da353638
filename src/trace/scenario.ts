import { ChainBuilder, parseBitcoinAddress, RandomTraffic, type Network, type Outpoint, type SynthAddress, type SynthBlock } from '../chain/index.js';

/**
 * Laundering scenarios for the money-trail tests, evaluation, benchmark and demo, built with the chain
 * generator: a theft from an exchange's hot wallet into several outputs → consolidation → a split into three
 * branches: a peel chain of 30+ hops (small peels into exchange deposits or fresh wallets), a CoinJoin-like mix
 * with clean participants, and a merge with clean coins → deposits into tagged exchanges, which later sweep
 * their deposit addresses into their hot wallets (so the tag on the hot wallet reaches the deposits through
 * the cluster). Unrelated background traffic fills every block, and some tagged exchanges receive only clean
 * coins.
 *
 * The ground truth is kept by the generator itself, independently of the chain index: every scripted coin
 * carries how many of its satoshis are stolen, and a transaction passes stolen value on in proportion to value
 * (the economic reading of haircut), in floating point. The evaluation compares the trace engine, run on the
 * imported chain, against these figures.
 */

export interface LaunderingOptions {
  seed: number;
  /** Address encoding and block magic (default regtest; mainnet makes addresses that mail analysis recognises). */
  network?: Network;
  /** Background transactions per block (default 8). */
  backgroundPerBlock?: number;
  /** Extra background-only blocks after the scenario (default 5); the benchmark uses many. */
  trailingBlocks?: number;
  /** Background-only blocks before the theft (default 3). */
  leadingBlocks?: number;
  /** Peel-chain length (default 30 + seed-dependent 0–12). */
  peelHops?: number;
  /** Exchanges that receive stolen coins (default 3–4) and ones that receive only clean coins (default 2). */
  taintedExchanges?: number;
  cleanExchanges?: number;
  /** Names for the exchanges (tainted ones first); default a fixed list shuffled by the seed. */
  exchangeNames?: readonly string[];
  /**
   * An extortion address (as demanded in mail): two victims each pay it a ransom, and the extortionist sweeps
   * both payments into an exchange deposit. Must be an address of `network`.
   */
  extortionAddress?: string;
  /** Unix time of the genesis block (default 2026-07-01). */
  startTime?: number;
  /** Called with every block in chain order (write it to a blk file); blocks are not kept otherwise. */
  onBlock: (b: SynthBlock) => void;
}

export interface ScenarioExchange {
  name: string;
  /** The address a TagPack names (the exchange's hot wallet); deposits are found through its cluster. */
  hotWallet: string;
  /** A deposit address also tagged directly (some TagPacks list deposit addresses). */
  taggedDeposit: string | null;
  /** Stolen satoshis deposited, by the generator's own proportional bookkeeping. */
  stolenReceived: number;
  deposits: { address: string; txid: string; value: number; stolen: number }[];
}

export interface LaunderingScenario {
  network: Network;
  blocks: number;
  transactions: number;
  theft: { txid: string; outputs: string[]; value: number; victim: string; thiefAddresses: string[] };
  exchanges: ScenarioExchange[];
  truth: {
    stolen: number;
    toExchanges: Record<string, number>;
    unspent: number;
    fees: number;
    peelChain: { first: string; last: string; length: number };
    coinjoin: string;
    merge: string;
  };
  /** The ransom trail when `extortionAddress` was given: paid in total, and the exchange deposit it was swept into. */
  extortion: { address: string; paid: number; exchange: string; deposit: string; sweepTxid: string } | null;
  /** A GraphSense TagPack naming every exchange's hot wallet (and one deposit address). */
  tagpack: string;
  /** `date,currency,price` for every day the scenario spans, USD and KRW. */
  pricesCsv: string;
  firstTime: number;
  lastTime: number;
}

interface Coin extends Outpoint {
  /** Stolen satoshis in this coin (float bookkeeping). */
  stolen: number;
}

const BTC = 100_000_000;

function addressScriptOf(address: string, network: Network): Uint8Array {
  const p = parseBitcoinAddress(address, network);
  if (p === null) throw new Error(`scenario: ${address} is not a ${network} address`);
  return p.script;
}
const EXCHANGE_NAMES = ['Upbank', 'Korbit Pro', 'Coinone Plus', 'Bithumb Global', 'Gopax Prime', 'Probit Ex', 'Hanbit Exchange', 'Seoul Digital'];

export function buildLaunderingScenario(opts: LaunderingOptions): LaunderingScenario {
  const b = new ChainBuilder({ seed: opts.seed, network: opts.network ?? 'regtest', track: false, startTime: opts.startTime ?? 1_782_864_000 });
  const p = b.prng;
  const traffic = new RandomTraffic(b, { poolSize: 50_000 });
  const bg = opts.backgroundPerBlock ?? 8;
  let blocks = 0;
  let transactions = 0;
  let firstTime = 0;
  let lastTime = 0;
  const emit = (blk: SynthBlock): void => {
    blocks++;
    transactions += blk.txs.length;
    if (firstTime === 0) firstTime = blk.time;
    lastTime = blk.time;
    opts.onBlock(blk);
  };
  if (b.genesis !== null) {
    emit(b.genesis);
    for (const o of b.genesis.txs[0]?.outputs ?? []) traffic.add(o);
  }
  /** Mine a block paying its coinbase to `to` (plus background), returning the coinbase coin. */
  const mineTo = (to: SynthAddress): Coin => {
    for (let i = 0; i < bg; i++) traffic.tx();
    const blk = b.mineBlock({ coinbaseTo: to.script });
    emit(blk);
    const o = blk.txs[0]?.outputs[0] as Outpoint;
    return { ...o, stolen: 0 };
  };
  const background = (): void => {
    emit(traffic.block(bg));
  };

  let feeStolen = 0;
  /** Queue a scripted spend with proportional stolen bookkeeping; returns the new coins. */
  const spend = (inputs: Coin[], outputs: { to: SynthAddress; value: number }[]): { coins: Coin[]; txid: string } => {
    const vin = inputs.reduce((s, c) => s + c.value, 0);
    const vout = outputs.reduce((s, o) => s + o.value, 0);
    const sin = inputs.reduce((s, c) => s + c.stolen, 0);
    const tx = b.spend(inputs, outputs.map((o) => ({ script: o.to.script, value: o.value })));
    feeStolen += (sin * (vin - vout)) / vin;
    return { coins: tx.outputs.map((o) => ({ ...o, stolen: (sin * o.value) / vin })), txid: tx.txidHex };
  };
  const fee = (): number => 1_000 + p.int(9_000);
  const addr = (): SynthAddress => b.newAddress((['p2wpkh', 'p2pkh', 'p2wpkh', 'p2sh', 'p2tr'] as const)[p.int(5)]);

  // Actors and their starting coins.
  const nTainted = opts.taintedExchanges ?? 3 + p.int(2);
  const nClean = Math.min(opts.cleanExchanges ?? 2, 7 - nTainted, opts.exchangeNames === undefined ? 7 : Math.max(0, opts.exchangeNames.length - nTainted));
  const names = opts.exchangeNames !== undefined
    ? opts.exchangeNames.slice(0, nTainted + nClean)
    : [...EXCHANGE_NAMES].sort(() => p.next() - 0.5).slice(0, nTainted + nClean);
  const exchanges = names.map((name, i) => ({ name, hot: addr(), tainted: i < nTainted, taggedDeposit: null as string | null, stolenReceived: 0, deposits: [] as ScenarioExchange['deposits'], depositCoins: [] as Coin[] }));
  for (let i = 0; i < (opts.leadingBlocks ?? 3); i++) background();
  const victim = addr();
  const victimCoins = [mineTo(victim), mineTo(victim), mineTo(victim), mineTo(victim), mineTo(victim), mineTo(victim)];
  const cleanWallets = Array.from({ length: 7 }, () => addr());
  const cleanCoins = cleanWallets.map((w) => mineTo(w));
  const hotCoins = exchanges.map((x) => mineTo(x.hot));

  const deposit = (x: (typeof exchanges)[number], coin: Coin, txid: string, address: SynthAddress): void => {
    x.depositCoins.push(coin);
    x.stolenReceived += coin.stolen;
    x.deposits.push({ address: address.address, txid, value: coin.value, stolen: coin.stolen });
  };
  /** Sweep a coin (less the fee) into a fresh deposit address of `x`. */
  const payExchange = (x: (typeof exchanges)[number], from: Coin): void => {
    const dep = addr();
    const r = spend([from], [{ to: dep, value: from.value - fee() }]);
    deposit(x, r.coins[0] as Coin, r.txid, dep);
  };

  // Clean deposits into every exchange before the theft, so a deposit alone says nothing.
  exchanges.forEach((x, i) => {
    const k = i % cleanCoins.length;
    const c = cleanCoins[k] as Coin;
    const dep = addr();
    const v = Math.floor(c.value * 0.3);
    const r = spend([c], [{ to: dep, value: v }, { to: cleanWallets[k] as SynthAddress, value: c.value - v - fee() }]);
    deposit(x, r.coins[0] as Coin, r.txid, dep);
    cleanCoins[k] = r.coins[1] as Coin;
  });
  background();

  // 1. The theft: the victim's hot wallet swept into several thief outputs.
  const nTheft = 4 + p.int(3);
  const thiefAddrs = Array.from({ length: nTheft }, () => addr());
  const vVictim = victimCoins.reduce((s, c) => s + c.value, 0) - fee();
  const theftShares = thiefAddrs.map(() => 1 + p.next());
  const shareSum = theftShares.reduce((s, x) => s + x, 0);
  const theftOuts = thiefAddrs.map((to, i) => ({ to, value: Math.floor((vVictim * (theftShares[i] as number)) / shareSum) }));
  const theftTx = b.spend(victimCoins, theftOuts.map((o) => ({ script: o.to.script, value: o.value })));
  const theftCoins: Coin[] = theftTx.outputs.map((o) => ({ ...o, stolen: o.value }));
  const stolen = theftCoins.reduce((s, c) => s + c.value, 0);
  background();
  background();

  // 2. Consolidation into one address.
  const hub = addr();
  const cons = spend(theftCoins, [{ to: hub, value: stolen - fee() }]);
  background();

  // 3. Split into the three branches.
  const hubCoin = cons.coins[0] as Coin;
  const vA = Math.floor(hubCoin.value * (0.45 + 0.1 * p.next()));
  const minClean = Math.min(...cleanCoins.slice(0, 4).map((c) => c.value));
  const denom = Math.floor(Math.min(hubCoin.value * 0.12, minClean * 0.8) / (BTC / 10)) * (BTC / 10);
  const vB = denom + Math.floor(0.3 * BTC);
  const split = spend([hubCoin], [{ to: addr(), value: vA }, { to: addr(), value: vB }, { to: addr(), value: hubCoin.value - vA - vB - fee() }]);
  const [coinA, coinB, coinC] = split.coins as [Coin, Coin, Coin];
  background();

  const taintedX = exchanges.filter((x) => x.tainted);
  const pick = (i: number): (typeof exchanges)[number] => taintedX[i % taintedX.length] as (typeof exchanges)[number];

  // 4a. Peel chain: each hop peels a small amount to an exchange deposit or a fresh wallet; three hops a block.
  const hops = opts.peelHops ?? 30 + p.int(13);
  let cur = coinA;
  let firstPeel = '';
  let lastPeel = '';
  for (let h = 0; h < hops; h++) {
    const peel = Math.floor(cur.value * (0.01 + 0.03 * p.next()));
    const next = addr();
    const toExchange = p.chance(0.45);
    const x = pick(h);
    const dst = addr();
    const r = spend([cur], [{ to: next, value: cur.value - peel - fee() }, { to: dst, value: peel }]);
    if (toExchange) deposit(x, r.coins[1] as Coin, r.txid, dst);
    if (h === 0) firstPeel = r.txid;
    lastPeel = r.txid;
    cur = r.coins[0] as Coin;
    if (h % 3 === 2) background();
  }
  // The end of the chain goes to an exchange in full.
  payExchange(pick(hops), cur);
  background();

  // 4b. CoinJoin-like mix: the tainted coin and four clean participants, equal outputs plus changes.
  const participants = [coinB, ...cleanCoins.slice(0, 4)];
  const mixOuts: { to: SynthAddress; value: number }[] = [];
  const mixAddrs = participants.map(() => addr());
  for (const a of mixAddrs) mixOuts.push({ to: a, value: denom });
  const changeAddrs = participants.map(() => addr());
  participants.forEach((c, i) => {
    const change = c.value - denom - 2_000;
    if (change > 10_000) mixOuts.push({ to: changeAddrs[i] as SynthAddress, value: change });
  });
  const mix = spend(participants, mixOuts);
  background();
  // The thief's mixed output (the first) goes to an exchange; its change too.
  payExchange(pick(1), mix.coins[0] as Coin);
  const thiefChange = mix.coins[participants.length];
  if (thiefChange !== undefined) payExchange(pick(2), thiefChange);
  background();

  // 4c. Merge with clean coins, then two deposits.
  const clean = cleanCoins[4] as Coin;
  const merged = spend([coinC, clean], [{ to: addr(), value: coinC.value + clean.value - fee() }]);
  background();
  const mc = merged.coins[0] as Coin;
  const part1 = Math.floor(mc.value * (0.3 + 0.4 * p.next()));
  const d1 = addr();
  const d2 = addr();
  const x1 = pick(2);
  const x2 = pick(3);
  const md = spend([mc], [{ to: d1, value: part1 }, { to: d2, value: mc.value - part1 - fee() }]);
  deposit(x1, md.coins[0] as Coin, md.txid, d1);
  deposit(x2, md.coins[1] as Coin, md.txid, d2);
  background();

  // Ransom paid to the extortion address by two victims, swept by the extortionist into an exchange deposit.
  let extortion: LaunderingScenario['extortion'] = null;
  if (opts.extortionAddress !== undefined) {
    const to = { address: opts.extortionAddress, script: Buffer.from(addressScriptOf(opts.extortionAddress, b.network)), type: 'p2pkh' as const };
    const paid: Coin[] = [];
    for (const k of [5, 6]) {
      const c = cleanCoins[k] as Coin;
      const ransom = Math.floor(0.02 * BTC + p.int(0.03 * BTC));
      const r = spend([c], [{ to, value: ransom }, { to: cleanWallets[k] as SynthAddress, value: c.value - ransom - fee() }]);
      paid.push(r.coins[0] as Coin);
      cleanCoins[k] = r.coins[1] as Coin;
    }
    background();
    const x = pick(0);
    const dep = addr();
    const total = paid.reduce((s2, c) => s2 + c.value, 0);
    const sweep = spend(paid, [{ to: dep, value: total - fee() }]);
    x.depositCoins.push(sweep.coins[0] as Coin);
    extortion = { address: opts.extortionAddress, paid: total, exchange: x.name, deposit: dep.address, sweepTxid: sweep.txid };
    background();
  }

  // Every exchange sweeps its deposits into its hot wallet (one multi-input transaction: one cluster).
  for (const [i, x] of exchanges.entries()) {
    const ins = [hotCoins[i] as Coin, ...x.depositCoins];
    const total = ins.reduce((s, c) => s + c.value, 0);
    spend(ins, [{ to: x.hot, value: total - fee() }]);
    if (i === 0 && x.deposits.length > 1) x.taggedDeposit = x.deposits[x.deposits.length - 1]?.address ?? null;
  }
  background();
  for (let i = 0; i < (opts.trailingBlocks ?? 5); i++) background();

  const toExchanges: Record<string, number> = {};
  let atExchanges = 0;
  for (const x of exchanges) {
    if (x.stolenReceived > 0.5) toExchanges[x.name] = Math.round(x.stolenReceived);
    atExchanges += x.stolenReceived;
  }
  const tagLines = ['title: spearwatch scenario exchanges', 'creator: spearwatch scenario generator', 'currency: BTC', 'confidence: service_data', 'lastmod: 2026-07-01', 'tags:'];
  for (const x of exchanges) {
    const slug = x.name.toLowerCase().replace(/[^a-z0-9]+/g, '');
    tagLines.push(`- address: ${x.hot.address}`, `  label: ${x.name}`, '  category: exchange', `  actor: ${slug}`);
    if (x.taggedDeposit !== null) tagLines.push(`- address: ${x.taggedDeposit}`, `  label: ${x.name}`, '  category: exchange', `  actor: ${slug}`);
  }
  const prices = ['date,currency,price'];
  for (let t = firstTime - 86_400; t <= lastTime + 86_400; t += 86_400) {
    const day = new Date(t * 1000).toISOString().slice(0, 10);
    const usd = 60_000 + Math.round(p.next() * 20_000);
    prices.push(`${day},USD,${usd}`, `${day},KRW,${Math.round(usd * (1_300 + p.next() * 100))}`);
  }
  return {
    network: opts.network ?? 'regtest', blocks, transactions,
    theft: { txid: theftTx.txidHex, outputs: theftTx.outputs.map((o) => `${theftTx.txidHex}:${o.vout}`), value: stolen, victim: victim.address, thiefAddresses: thiefAddrs.map((a) => a.address) },
    exchanges: exchanges.map((x) => ({ name: x.name, hotWallet: x.hot.address, taggedDeposit: x.taggedDeposit, stolenReceived: Math.round(x.stolenReceived), deposits: x.deposits })),
    truth: {
      stolen, toExchanges, unspent: Math.round(stolen - atExchanges - feeStolen), fees: Math.round(feeStolen),
      peelChain: { first: firstPeel, last: lastPeel, length: hops }, coinjoin: mix.txid, merge: merged.txid,
    },
    extortion, tagpack: tagLines.join('\n') + '\n', pricesCsv: prices.join('\n') + '\n', firstTime, lastTime,
  };
}
