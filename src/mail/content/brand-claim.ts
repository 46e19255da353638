import { hostUnder, splitHost } from '../domains.js';
import type { ImpersonatedBrand } from '../impersonated-brands.js';
import { foldAccents } from './obfuscation.js';

/**
 * A display name that *is* a brand ("PayPal", "Trust Wallet Support", "N e t f l i x !", "Douglas-Prämienteam")
 * while the address is not the brand's. The name must consist of the brand plus words any sender adds (support,
 * team, service, rewards…): "Lockergnome Apple Core" names Apple among other words and is a newsletter, not a claim.
 */

/** Words that dress a brand name up as a department or programme, in the languages of the lures we see. */
const FILLER = new Set([
  'support', 'team', 'service', 'services', 'customer', 'customers', 'care', 'security', 'account', 'accounts',
  'notification', 'notifications', 'notice', 'alert', 'alerts', 'billing', 'official', 'reward', 'rewards', 'loyalty',
  'bonus', 'winner', 'winners', 'prize', 'vip', 'online', 'mail', 'email', 'e', 'update', 'updates', 'info',
  'information', 'help', 'helpdesk', 'center', 'centre', 'department', 'dept', 'no', 'noreply', 'reply', 'do',
  'not', 'the', 'your', 'from', 'inc', 'llc', 'ltd', 'corp', 'co', 'com', 'app', 'gift', 'card', 'survey', 'opinion',
  'requested', 'program', 'programme', 'member', 'members', 'membership', 'delivery', 'shipping', 'express', 'order',
  'orders', 'payment', 'payments', 'invoice', 'verification', 'id', 'identity', 'login', 'finance', 'network',
  'global', 'international', 'restructuring', 'claims', 'claim', 'and', 'thank', 'thanks', 'you', 'us', 'usa', 'uk',
  'store', 'shop', 'club', 'plus', 'premium', 'pro', 'wallet', 'exchange', 'bank', 'banking', 'secure', 'safety',
  'kundenservice', 'kundendienst', 'klantenservice', 'kundenteam', 'atendimento', 'suporte', 'soporte', 'cliente',
  'clientes', 'servicio', 'servico', 'assistance', 'equipe', 'sicherheit', 'seguranca', 'seguridad', 'notificacao',
  'aviso', 'beloningen', 'beloning', 'pramie', 'pramien', 'pramienteam', 'gewinnspiel', 'einladung', 'kado', 'cadeau',
  'klant', 'klanten', 'aanbiedingen', 'de', 'du', 'der', 'die', 'das', 'el', 'la', 'le', 'les', 'et', 'und', 'en',
  'for', 'of', 'to', 'my', 'our', 'new', 'hq', 'partnership', 'affiliate', 'agent', 'agents', 'review', 'via', 'file',
  'files', 'document', 'documents', 'sign', 'esign', 'signature', 'news', 'newsletter', 'solutions', 'code', 'live',
  // Korean: customer centre, support, security team, operations, notice
  '고객센터', '고객지원', '고객', '센터', '보안팀', '보안센터', '운영팀', '인증센터', '공지', '알림', '안내', '팀', '지원',
]);

function words(s: string): string[] {
  return foldAccents(s).toLowerCase().replace(/[\u2122\u00ae\u00a9\u2120]/g, ' ').split(/[^\p{L}\p{N}&]+/u).filter((w) => w !== '' && w !== '&');
}

function compact(s: string): string {
  return words(s).join('');
}

/** Does the sender domain belong to the brand (listed, under a listed domain, or its registrable label)? */
export function brandOwns(brand: ImpersonatedBrand, domain: string): boolean {
  if (brand.domains.some((d) => hostUnder(domain, d))) return true;
  const label = splitHost(domain)?.label.replace(/[^a-z0-9]/g, '');
  if (label === undefined) return false;
  const names = [brand.name, ...(brand.aliases ?? [])].map(compact);
  // the brand's own label under another suffix (paypal.de), or the brand inside the sender's label
  // (trustwalletmail.com): that is a lookalike question for the lookalike checks, not a borrowed display name
  return names.some((n) => n.length >= 3 && (label === n || (n.length >= 5 && label.includes(n))));
}

/** The spellings of a brand list, indexed so a display name is matched in a few map lookups. */
interface Index {
  /** Letters-only spelling → brand ("disneyplus" for "D'isney Plus"). */
  flat: Map<string, ImpersonatedBrand>;
  /** First word of a spelling → the spellings that start with it, in list order. */
  byFirstWord: Map<string, { brand: ImpersonatedBrand; seq: string[] }[]>;
}

const indexes = new WeakMap<readonly ImpersonatedBrand[], Index>();

function indexOf(list: readonly ImpersonatedBrand[]): Index {
  let ix = indexes.get(list);
  if (ix === undefined) {
    ix = { flat: new Map(), byFirstWord: new Map() };
    for (const brand of list) {
      for (const n of [brand.name, ...(brand.aliases ?? [])]) {
        const seq = words(n);
        const flat = seq.join('');
        if (seq.length === 0) continue;
        if (flat.length >= 3 && !ix.flat.has(flat)) ix.flat.set(flat, brand);
        let l = ix.byFirstWord.get(seq[0]!);
        if (l === undefined) ix.byFirstWord.set(seq[0]!, (l = []));
        l.push({ brand, seq });
      }
    }
    indexes.set(list, ix);
  }
  return ix;
}

const LONG_FILLER = [...FILLER].filter((f) => f.length >= 4);

function isFiller(w: string): boolean {
  if (FILLER.has(w) || /^\d+$/.test(w)) return true;
  // compounds like "prämienteam" or "kundenservice" glued to nothing else
  return w.length >= 8 && LONG_FILLER.some((f) => w.endsWith(f) && FILLER.has(w.slice(0, w.length - f.length)));
}

/** The brand a display name consists of (brand words plus filler), or null. */
export function brandNamed(displayName: string, list: readonly ImpersonatedBrand[]): ImpersonatedBrand | null {
  const w = words(displayName.slice(0, 200));
  if (w.length === 0 || w.length > 8) return null;
  const ix = indexOf(list);
  const whole = ix.flat.get(w.join(''));
  if (whole !== undefined) return whole;
  for (let i = 0; i < w.length; i++) {
    for (const { brand, seq } of ix.byFirstWord.get(w[i]!) ?? []) {
      if (i + seq.length > w.length || !seq.every((x, k) => w[i + k] === x)) continue;
      if ([...w.slice(0, i), ...w.slice(i + seq.length)].every(isFiller)) return brand;
    }
  }
  // the brand glued to filler with a hyphen or nothing ("Coolblue-beloningen", "CelsiusNetworkLLC")
  if (w.length <= 3) {
    for (const glued of w) {
      if (isFiller(glued)) continue;
      if (!w.every((x) => x === glued || isFiller(x))) return null;
      for (let len = 5; len < glued.length; len++) {
        const brand = ix.flat.get(glued.slice(0, len));
        const tail = glued.slice(len);
        if (brand !== undefined && (isFiller(tail) || /^(?:network)?(?:llc|inc|ltd)?$/.test(tail))) return brand;
      }
    }
  }
  return null;
}

const mentionRe = new WeakMap<readonly ImpersonatedBrand[], { re: RegExp; byName: Map<string, ImpersonatedBrand> }>();

/**
 * The first brand named (as a whole word, disguise undone) in a short text such as a subject or an opening line.
 * Names shorter than four letters (UPS, CVS, AAA) are not looked for: in running text they are ordinary words or
 * initials.
 */
export function brandMentioned(text: string, list: readonly ImpersonatedBrand[]): ImpersonatedBrand | null {
  let m = mentionRe.get(list);
  if (m === undefined) {
    const byName = new Map<string, ImpersonatedBrand>();
    for (const b of list) for (const n of [b.name, ...(b.aliases ?? [])]) {
      const key = words(n).join(' ');
      if (key.length >= 4 && !byName.has(key)) byName.set(key, b);
    }
    const alts = [...byName.keys()].sort((a, b) => b.length - a.length).map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
    m = { re: new RegExp(`(?<![\\p{L}\\p{N}])(?:${alts.join('|')})(?![\\p{L}\\p{N}])`, 'u'), byName };
    mentionRe.set(list, m);
  }
  const folded = words(text.slice(0, 1000)).join(' ');
  const hit = m.re.exec(folded);
  return hit === null ? null : m.byName.get(hit[0].replace(/\s+/g, ' ')) ?? null;
}
