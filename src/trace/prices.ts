import fs from 'node:fs';
import { SpearwatchError } from '../core/index.js';
import type { Db, Queryable } from '../store/index.js';
import type { FiatConverter, FiatValue } from './types.js';

/**
 * Daily BTC prices for converting traced value to fiat at the date it moved (UTC day of the block). The file is
 * CSV `date,currency,price` (price of one BTC; a header line is optional; `#` starts a comment), USD and KRW at
 * least. A day without a price is reported as null with a note, never interpolated: in front of a court or a
 * compliance team an invented exchange rate is worse than none.
 */

export const PRICE_LIMITS = {
  /** Largest price file: ~70 years of daily prices in 40 currencies. */
  maxBytes: 32 * 1024 * 1024,
  maxRows: 1_000_000,
} as const;

export interface PriceImportReport {
  file: string;
  rows: number;
  currencies: Record<string, number>;
  firstDay: string | null;
  lastDay: string | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function validDay(s: string): boolean {
  if (!DAY.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Parse a price CSV; throws SW_INPUT_INVALID naming the line and the reason on the first bad row. */
export function parsePriceCsv(text: string, file: string): { day: string; currency: string; price: number }[] {
  const rows: { day: string; currency: string; price: number }[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '' || line.startsWith('#')) continue;
    const cells = line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    if (i === 0 || rows.length === 0) {
      if (cells[0]?.toLowerCase() === 'date') continue;
    }
    if (cells.length !== 3) throw new SpearwatchError('SW_INPUT_INVALID', `${file}:${i + 1}: expected date,currency,price (got ${cells.length} fields)`);
    const [day, cur, p] = cells as [string, string, string];
    if (!validDay(day)) throw new SpearwatchError('SW_INPUT_INVALID', `${file}:${i + 1}: date must be YYYY-MM-DD (got ${day})`);
    const currency = cur.toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) throw new SpearwatchError('SW_INPUT_INVALID', `${file}:${i + 1}: currency must be a three-letter code (got ${cur})`);
    const price = Number(p);
    if (!/^\d+(\.\d+)?$/.test(p) || !Number.isFinite(price) || price <= 0) {
      throw new SpearwatchError('SW_INPUT_INVALID', `${file}:${i + 1}: price must be a positive number (got ${p})`);
    }
    rows.push({ day, currency, price });
    if (rows.length > PRICE_LIMITS.maxRows) throw new SpearwatchError('SW_INPUT_TOO_LARGE', `${file}: more than ${PRICE_LIMITS.maxRows} price rows`);
  }
  return rows;
}

/** `spearwatch prices import <csv>`: one transaction; re-importing a day replaces its price. */
export async function importPrices(db: Db, file: string): Promise<PriceImportReport> {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    throw new SpearwatchError('SW_INPUT_UNREADABLE', `${file}: ${(e as Error).message}`);
  }
  if (!st.isFile()) throw new SpearwatchError('SW_INPUT_UNREADABLE', `${file}: not a regular file`);
  if (st.size > PRICE_LIMITS.maxBytes) throw new SpearwatchError('SW_INPUT_TOO_LARGE', `${file}: ${st.size} bytes exceeds the limit of ${PRICE_LIMITS.maxBytes}`);
  return importPriceText(db, fs.readFileSync(file, 'utf8'), file);
}

/** Import price CSV text (from a file or an upload); `name` names the source in errors and in the store. */
export async function importPriceText(db: Db, text: string, name: string): Promise<PriceImportReport> {
  const file = name;
  const rows = parsePriceCsv(text, file);
  const source = file.split(/[\\/]/).pop() ?? file;
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 1000) {
      const part = rows.slice(i, i + 1000).map((r) => [r.day, r.currency, r.price, source]);
      await tx.insertMany('trace_prices', ['day', 'currency', 'price', 'source'], part, 'ON CONFLICT (day, currency) DO UPDATE SET price = excluded.price, source = excluded.source');
    }
  });
  const currencies: Record<string, number> = {};
  for (const r of rows) currencies[r.currency] = (currencies[r.currency] ?? 0) + 1;
  const days = rows.map((r) => r.day).sort();
  return { file, rows: rows.length, currencies, firstDay: days[0] ?? null, lastDay: days[days.length - 1] ?? null };
}

export interface PriceStatus {
  currency: string;
  days: number;
  firstDay: string;
  lastDay: string;
}

export async function priceStatus(q: Queryable): Promise<PriceStatus[]> {
  const rows = await q.all<{ currency: string; n: number; lo: string; hi: string }>(
    'SELECT currency, count(*) AS n, min(day) AS lo, max(day) AS hi FROM trace_prices GROUP BY currency ORDER BY currency',
  );
  return rows.map((r) => ({ currency: r.currency, days: Number(r.n), firstDay: r.lo, lastDay: r.hi }));
}

/** Prices held in memory for one trace: USD and KRW by day. */
export class PriceBook implements FiatConverter {
  /** Days a conversion was asked for and no price was known, per currency. */
  readonly missing = new Set<string>();

  private constructor(private readonly byDay: Map<string, { usd?: number; krw?: number }>) {}

  static async load(q: Queryable): Promise<PriceBook> {
    const rows = await q.all<{ day: string; currency: string; price: number }>("SELECT day, currency, price FROM trace_prices WHERE currency IN ('USD', 'KRW')");
    const m = new Map<string, { usd?: number; krw?: number }>();
    for (const r of rows) {
      const e = m.get(r.day) ?? {};
      if (r.currency === 'USD') e.usd = Number(r.price);
      else e.krw = Number(r.price);
      m.set(r.day, e);
    }
    return new PriceBook(m);
  }

  static none(): PriceBook {
    return new PriceBook(new Map());
  }

  convert(sats: number, time: string | null): FiatValue {
    if (time === null) return { usd: null, krw: null };
    const day = time.slice(0, 10);
    const p = this.byDay.get(day);
    const usd = p?.usd === undefined ? null : Math.round((sats / 1e8) * p.usd * 100) / 100;
    const krw = p?.krw === undefined ? null : Math.round((sats / 1e8) * p.krw);
    if (usd === null) this.missing.add(`USD ${day}`);
    if (krw === null) this.missing.add(`KRW ${day}`);
    return { usd, krw };
  }
}

/** Sum fiat values; any unknown part makes the sum unknown (a partial sum would understate). */
export function addFiat(a: FiatValue, b: FiatValue): FiatValue {
  return {
    usd: a.usd === null || b.usd === null ? null : Math.round((a.usd + b.usd) * 100) / 100,
    krw: a.krw === null || b.krw === null ? null : a.krw + b.krw,
  };
}
