/** Addresses and timestamps for the scenario's mail transport. */
import type { Rng } from './rng.js';

/**
 * First octets of ordinary public unicast space. Excludes private, shared (100.64/10), loopback, link-local,
 * documentation, multicast and reserved ranges so a scanner's bogon check stays quiet on legitimate senders,
 * and 175 so nothing lands near the attacker's 175.45.176.0/22.
 */
const PUBLIC_FIRST_OCTETS = [23, 34, 37, 45, 52, 62, 77, 81, 91, 95, 104, 109, 121, 129, 141, 146, 149, 151, 159, 161, 163, 167, 176, 178, 185, 188, 193, 195, 208, 211, 213, 218, 220, 222];

export function publicPrefix24(rng: Rng): string {
  return `${rng.pick(PUBLIC_FIRST_OCTETS)}.${rng.int(1, 254)}.${rng.int(0, 254)}`;
}

export function hostIn(prefix24: string, rng: Rng, lo = 10, hi = 250): string {
  return `${prefix24}.${rng.int(lo, hi)}`;
}

/** The attacker's sending host in 175.45.176.0/22 (the range the police statement and the STIX bundle name). */
export function attackerIp(rng: Rng): string {
  return `175.45.${rng.int(176, 179)}.${rng.int(2, 250)}`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** RFC 5322 §3.3 date-time in the given zone (minutes east of UTC), e.g. `Tue, 08 Jul 2026 10:14:03 +0900`. */
export function rfc5322Date(date: Date, tzOffset: number): string {
  const local = new Date(date.getTime() + tzOffset * 60000);
  const sign = tzOffset >= 0 ? '+' : '-';
  const abs = Math.abs(tzOffset);
  const zone = `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
  return `${DAYS[local.getUTCDay()] ?? 'Mon'}, ${pad(local.getUTCDate())} ${MONTHS[local.getUTCMonth()] ?? 'Jan'} ${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${zone}`;
}

/** The `From ` line date of an mbox separator (asctime form, UTC). */
export function asctime(date: Date): string {
  const day = String(date.getUTCDate()).padStart(2, ' ');
  return `${DAYS[date.getUTCDay()] ?? 'Mon'} ${MONTHS[date.getUTCMonth()] ?? 'Jan'} ${day} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} ${date.getUTCFullYear()}`;
}

export function addSeconds(date: Date, s: number): Date {
  return new Date(date.getTime() + s * 1000);
}

/** A working-hours moment on a weekday between `from` and `to`, in the zone given (minutes east of UTC). */
export function workingTime(rng: Rng, from: Date, to: Date, tzOffset: number): Date {
  const spanDays = Math.max(1, Math.floor((to.getTime() - from.getTime()) / 86400000));
  for (let tries = 0; tries < 20; tries++) {
    const day = new Date(from.getTime() + rng.int(0, spanDays - 1) * 86400000);
    const localMidnight = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()) - tzOffset * 60000;
    const t = new Date(localMidnight + (rng.int(8 * 3600, 19 * 3600) + rng.int(0, 59)) * 1000);
    const localDay = new Date(t.getTime() + tzOffset * 60000).getUTCDay();
    if (localDay !== 0 && localDay !== 6 && t >= from && t < to) return t;
  }
  return new Date(from.getTime() + rng.int(0, spanDays * 86400 - 1) * 1000);
}
