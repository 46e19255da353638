/**
 * TLDs where most registered names seen in mail are abuse (Spamhaus "most abused TLDs" and Interisle's
 * phishing-landscape reports, 2023–2025). Cheap bulk registration is the reason; honest businesses exist there,
 * so the weight stays light.
 */
export const ABUSED_TLDS = new Set([
  'xyz', 'top', 'icu', 'click', 'shop', 'buzz', 'cfd', 'sbs', 'rest', 'monster', 'cyou', 'bond', 'quest', 'lol', 'live',
  'online', 'site', 'store', 'fun', 'work', 'support', 'help', 'win', 'bid', 'loan', 'tk', 'ml', 'ga', 'cf', 'gq', 'zip', 'mov',
]);
