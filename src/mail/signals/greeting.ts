/** Mass lures personalise with the only thing they know: the address ("Dear john@acme.com", "john.k77, your mailbox"). */
const GREETING = '(?:dear|hi|hello|hey|ol\u00e1|ola|oi|hallo|guten\\s+tag|bonjour|caro|cara|prezad[oa]|estimad[oa]|ciao|greetings)?';

function escapeRe(x: string): string {
  return x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The reader's address (or an address-like local part) as the subject or the greeting word of the opening line. */
export function addressGreeting(to: string[], subject: string, opening: string): string | null {
  const subj = subject.toLowerCase();
  const open = opening.toLowerCase().replace(/^[\s_*=-]+/, '');
  for (const addr of to.slice(0, 5)) {
    if (addr.length < 6) continue;
    const local = addr.slice(0, addr.indexOf('@'));
    if (subj.includes(addr)) return `${addr} in the subject`;
    const who = local.length >= 4 && /[\d._-]/.test(local) ? `(?:${escapeRe(addr)}|${escapeRe(local)})` : escapeRe(addr);
    if (new RegExp(`^${GREETING}\\s*,?\\s*${who}\\s*[,!:]`, 'u').test(open)) return `"${open.slice(0, 60)}"`;
    if (local.length >= 4 && /[\d._-]/.test(local) && new RegExp(`^${escapeRe(local)}\\s*[,:!]`).test(subj)) return `subject starts with ${local}`;
  }
  return null;
}

