import { icannHost } from '../domains.js';

/**
 * A sum of cryptocurrency offered to the reader next to the name of a stranger's site: "You earned 1.3 Bitcoin! Click
 * to explore: https://t.me/…", "we have deposited the 27 BTC into your portfolio at https://astarcoin.example/signin",
 * and the form-injection shape "Username: claim-now.pages.dev - WITHDRAW FUNDS 120097 USDT", where a bot types the
 * lure into the name field of a shop's or a help desk's sign-up form so that the service's own notice carries it.
 * Exchanges tell their customers about their coins and link to their own site; a windfall in coins waiting at some
 * other site is the lure and the vehicle in one sentence.
 *
 * Bounded work: at most eight amounts, each judged in a window of 300 characters, with patterns that do not
 * backtrack beyond a few characters.
 */
const AMOUNT = /\b\d[\d.,]{0,15}\s?(?:btc|bitcoins?|eth|ether|usdt|usdc|bnb|xrp|trx|ltc|doge|tether)\b/gi;
const WINDFALL = /\b(?:earned|deposited|credited|received|won|withdraw\w{0,5}|balance|claim\w{0,3}|rewards?|bonus|payout|available|pending|waiting|free|gift|airdrop|donat\w{0,5}|profits?|portfolio|accumulated)\b/i;
const READER = /\b(?:you|your|yours)\b/i;
// a URL or a bare host name; whether it is a real name is settled by its public suffix
const HOST = /(?:https?:\/\/)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,6}[a-z]{2,24})(?![a-z0-9-])/gi;

export interface WindfallHit {
  amount: string;
  host: string;
}

/**
 * The first crypto sum near a windfall word and a host that `foreign` accepts, addressed to the reader ("you") or
 * written close beside the host; or a sum paired with a host by a bare separator (the injected "site - sum" label).
 * Returns null when there is none.
 */
export function cryptoWindfall(text: string, foreign: (host: string) => boolean): WindfallHit | null {
  AMOUNT.lastIndex = 0;
  let seen = 0;
  for (let m = AMOUNT.exec(text); m !== null && seen < 8; m = AMOUNT.exec(text)) {
    seen++;
    const start = Math.max(0, m.index - 120);
    const window = text.slice(start, m.index + m[0].length + 180);
    const windfall = WINDFALL.test(window);
    const reader = READER.test(window);
    const at = m.index - start;
    HOST.lastIndex = 0;
    for (let h = HOST.exec(window); h !== null; h = HOST.exec(window)) {
      const host = h[1]!.toLowerCase();
      // a host needs a real public suffix: file names ("wp-login.php") and abbreviations are not sites
      if (!icannHost(host) || !foreign(host)) continue;
      const before = at - (h.index + h[0].length);
      const after = h.index - (at + m[0].length);
      const gap = before >= 0 ? window.slice(h.index + h[0].length, at) : after >= 0 ? window.slice(at + m[0].length, h.index) : null;
      // "site.example - 1.343 BTC": a label that pairs a site with a sum needs no other word
      if (gap !== null && /^[\s\-–—:|]{1,5}$/.test(gap)) return { amount: m[0], host };
      if (windfall && (reader || (gap !== null && gap.length <= 30))) return { amount: m[0], host };
    }
  }
  return null;
}
