/** Mass lures personalise with the only thing they know: the address ("Dear john@acme.com", "john.k77, your mailbox"). */
const GREETING = '(?:dear|hi|hello|hey|ol\u00e1|ola|oi|hallo|guten\\s+tag|bonjour|caro|cara|prezad[oa]|estimad[oa]|ciao|greetings|hoi|beste|geachte|liebe[rs]?|sehr\\s+geehrte[rs]?|herzlichen\\s+gl\u00fcckwunsch|congratulations|congrats|gefeliciteerd|f\u00e9licitations|parab\u00e9ns|felicidades)';
// compiled once: the reader's address is found with indexOf and only the words around it are tested
const OPENING_GREETING = new RegExp(`^${GREETING}?\\s*,?\\s*`, 'u');
const GREETING_BEFORE = new RegExp(`(?:^|[\\s.!?>*])${GREETING}\\s*,?\\s*$`, 'u');

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
    const localLike = local.length >= 4 && /[\d._]/.test(local);
    // the opening as written, and without its greeting word ("Dear john@acme.com:")
    for (const start of [open, open.slice(OPENING_GREETING.exec(open)?.[0].length ?? 0)]) {
      for (const who of localLike ? [addr, local] : [addr]) {
        if (start.startsWith(who) && /^\s*[,!:]/.test(start.slice(who.length))) return `"${open.slice(0, 60)}"`;
      }
    }
    // a greeting word with the address further into the opening ("4 tickets … Hallo john@acme.com!")
    for (let at = open.indexOf(addr); at > 0; at = open.indexOf(addr, at + 1)) {
      const after = open.charAt(at + addr.length);
      if (/[\w.@-]/.test(after) && after !== '.') continue;
      const before = open.slice(Math.max(0, at - 40), at);
      if (GREETING_BEFORE.test(before)) return `"${(before.trim() + ' ' + addr).slice(-60)}"`;
    }
    if (localLike && subj.startsWith(local) && /^\s*[,:!]/.test(subj.slice(local.length))) return `subject starts with ${local}`;
  }
  return null;
}
