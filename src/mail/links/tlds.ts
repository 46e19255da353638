/**
 * TLDs where most registered names seen in mail are abuse (Spamhaus "most abused TLDs" and Interisle's
 * phishing-landscape reports, 2023–2025). Cheap bulk registration is the reason; honest businesses exist there,
 * so the weight stays light.
 */
export const ABUSED_TLDS = new Set([
  'xyz', 'top', 'icu', 'click', 'shop', 'buzz', 'cfd', 'sbs', 'rest', 'monster', 'cyou', 'bond', 'quest', 'lol', 'live',
  'online', 'site', 'store', 'fun', 'work', 'support', 'help', 'win', 'bid', 'loan', 'tk', 'ml', 'ga', 'cf', 'gq', 'zip', 'mov',
]);

/**
 * Second-level names sold as if they were TLDs (CentralNic's sa.com, ru.com, us.com…): a subdomain of them costs a
 * few cents, names no real country or business, and is a staple of snowshoe spam.
 */
export const PSEUDO_TLDS = new Set([
  'sa.com', 'ru.com', 'us.com', 'eu.com', 'uk.com', 'cn.com', 'za.com', 'br.com', 'de.com', 'jpn.com', 'kr.com',
  'gb.net', 'uk.net', 'jp.net', 'hu.net', 'se.net', 'in.net', 'us.org', 'ae.org', 'gr.com', 'mex.com', 'com.de',
]);

/** The host is on an abused TLD or a pseudo-TLD. */
export function abusedSuffix(host: string): string | null {
  const h = host.toLowerCase();
  const tld = h.slice(h.lastIndexOf('.') + 1);
  if (ABUSED_TLDS.has(tld)) return `.${tld}`;
  const parts = h.split('.');
  const two = parts.slice(-2).join('.');
  return parts.length >= 3 && PSEUDO_TLDS.has(two) ? `.${two}` : null;
}
