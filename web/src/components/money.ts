import type { Fiat } from '../api';

/** Satoshis as an exact BTC decimal string. */
export function btc(sats: number): string {
  const s = String(Math.abs(Math.round(sats))).padStart(9, '0');
  return `${sats < 0 ? '-' : ''}${s.slice(0, -8)}.${s.slice(-8)}`;
}

export function fiat(f: Fiat): string {
  const usd = f.usd === null ? 'USD —' : `USD ${f.usd.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
  const krw = f.krw === null ? 'KRW —' : `₩${f.krw.toLocaleString('en-US')}`;
  return `${usd} · ${krw}`;
}

export function shortHash(h: string): string {
  return h.length <= 20 ? h : `${h.slice(0, 10)}…${h.slice(-8)}`;
}
