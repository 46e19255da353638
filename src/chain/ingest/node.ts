import { SpearwatchError } from '../../core/index.js';
import { fromDisplayHex } from '../address/hash.js';
import { serializeBlock, serializeHeader } from '../codec/index.js';
import { FinalHttpError, httpWithRetry, splitCredentials, type HttpOptions } from './http.js';

/** What the import needs from a node: its tip, the hash at a height, and the serialized block. */
export interface NodeClient {
  tipHeight(): Promise<number>;
  /** Display hex, or null when the node has no block at that height. */
  blockHash(height: number): Promise<string | null>;
  rawBlock(hash: string): Promise<Buffer>;
}

interface RpcReply { result: unknown; error: { code: number; message: string } | null }

/** Bitcoin Core JSON-RPC (1.0 envelope, as bitcoin-cli speaks it). */
export class RpcClient implements NodeClient {
  private readonly url: string;
  private readonly headers: Record<string, string>;
  private id = 0;

  constructor(url: string, private readonly http: HttpOptions = {}, private readonly verbosity: 2 | 3 = 2) {
    const s = splitCredentials(url);
    this.url = s.url;
    this.headers = { ...s.headers, 'content-type': 'application/json' };
  }

  async call(method: string, params: unknown[]): Promise<unknown> {
    const body = JSON.stringify({ jsonrpc: '1.0', id: ++this.id, method, params });
    return httpWithRetry(this.url, { method: 'POST', headers: this.headers, body }, `RPC ${method}`, (status, buf) => {
      if (status === 401 || status === 403) throw new FinalHttpError(`HTTP ${status}: check the RPC user and password`);
      let reply: RpcReply;
      try {
        reply = JSON.parse(buf.toString('utf8')) as RpcReply;
      } catch {
        if (status >= 500) throw new Error(`HTTP ${status}`);
        throw new FinalHttpError(`HTTP ${status}: not a JSON-RPC reply`);
      }
      // Core's work-queue overflow (-32603 / HTTP 503) and warm-up (-28) are transient: retry them.
      if (reply.error !== null && reply.error !== undefined) {
        if (reply.error.code === -28 || status === 503) throw new Error(`RPC error ${reply.error.code}: ${reply.error.message}`);
        throw new FinalHttpError(`RPC error ${reply.error.code}: ${reply.error.message}`);
      }
      if (status >= 500) throw new Error(`HTTP ${status}`);
      return reply.result;
    }, this.http);
  }

  async tipHeight(): Promise<number> {
    const r = await this.call('getblockcount', []);
    if (typeof r !== 'number') throw new SpearwatchError('SW_UPSTREAM_FAILED', 'RPC getblockcount: not a number');
    return r;
  }

  async blockHash(height: number): Promise<string | null> {
    try {
      const r = await this.call('getblockhash', [height]);
      return typeof r === 'string' ? r : null;
    } catch (e) {
      if (e instanceof SpearwatchError && /RPC error -8/.test(e.message)) return null;
      throw e;
    }
  }

  /**
   * getblock at verbosity 2 (or 3) gives the header fields and every transaction's `hex`; the block is
   * re-serialized from them and then verified like any other block (merkle root, proof of work, hashes).
   */
  async rawBlock(hash: string): Promise<Buffer> {
    const b = (await this.call('getblock', [hash, this.verbosity])) as {
      hash?: string; version?: number; previousblockhash?: string; merkleroot?: string; time?: number; bits?: string; nonce?: number;
      tx?: { hex?: string }[];
    };
    const prev = b.previousblockhash === undefined ? Buffer.alloc(32) : fromDisplayHex(b.previousblockhash);
    const root = fromDisplayHex(b.merkleroot ?? '');
    if (prev === null || root === null || typeof b.version !== 'number' || typeof b.time !== 'number' || typeof b.nonce !== 'number'
      || typeof b.bits !== 'string' || !/^[0-9a-f]{8}$/i.test(b.bits) || !Array.isArray(b.tx)) {
      throw new SpearwatchError('SW_UPSTREAM_FAILED', `RPC getblock ${hash}: reply lacks header fields or transactions (verbosity ${this.verbosity})`);
    }
    const txs = b.tx.map((t, i) => {
      if (typeof t.hex !== 'string' || !/^([0-9a-f]{2})+$/i.test(t.hex)) throw new SpearwatchError('SW_UPSTREAM_FAILED', `RPC getblock ${hash}: transaction ${i} has no hex`);
      return Buffer.from(t.hex, 'hex');
    });
    const header = serializeHeader({ version: b.version, prevHash: prev, merkleRoot: root, time: b.time, bits: parseInt(b.bits, 16), nonce: b.nonce });
    return serializeBlock(header, txs);
  }
}

/** Esplora's REST API (Blockstream/mempool.space): GET /blocks/tip/height, /block-height/:h, /block/:hash/raw. */
export class EsploraClient implements NodeClient {
  private readonly base: string;
  private readonly headers: Record<string, string>;

  constructor(url: string, private readonly http: HttpOptions = {}) {
    const s = splitCredentials(url);
    this.base = s.url.replace(/\/+$/, '');
    this.headers = s.headers;
  }

  private get(path: string, what: string): Promise<Buffer | null> {
    return httpWithRetry(`${this.base}${path}`, { method: 'GET', headers: this.headers }, `Esplora ${what}`, (status, body) => {
      if (status === 404) return null;
      if (status >= 500 || status === 429) throw new Error(`HTTP ${status}`);
      if (status !== 200) throw new FinalHttpError(`HTTP ${status}: ${body.toString('utf8').slice(0, 200)}`);
      return body;
    }, this.http);
  }

  async tipHeight(): Promise<number> {
    const b = await this.get('/blocks/tip/height', 'tip height');
    const n = b === null ? NaN : Number(b.toString('utf8').trim());
    if (!Number.isInteger(n) || n < 0) throw new SpearwatchError('SW_UPSTREAM_FAILED', 'Esplora tip height: not an integer');
    return n;
  }

  async blockHash(height: number): Promise<string | null> {
    const b = await this.get(`/block-height/${height}`, `block-height ${height}`);
    if (b === null) return null;
    const h = b.toString('utf8').trim();
    if (!/^[0-9a-f]{64}$/.test(h)) throw new SpearwatchError('SW_UPSTREAM_FAILED', `Esplora block-height ${height}: not a block hash`);
    return h;
  }

  async rawBlock(hash: string): Promise<Buffer> {
    const b = await this.get(`/block/${hash}/raw`, `block ${hash}`);
    if (b === null) throw new SpearwatchError('SW_UPSTREAM_FAILED', `Esplora block ${hash}: not found`);
    return b;
  }
}
