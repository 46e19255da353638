import { isFreemail } from '../lists.js';
import { registrable } from '../domains.js';

/**
 * A free-mail address the text tells the reader to write to ("Contact Email: agent.7@gmail.com", "reply
 * drbenb63@gmail.com", "envie para: x@gmail.com"), when it is neither the sender's own address nor the reader's.
 * It is the body's Reply-To: the conversation moves to a throwaway mailbox the filters never saw. Quoted reply
 * headers ("… wrote:", "From: … <x@gmail.com>") name people, not instructions, and do not count.
 */
const ADDRESS = /(?<![a-z0-9._%+@-])([a-z0-9][a-z0-9._%+-]{0,63})@([a-z0-9-]+(?:\.[a-z0-9-]+)+)/gi;
// the instruction just before the address, in the languages of the lures we see
const CUE = /(?:\b(?:contact|reply|write|send|respond|response|email|e-mail|mail|get\s+back\s+to\s+(?:me|us)|kontakt|schreiben|antworten|contato|contacto|responda|escreva|envie|enviar|para|écrivez|répondez|contactez|courriel)\b)[^@]{0,40}$/i;
const QUOTE = /\b(?:sent|addressed|delivered)\s+to\s*:?\s*<?$|(?:wrote|a\s+écrit|escreveu|schrieb|escribió|geschreven)\s*:?\s*$|(?:^|[\n*>])\s*(?:from|de|von|van|to|an|cc|para)\s*:\s*\*?[^\n:]{0,60}$/i;

export function freemailContact(text: string, fromAddress: string | null, recipients: readonly string[]): string | null {
  const from = (fromAddress ?? '').toLowerCase();
  const mine = new Set(recipients.map((r) => r.toLowerCase()));
  const scan = text.length > 20_000 ? text.slice(0, 20_000) : text;
  ADDRESS.lastIndex = 0;
  let m: RegExpExecArray | null;
  let seen = 0;
  while ((m = ADDRESS.exec(scan)) !== null && seen++ < 50) {
    const addr = m[0].toLowerCase();
    const reg = registrable(m[2]!.toLowerCase());
    if (addr === from || mine.has(addr) || reg === null || !isFreemail(reg)) continue;
    const before = scan.slice(Math.max(0, m.index - 60), m.index);
    if (QUOTE.test(before) || !CUE.test(before)) continue;
    return addr;
  }
  return null;
}
