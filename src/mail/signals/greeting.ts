/** Mass lures personalise with the only thing they know: the address ("Dear john@acme.com", "john.k77, your mailbox"). */
const GREETING = '(?:dear|hi|hello|hey|ol\u00e1|ola|oi|hallo|guten\\s+tag|bonjour|caro|cara|prezad[oa]|estimad[oa]|ciao|greetings|hoi|beste|geachte|liebe[rs]?|sehr\\s+geehrte[rs]?|herzlichen\\s+gl\u00fcckwunsch|congratulations|congrats|gefeliciteerd|f\u00e9licitations|parab\u00e9ns|felicidades)';
const GREETING_OPT = `${GREETING}?`;

function escapeRe(x: string): string {
  return x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The opening without quoted lines and quoted header blocks: a reply quoting "To: list@example.org" or
 * "> Dear list@…" is not the sender greeting the reader.
 */
function ownOpening(opening: string): string {
  return opening.split(/\r?\n/).filter((l) => !/^\s*(?:>|(?:from|to|cc|sent|date|subject|de|para|an|von|envoy\u00e9|enviado|assunto)\s*:)/i.test(l)).join(' ');
}

/**
 * The reader's address (or an address-like local part) as the subject, the greeting of the opening lines, or the
 * sender's display name (a sender never knows the reader only by their address, except when it is a lure).
 */
export function addressGreeting(to: string[], subject: string, opening: string, displayName = ''): string | null {
  const subj = subject.toLowerCase();
  const open = ownOpening(opening).toLowerCase().replace(/^[\s_*=-]+/, '');
  const name = displayName.toLowerCase();
  for (const addr of to.slice(0, 5)) {
    if (addr.length < 6) continue;
    const local = addr.slice(0, addr.indexOf('@'));
    if (subj.includes(addr)) return `${addr} in the subject`;
    if (name.includes(addr)) return `${addr} in the sender's display name`;
    const who = local.length >= 4 && /[\d._]/.test(local) ? `(?:${escapeRe(addr)}|${escapeRe(local)})` : escapeRe(addr);
    if (new RegExp(`^${GREETING_OPT}\\s*,?\\s*${who}\\s*[,!:]`, 'u').test(open)) return `"${open.slice(0, 60)}"`;
    // a greeting word with the address further into the opening ("4 tickets … Hallo john@acme.com!")
    const later = new RegExp(`(?:^|[\\s.!?>*])${GREETING}\\s*,?\\s*${escapeRe(addr)}(?![\\w.@-])`, 'u').exec(open);
    if (later !== null) return `"${later[0].trim().slice(0, 60)}"`;
    if (local.length >= 4 && /[\d._]/.test(local) && new RegExp(`^${escapeRe(local)}\\s*[,:!]`).test(subj)) return `subject starts with ${local}`;
  }
  return null;
}
