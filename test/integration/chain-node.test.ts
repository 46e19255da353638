import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { engineTest, tempDir } from '../helpers/stores.js';
import {
  NETWORK_PARAMS, chainStatus, importFromNode, parseBlock, scanBlkRecords, scriptToAddress, toDisplayHex, txView, wtxid, type Block,
} from '../../src/chain/index.js';

const FIX = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/chain');

/** Mainnet blocks 0–40 from the fixtures, raw and parsed. */
function fixtureBlocks(n: number): { raw: Buffer; block: Block }[] {
  const buf = fs.readFileSync(path.join(FIX, 'mainnet-blocks-0-438.blk'));
  const { records } = scanBlkRecords(buf, new Set([NETWORK_PARAMS.mainnet.magic]));
  return records.slice(0, n).map((r) => {
    const raw = buf.subarray(r.blockOffset, r.blockOffset + r.length);
    return { raw, block: parseBlock(raw) };
  });
}

/**
 * A getblock verbosity-2 reply in Bitcoin Core's shape (doc: `bitcoin-cli help getblock`): header fields, and per
 * transaction txid/hash/size/vsize/weight/locktime/vin/vout/hex.
 */
function getblockV2(blocks: { raw: Buffer; block: Block }[], h: number): unknown {
  const { raw, block } = blocks[h]!;
  const hd = block.header;
  return {
    hash: toDisplayHex(hd.hash), confirmations: blocks.length - h, height: h, version: hd.version,
    versionHex: (hd.version >>> 0).toString(16).padStart(8, '0'), merkleroot: toDisplayHex(hd.merkleRoot), time: hd.time, mediantime: hd.time,
    nonce: hd.nonce, bits: (hd.bits >>> 0).toString(16).padStart(8, '0'), difficulty: 1, chainwork: '0'.repeat(56) + (h + 1).toString(16).padStart(8, '0'),
    nTx: block.txs.length, ...(h > 0 ? { previousblockhash: toDisplayHex(hd.prevHash) } : {}),
    ...(h + 1 < blocks.length ? { nextblockhash: toDisplayHex(blocks[h + 1]!.block.header.hash) } : {}),
    strippedsize: raw.length, size: raw.length, weight: raw.length * 4,
    tx: block.txs.map((t) => ({
      txid: toDisplayHex(t.txid), hash: toDisplayHex(wtxid(t)), version: t.version, size: t.size, vsize: t.size, weight: t.size * 4, locktime: t.locktime,
      vin: t.inputs.map((i) => (i.vout === 0xffffffff ? { coinbase: i.scriptSig.toString('hex'), sequence: i.sequence }
        : { txid: toDisplayHex(i.prevTxid), vout: i.vout, scriptSig: { asm: '', hex: i.scriptSig.toString('hex') }, sequence: i.sequence })),
      vout: t.outputs.map((o, n) => ({ value: o.value / 1e8, n, scriptPubKey: { hex: o.script.toString('hex'), address: scriptToAddress(o.script, 'mainnet') ?? undefined } })),
      hex: t.raw.toString('hex'),
    })),
  };
}

interface Faults { [key: string]: number }

/** A local server replaying recorded answers; `faults` makes the first n hits of a key fail (503/500/timeout). */
async function serve(handler: (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => handler(req, body, res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

function hit(faults: Faults, key: string): boolean {
  const n = faults[key] ?? 0;
  if (n > 0) faults[key] = n - 1;
  return n > 0;
}

function rpcServer(blocks: { raw: Buffer; block: Block }[], tip: { h: number }, faults: Faults, tamper?: (h: number, reply: Record<string, unknown>) => void) {
  const byHash = new Map(blocks.map((b, h) => [toDisplayHex(b.block.header.hash), h]));
  return serve((req, body, res) => {
    if (req.headers.authorization !== `Basic ${Buffer.from('alice:secret').toString('base64')}`) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="jsonrpc"' }).end();
      return;
    }
    const call = JSON.parse(body) as { id: number; method: string; params: unknown[] };
    const reply = (status: number, result: unknown, error: { code: number; message: string } | null): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ result, error, id: call.id }) + '\n');
    };
    if (hit(faults, `${call.method}:timeout`)) return; // never answers
    if (hit(faults, `${call.method}:503`)) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('Work queue depth exceeded');
      return;
    }
    if (call.method === 'getblockcount') return reply(200, tip.h, null);
    if (call.method === 'getblockhash') {
      const h = call.params[0] as number;
      if (h > tip.h || h < 0) return reply(500, null, { code: -8, message: 'Block height out of range' });
      return reply(200, toDisplayHex(blocks[h]!.block.header.hash), null);
    }
    if (call.method === 'getblock') {
      const h = byHash.get(call.params[0] as string);
      if (h === undefined) return reply(500, null, { code: -5, message: 'Block not found' });
      const b = getblockV2(blocks, h) as Record<string, unknown>;
      tamper?.(h, b);
      return reply(200, b, null);
    }
    return reply(404, null, { code: -32601, message: 'Method not found' });
  });
}

function esploraServer(blocks: { raw: Buffer; block: Block }[], tip: { h: number }, faults: Faults) {
  const byHash = new Map(blocks.map((b, h) => [toDisplayHex(b.block.header.hash), h]));
  return serve((req, _body, res) => {
    const url = req.url ?? '';
    if (hit(faults, 'timeout')) return;
    if (hit(faults, '500')) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
      return;
    }
    let m: RegExpMatchArray | null;
    if (url === '/api/blocks/tip/height') res.writeHead(200, { 'content-type': 'text/plain' }).end(String(tip.h));
    else if ((m = /^\/api\/block-height\/(\d+)$/.exec(url)) !== null) {
      const h = Number(m[1]);
      if (h > tip.h) res.writeHead(404, { 'content-type': 'text/plain' }).end('Block not found');
      else res.writeHead(200, { 'content-type': 'text/plain' }).end(toDisplayHex(blocks[h]!.block.header.hash));
    } else if ((m = /^\/api\/block\/([0-9a-f]{64})\/raw$/.exec(url)) !== null && byHash.has(m[1]!)) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(blocks[byHash.get(m[1]!)!]!.raw);
    } else res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
  });
}

const fastHttp = { retries: 3, timeoutMs: 300, backoffMs: () => 5 };

engineTest('chain: --rpc pulls from the indexed tip onward through 503s and a timeout', async (_t, s) => {
  const blocks = fixtureBlocks(41);
  const tip = { h: 20 };
  const faults: Faults = { 'getblock:503': 1, 'getblockhash:timeout': 1 };
  const srv = await rpcServer(blocks, tip, faults);
  const cacheDir = tempDir('chain-rpc-');
  try {
    const url = srv.url.replace('http://', 'http://alice:secret@');
    const r1 = await importFromNode(s.db, { kind: 'rpc', url, http: fastHttp }, { network: 'mainnet', cacheDir, roundBlocks: 8 });
    assert.deepEqual(r1.problems, []);
    assert.equal(r1.height, 20);
    assert.equal(faults['getblock:503'], 0);
    assert.equal(faults['getblockhash:timeout'], 0);
    tip.h = 40;
    const r2 = await importFromNode(s.db, { kind: 'rpc', url, http: fastHttp }, { cacheDir });
    assert.equal(r2.connected, 20);
    assert.equal((await chainStatus(s.db)).height, 40);
    const cb = await txView(s.db, toDisplayHex(blocks[9]!.block.txs[0]!.txid));
    assert.equal(cb.height, 9);
    await assert.rejects(
      importFromNode(s.db, { kind: 'rpc', url: srv.url.replace('http://', 'http://alice:wrong@'), http: fastHttp }, { cacheDir }),
      (e: Error & { code?: string }) => e.code === 'SW_UPSTREAM_FAILED' && /check the RPC user and password/.test(e.message),
    );
  } finally {
    await srv.close();
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
});

engineTest('chain: --esplora pulls raw blocks; persistent failures end with SW_UPSTREAM_FAILED', async (_t, s) => {
  const blocks = fixtureBlocks(30);
  const tip = { h: 29 };
  const faults: Faults = { '500': 2, timeout: 1 };
  const srv = await esploraServer(blocks, tip, faults);
  const cacheDir = tempDir('chain-esplora-');
  try {
    const r = await importFromNode(s.db, { kind: 'esplora', url: `${srv.url}/api`, http: fastHttp }, { network: 'mainnet', cacheDir });
    assert.equal(r.height, 29);
    assert.equal(faults['500'], 0);
    faults['500'] = 100;
    tip.h = 29;
    await assert.rejects(
      importFromNode(s.db, { kind: 'esplora', url: `${srv.url}/api`, http: fastHttp }, { cacheDir }),
      (e: Error & { code?: string }) => e.code === 'SW_UPSTREAM_FAILED' && /failed after 4 tries \(HTTP 500\)/.test(e.message),
    );
  } finally {
    await srv.close();
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
});

engineTest('chain: a node answering a tampered transaction is caught by the merkle check; the blocks before it are kept', async (_t, s) => {
  const blocks = fixtureBlocks(12);
  const srv = await rpcServer(blocks, { h: 11 }, {}, (h, reply) => {
    if (h !== 7) return;
    const txs = reply.tx as { hex: string }[];
    const hex = txs[0]!.hex;
    // Change one byte of the coinbase's output value: still a well-formed transaction, a different txid.
    const at = hex.length - 2 * (4 + 67 + 1 + 8) + 2;
    txs[0]!.hex = hex.slice(0, at) + (hex[at] === 'f' ? '0' : 'f') + hex.slice(at + 1);
  });
  const cacheDir = tempDir('chain-rpc-tamper-');
  try {
    const url = srv.url.replace('http://', 'http://alice:secret@');
    const r = await importFromNode(s.db, { kind: 'rpc', url, http: fastHttp }, { network: 'mainnet', cacheDir });
    assert.equal(r.height, 6);
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0]!.reason, /merkle root does not match/);
    assert.ok(r.problems[0]!.file.startsWith(cacheDir));
    await assert.rejects(
      importFromNode(s.db, { kind: 'rpc', url: 'http://127.0.0.1:1', http: { ...fastHttp, retries: 1 } }, { cacheDir }),
      (e: Error & { code?: string }) => e.code === 'SW_UPSTREAM_FAILED' && /failed after 2 tries/.test(e.message),
    );
  } finally {
    await srv.close();
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
});

engineTest('chain follow: polls Esplora, imports new blocks and raises watch alerts as the watched coins move', async (_t, s) => {
  const blocks = fixtureBlocks(180);
  const tip = { h: 100 };
  const srv = await esploraServer(blocks, tip, {});
  const { spawn } = await import('node:child_process');
  try {
    const bin = path.resolve(FIX, '../../../bin/spearwatch.js');
    const env = { ...process.env, ...s.env };
    // Block 9's coinbase paid Satoshi's key; block 170 spends it to Hal Finney.
    const add = spawn(process.execPath, [bin, 'watch', 'add', '12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S', '--case', 'block 9', '--json'], { env });
    assert.equal(await new Promise((r) => add.on('close', r)), 0);
    const child = spawn(process.execPath, [bin, 'chain', 'follow', '--esplora', `${srv.url}/api`, '--network', 'mainnet', '--interval', '1', '--iterations', '2', '--json'], { env });
    const lines: { height: number; alerts: { kind: string; txid: string | null; address: string | null }[] }[] = [];
    let buf = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      buf += c.toString();
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        lines.push(JSON.parse(buf.slice(0, i)) as (typeof lines)[number]);
        buf = buf.slice(i + 1);
        tip.h = 179; // the node's tip moves on after the first poll
      }
    });
    const code = await new Promise((r) => child.on('close', r));
    assert.equal(code, 0, err);
    assert.deepEqual(lines.map((l) => l.height), [100, 179]);
    assert.ok(lines[0]!.alerts.some((a) => a.kind === 'watched-address-received' && a.address === '12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S'));
    assert.ok(!lines[0]!.alerts.some((a) => a.kind === 'tainted-funds-moved'));
    assert.ok(lines[1]!.alerts.some((a) => a.kind === 'tainted-funds-moved' && a.txid === 'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16'));
  } finally {
    await srv.close();
  }
});
