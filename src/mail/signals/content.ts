import type { Signal } from '../types.js';
import type { ParsedMessage } from '../parse/mime.js';
import type { AnalyzedLink } from '../links/analyze.js';
import type { AuthSummary } from '../auth/results.js';
import { ownerOf, type Target } from '../lookalike/compare.js';
import { hostUnder, registrable } from '../domains.js';
import { ESP_TRACKERS } from '../links/lists.js';
import { isFreemail } from '../lists.js';
import { MAIL_LIMITS } from '../limits.js';
import { mergeHits, scanLanguage } from '../content/language.js';
import { findBtcAddresses, findEthAddresses } from '../content/crypto.js';
import { hiddenText, mixedScriptWords, styledLetters } from '../content/hidden.js';
import { foldAccents, obfuscatedWords } from '../content/obfuscation.js';
import { addressGreeting } from './greeting.js';
import { freemailContact } from '../content/contact.js';
import { cryptoWindfall } from '../content/windfall.js';
import { randomTag, unfilledMergeField } from '../content/machine-made.js';
import { IMPERSONATED_BRANDS } from '../impersonated-brands.js';
import { brandMentioned, brandOwns } from '../content/brand-claim.js';
import { signal } from '../verdict.js';

export interface ContentInput {
  p: ParsedMessage;
  /** Subject, attachment names and visible body text. */
  fullText: string;
  /** The visible body text alone. */
  visible: string;
  links: AnalyzedLink[];
  targets: readonly Target[];
  fromDomain: string | null;
  /** Authentication results (trusted ones only: the organisation's authserv-id offline, our own checks online). */
  auth?: AuthSummary;
}

/** Brand names worth disguising, for spotting "N e t f l i x" and "PayPaI" (letters only, lower case). */
const BRAND_WORDS: ReadonlySet<string> = new Set(IMPERSONATED_BRANDS.flatMap((b) => [b.name, ...(b.aliases ?? [])])
  .map((n) => n.toLowerCase().replace(/[^a-z]/g, '')).filter((n) => n.length >= 4));

/** Links the reader is asked to follow (not images or styles) to a site that is neither the sender's nor a brand's. */
export function foreignActionLink(links: readonly AnalyzedLink[], fromReg: string | null, targets: readonly Target[]): AnalyzedLink | undefined {
  return links.find((l) => l.host !== '' && (l.source === 'a' || l.source === 'text' || l.source === 'form' || l.source === 'area')
    && registrable(l.host) !== fromReg && ownerOf(l.host, targets) === null);
}

// the vehicle must itself look wrong: a lure next to an ordinary link to another site is just a newsletter
const SUSPECT = ['shortener', 'free-hosting', 'image-host', 'ip-host', 'abused-tld', 'credential-path', 'text-mismatch', 'userinfo', 'ipfs', 'open-redirect', 'punycode', 'data-url'];

/**
 * Sender signals that mean the sender is dressed up or the conversation is moved to a throwaway mailbox. A Reply-To
 * on another ordinary domain is left out (mailing lists do it all day), and so is a malformed From.
 */
const SENDER_DISGUISE = ['sender.display-name-brand', 'sender.display-name-org', 'sender.display-name-mismatch', 'sender.freemail-institutional',
  'sender.display-name-address', 'sender.display-name-domain', 'sender.reply-to-freemail', 'sender.freemail-reply-elsewhere',
  'sender.free-hosting-domain', 'sender.dynamic-dns', 'sender.abused-tld', 'sender.org-on-freemail', 'lookalike.org', 'lookalike.brand',
  'sender.generated-mailbox', 'content.freemail-contact'];

/** Role words honest senders put in their mailboxes ("newsletter@", "offers@"): such a mailbox is not random. */
const ROLE_PARTS = /news|info|mail|reply|support|hello|team|contact|market|offer|deal|promo|service|update|alert|notice|admin|sales|letter|bounce|account|member|custom|help|store|shop/;

/**
 * The snowshoe sender: the display name carries words (a product, a company) none of which is in the sending host;
 * the host is a subdomain (sending hosts per campaign); the mailbox is a short run of letters and digits with no role
 * word and nothing of the name; every link goes back to the sender's own registrable domain. Mailing services use
 * VERP mailboxes with separators (bounce tracking), companies their own names, people their names.
 */
export function snowshoeSender(name: string | null, address: string | null, host: string | null, reg: string | null, actions: readonly AnalyzedLink[]): string | null {
  if (name === null || address === null || host === null || reg === null || actions.length === 0) return null;
  if (host === reg || isFreemail(reg)) return null;
  const local = address.slice(0, address.lastIndexOf('@')).toLowerCase();
  if (!/^[a-z][a-z0-9]{5,15}$/.test(local) || ROLE_PARTS.test(local)) return null;
  const words = name.toLowerCase().normalize('NFD').replace(/[^a-z]+/g, ' ').split(' ').filter((w) => w.length >= 4);
  if (words.length === 0) return null;
  const h = host.replace(/[^a-z0-9]/g, '');
  if (words.some((w) => h.includes(w.slice(0, 4)) || local.includes(w.slice(0, 4)))) return null;
  if (!actions.every((l) => registrable(l.host) === reg)) return null;
  return `"${name}" <${address}>, ${actions.length} link(s) to ${reg}`;
}

/**
 * The sender's own account notice: DMARC passed for the From domain (so the domain wrote it), the sender is no
 * free-mail account and wears no disguise, and every link goes to the sender's registrable domain or to the sites
 * of the brand that domain belongs to. Returns the evidence, or null.
 */
export function authenticatedOwnNotice(inp: ContentInput, signals: readonly Signal[]): string | null {
  const { links, fromDomain, auth } = inp;
  if (auth === undefined || auth.dmarc !== 'pass' || fromDomain === null) return null;
  const fromReg = registrable(fromDomain);
  if (fromReg === null || isFreemail(fromReg)) return null;
  if (signals.some((s) => SENDER_DISGUISE.includes(s.id) || s.id.startsWith('lookalike.') || s.id === 'sender.reply-to-foreign' || s.id === 'sender.reply-to-lookalike')) return null;
  const brand = IMPERSONATED_BRANDS.find((b) => b.domains.some((d) => hostUnder(fromDomain, d))) ?? null;
  const home = (host: string): boolean => registrable(host) === fromReg || (brand !== null && brandOwns(brand, host));
  // pictures and styles send the reader nowhere; every link the reader can follow must lead home
  const actions = links.filter((l) => l.source !== 'img' && l.source !== 'css');
  if (!actions.every((l) => l.host !== '' && home(l.host))) return null;
  return `dmarc=pass for ${fromReg}, ${actions.length} link(s), all to its own sites`;
}

/**
 * A link whose fragment (after #) carries the reader's address, as written, URL-encoded or in base64: phishing kits
 * pre-fill the login form from it in the browser, so the address never reaches a server log or a URL scanner.
 * Services that know the reader put the address in the query, where their server reads it.
 */
export function recipientInFragment(links: readonly AnalyzedLink[], recipients: readonly string[]): string | null {
  if (recipients.length === 0) return null;
  const forms = recipients.flatMap((r) => {
    const b = Buffer.from(r, 'utf8').toString('base64').replace(/=+$/, '');
    return [r.toLowerCase(), encodeURIComponent(r).toLowerCase(), b, b.replace(/\+/g, '-').replace(/\//g, '_')];
  });
  for (const l of links) {
    const hash = l.url.indexOf('#');
    if (hash < 0 || l.host === '') continue;
    const frag = l.url.slice(hash + 1, hash + 2049);
    const lower = frag.toLowerCase();
    if (forms.some((f) => (f.includes('@') || f.includes('%40') ? lower.includes(f) : frag.includes(f)))) return l.url;
  }
  return null;
}

/** Lure language, crypto addresses, hidden and disguised text: the signals read from what the message says. */
export function contentSignals(inp: ContentInput, signals: Signal[]): { btc: string[]; eth: string[] } {
  const { p, fullText, visible, links, targets, fromDomain } = inp;
  const scanText = fullText.slice(0, MAIL_LIMITS.languageScanChars);
  const hidden = hiddenText(p.html, fullText);
  // disguised words are read twice: as written, and with the disguise undone so the lure patterns can match them
  const nameAndSubject = `${p.from.name ?? ''}\n${p.subject ?? ''}`;
  const disguisedHead = obfuscatedWords(nameAndSubject, 5, BRAND_WORDS);
  const disguisedBody = obfuscatedWords(scanText.slice(0, 20_000), 5, BRAND_WORDS);
  const fromReg = fromDomain === null ? null : registrable(fromDomain);
  const action = foreignActionLink(links, fromReg, targets);
  // the reader's address: the To/Cc recipients and the envelope recipient the receiving server recorded
  const delivered = p.headers.filter((h) => h.key === 'delivered-to' || h.key === 'x-original-to').map((h) => h.value.trim().toLowerCase());
  const recipients = [...new Set([...p.to, ...p.cc, ...delivered])].filter((a) => a.includes('@'));
  // the body's own Reply-To: "write to agent.7@gmail.com" from a sender that is not that mailbox
  // (in a letter-sized text: newsletters name their editors' and advertisers' mailboxes among pages of articles)
  const contact = visible.length > 4000 ? null : freemailContact(visible, p.from.address, recipients);
  if (contact !== null) signals.push(signal('content.freemail-contact', 'the text tells the reader to write to a free-mail address that is not the sender', contact));
  const prefilled = recipientInFragment(links, recipients);
  if (prefilled !== null) signals.push(signal('link.recipient-in-fragment', 'a link carries the reader’s address in its fragment, where the page’s script reads it and no server log sees it', prefilled.slice(0, 300)));
  let lang = scanLanguage(scanText);
  if (disguisedHead.length + disguisedBody.length > 0 || hidden.zeroWidth > 0) lang = mergeHits(lang, scanLanguage(foldAccents(`${p.from.name ?? ''}\n${scanText.slice(0, 20_000)}`)));
  const btc = findBtcAddresses(fullText);
  const eth = findEthAddresses(fullText);
  const ownNotice = lang.credential.length > 0 ? authenticatedOwnNotice(inp, signals) : null;
  if (ownNotice !== null) signals.push(signal('content.credential-lure-own-notice', 'account-security wording in the authenticated sender’s own notice, every link to its own sites', `${lang.credential.join(' | ')}; ${ownNotice}`));
  else if (lang.credential.length > 0) signals.push(signal('content.credential-lure', 'credential-harvesting language', lang.credential.join(' | ')));
  if (lang.lure.length > 0) signals.push(signal('content.payment-lure', 'parcel-fee, refund or advance-fee lure', lang.lure.join(' | ')));
  // lure plus vehicle: the combination, not either alone, is the shape of a phish
  const lured = lang.credential.length + lang.lure.length + lang.extortion.length + lang.adult.length > 0
    || [lang.crypto, lang.prize, lang.gambling, lang.callback, lang.payment, lang.legal, lang.pharma, lang.offer].some((x) => x !== null);
  const strongLure = lang.credential.length + lang.lure.length + lang.extortion.length + lang.adult.length > 0
    || [lang.crypto, lang.gambling, lang.callback, lang.payment, lang.legal, lang.pharma].some((x) => x !== null);
  if (lured) {
    const vehicle = links.find((l) => l.flags.includes('form-action') || l.lookalike !== null
      || (l.host !== '' && registrable(l.host) !== fromReg && l.source !== 'css' && (l.source !== 'img' || l.flags.includes('image-host'))
        && ownerOf(l.host, targets) === null && l.flags.some((f) => SUSPECT.includes(f))));
    if (vehicle !== undefined) signals.push(signal('content.credential-lure-link', 'the lure comes with a link to a site that is not the sender’s and looks wrong', vehicle.url.slice(0, 300)));
    // a weaker vehicle: an ordinary-looking link to a site that is neither the sender's, a brand's nor a mailing
    // service's (lures send the reader elsewhere; honest notices link home)
    // (not for prize or business-offer wording alone: real sweepstakes agencies and consultants link to campaign sites)
    else if (strongLure && action !== undefined && !ESP_TRACKERS.has(registrable(action.host) ?? action.host)) signals.push(signal('content.lure-foreign-link', 'the lure links to a site that is not the sender’s', action.url.slice(0, 300)));
    // the other vehicle: a sender dressed up as someone it is not, or replies sent somewhere else
    // a Reply-To elsewhere is what mailing lists do; on mail that is no list's, under a strong lure, it moves the
    // conversation away from the sender
    const list = p.headers.some((h) => h.key === 'list-id' || h.key === 'list-unsubscribe' || h.key === 'list-post' || h.key === 'mailing-list');
    const disguise = signals.find((s) => SENDER_DISGUISE.includes(s.id) || (strongLure && !list && s.id === 'sender.reply-to-foreign'));
    // a brand named in the subject or the opening lines, from a sender that is not the brand, with no link to the
    // brand: the lure speaks in the brand's name (a newsletter writing about a brand links to it or to itself)
    const brand = disguise?.id === 'sender.display-name-brand' ? null : brandMentioned(`${p.subject ?? ''}\n${visible.slice(0, 300)}`, IMPERSONATED_BRANDS);
    if (brand !== null && fromDomain !== null && !brandOwns(brand, fromDomain) && !links.some((l) => l.host !== '' && brandOwns(brand, l.host) && l.source !== 'img')) {
      signals.push(signal('content.brand-lure', `the lure speaks for ${brand.name}, but neither the sender nor any link is ${brand.name}'s`, `${brand.name}; From ${p.from.address ?? ''}`));
    }
    // banks, exchanges and benefactors with millions to give do not write from free-mail accounts either
    const fromFree = fromDomain !== null && fromReg === fromDomain && isFreemail(fromDomain);
    const institutionalLure = lang.credential.length + lang.lure.length > 0 || lang.crypto !== null || lang.payment !== null;
    if (disguise !== undefined) signals.push(signal('content.lure-disguised-sender', 'the lure comes from a sender that is not who it claims to be, or moves replies elsewhere', `${disguise.id}: ${disguise.evidence.slice(0, 200)}`));
    else if (fromFree && institutionalLure) signals.push(signal('content.lure-disguised-sender', 'an account, payment or windfall lure from a free-mail account', `free-mail sender ${p.from.address ?? ''}`));
  }
  if (lang.urgency !== null) signals.push(signal('content.urgency', 'pressure language', lang.urgency));
  if (lang.extortion.length > 0) {
    signals.push(signal('content.extortion', 'extortion language', lang.extortion.join(' | ')));
    if (btc.length + eth.length > 0) signals.push(signal('content.extortion-payment', 'extortion with a payment address', [...btc, ...eth].slice(0, 3).join(', ')));
  }
  if (btc.length + eth.length > 0) signals.push(signal('content.crypto-address', 'cryptocurrency address in the text', [...btc, ...eth].slice(0, 5).join(', ')));
  if (lang.callback !== null) signals.push(signal('content.callback-lure', 'a charge or renewal with a number to call', lang.callback));
  if (lang.payment !== null) signals.push(signal('content.payment-change', 'payment-diversion language', lang.payment));
  if (lang.crypto !== null) signals.push(signal('content.crypto-lure', 'wallet or withdrawal lure', lang.crypto));
  // coins waiting for the reader at someone else's site (the sender's own site and a brand that sends the mail are
  // home; a mailing service's tracker is only the sender's link in disguise)
  const senderOwner = fromDomain === null ? null : ownerOf(fromDomain, targets);
  const windfall = cryptoWindfall(scanText, (host) => {
    const reg = registrable(host) ?? host;
    if (reg === fromReg || ESP_TRACKERS.has(reg)) return false;
    return senderOwner === null || ownerOf(host, targets) !== senderOwner;
  });
  if (windfall !== null) signals.push(signal('content.crypto-windfall', 'a sum of cryptocurrency offered to the reader at a site that is not the sender’s', `${windfall.amount} → ${windfall.host}`));
  // a prize or casino offer counts when it sends the reader to someone else's site: real sweepstakes and casinos
  // write to their own entrants and players from their own domain (or ask for a form by post)
  if (lang.prize !== null && action !== undefined) signals.push(signal('content.prize-lure', 'sweepstakes, survey-reward or "you have been selected" lure with a link to another site', `${lang.prize} → ${action.host}`));
  if (lang.gambling !== null && action !== undefined) signals.push(signal('content.gambling-offer', 'casino free-spins or no-deposit bonus offer with a link to another site', `${lang.gambling} → ${action.host}`));
  if (lang.adult.length > 0) signals.push(signal('content.adult-lure', 'sex or dating solicitation', lang.adult.join(' | ')));
  if (lang.pharma !== null && action !== undefined) signals.push(signal('content.pharma-offer', 'prescription drugs offered by mail with a link to another site', `${lang.pharma} → ${action.host}`));
  if (lang.offer !== null) signals.push(signal('content.stranger-offer', 'an unsolicited business, investment or loan proposal', lang.offer));
  if (lang.legal !== null) signals.push(signal('content.legal-threat', 'a summons, warrant or court notice', lang.legal));
  if (disguisedHead.length > 0 || disguisedBody.length >= 2) {
    const words = [...disguisedHead, ...disguisedBody].slice(0, 5);
    signals.push(signal('content.obfuscated-words', `${words.length} word(s) disguised from keyword filters (spaced letters, I for l, 0 for O, stray accents, invisible characters)`, words.join(', ')));
  }
  // a brand's own address whose links all lead to somewhere that looks wrong: brands link to their own sites, a
  // spoofed From with a free-hosting or shortened link does not
  const senderBrand = fromDomain === null ? null : IMPERSONATED_BRANDS.find((b) => b.domains.some((d) => hostUnder(fromDomain, d))) ?? null;
  const actions = links.filter((l) => l.host !== '' && (l.source === 'a' || l.source === 'text' || l.source === 'form' || l.source === 'area'));
  if (senderBrand !== null && actions.length > 0 && !actions.some((l) => brandOwns(senderBrand, l.host))) {
    const wrong = actions.find((l) => l.flags.some((f) => SUSPECT.includes(f)));
    if (wrong !== undefined) signals.push(signal('sender.brand-links-elsewhere', `mail from ${senderBrand.name}'s domain whose links all lead elsewhere`, `From ${p.from.address ?? ''}; ${wrong.url.slice(0, 200)}`));
  }
  // snowshoe mail: a product's name over a random mailbox on a subdomain of a domain that names nothing, every link
  // pointing back at that domain (one of many throwaway domains that share the sending and the click tracking)
  const snowshoe = snowshoeSender(p.from.name, p.from.address, fromDomain, fromReg, p.html !== '' ? actions : []);
  if (snowshoe !== null) signals.push(signal('sender.snowshoe', 'a product’s name sent from a random mailbox on an unrelated subdomain whose own domain takes every click', snowshoe));
  // a short HTML mail whose every link leads to one other site (not a mailing service's click tracker): the
  // single call to action of a lure, with nothing else a real newsletter or notice would link to
  const actionRegs = new Set(actions.filter((l) => !/\.(?:png|jpe?g|gif|webp|svg)(?:[?#]|$)/i.test(l.url)).map((l) => registrable(l.host) ?? l.host));
  const cta = actionRegs.size === 1 ? [...actionRegs][0]! : null;
  if (cta !== null && p.html !== '' && visible.replace(/\s+/g, ' ').trim().length < 600 && cta !== fromReg
    && !ESP_TRACKERS.has(cta) && ownerOf(cta, targets) === null && (senderBrand === null || !brandOwns(senderBrand, cta))) {
    signals.push(signal('content.single-foreign-action', 'a short HTML message whose only call to action is a link to another site', cta));
    // and its pictures borrowed from an anonymous image host: a lure assembled from parts that belong to no one
    const borrowed = links.find((l) => l.flags.includes('image-host'));
    if (borrowed !== undefined) signals.push(signal('content.borrowed-images-action', 'a short message of pictures from an anonymous image host with one button to another site', `${borrowed.url.slice(0, 150)} → ${cta}`));
  }
  // a picture and a link with (almost) no words: the reader sees the lure, a filter sees nothing to read; real
  // image-heavy newsletters still carry text (an address, an unsubscribe line) and many links
  const distinctUrls = new Set(links.map((l) => l.url)).size;
  if (p.html !== '' && (actions.length > 0 || /<a\b[^>]{0,300}\bhref\s*=/i.test(p.html)) && distinctUrls <= 8 && /<img\b|url\s*\(/i.test(p.html) && visible.replace(/\s+/g, '').length < 60) {
    signals.push(signal('content.image-only', 'the message shows pictures and a link but (almost) no text', `${visible.replace(/\s+/g, ' ').trim().slice(0, 60) || '(no text)'}; ${(actions[0]?.url ?? links[0]?.url ?? 'a link').slice(0, 200)}`));
  }
  // mass lures personalise with the only thing they know: the address ("Dear john@acme.com", "john, your mailbox")
  // (mailing-list traffic is addressed to the list, whose address legitimately appears in subjects and openings)
  const isList = p.headers.some((h) => h.key === 'list-id');
  // mail sent to undisclosed recipients personalised with an address in the subject names the reader there
  if (recipients.length === 0) {
    const inSubject = /^\s*(?:re:\s*)?([a-z0-9._%+-]{2,64}@[a-z0-9-]+(?:\.[a-z0-9-]+)*)\s*[,:!]|[\s,]([a-z0-9._%+-]{2,64}@[a-z0-9-]+(?:\.[a-z0-9-]+)*)\s*[?!.]?\s*$/i.exec(p.subject ?? '');
    const a = inSubject?.[1] ?? inSubject?.[2];
    if (a !== undefined) recipients.push(a.toLowerCase());
  }
  const greeting = isList ? null : addressGreeting(recipients, p.subject ?? '', visible.slice(0, 300), p.from.name ?? '');
  if (greeting !== null) signals.push(signal('content.address-greeting', 'the message addresses the reader by their mail address', greeting));
  const mixed = mixedScriptWords(`${p.from.name ?? ''}\n${fullText.slice(0, 20_000)}`);
  if (mixed.length >= 2) signals.push(signal('content.mixed-script-words', `${mixed.length} words mix Latin with Cyrillic or Greek look-alike letters`, mixed.join(', ')));
  const styled = styledLetters(fullText.slice(0, 20_000));
  if (styled >= 8) signals.push(signal('content.styled-letters', `${styled} letters written in mathematical alphanumeric symbols`, (p.subject ?? '').slice(0, 120)));
  // bulk tooling showing through: a random tag so no two copies match, a merge field left unfilled
  const subjectTag = randomTag(p.subject);
  const nameTag = subjectTag === null ? randomTag(p.from.name) : null;
  if (subjectTag !== null || nameTag !== null) {
    signals.push(signal('content.random-tag', `the ${subjectTag !== null ? 'subject' : 'sender’s name'} carries a random tag that makes every copy differ`, (subjectTag ?? nameTag)!));
  }
  const merge = unfilledMergeField(p.subject, visible);
  if (merge !== null) signals.push(signal('content.unfilled-merge-field', 'a mail-merge field for the reader’s name or address was left unfilled', merge));
  if (hidden.hiddenChars >= 200) signals.push(signal('content.hidden-text', `${hidden.hiddenChars} characters of hidden text`, hidden.sample));
  if (hidden.offscreen !== null) signals.push(signal('content.offscreen-text', 'content pushed thousands of pixels off-screen by its style', hidden.offscreen));
  if (hidden.zeroWidth >= 10) signals.push(signal('content.zero-width', `${hidden.zeroWidth} words broken by zero-width characters`, `${hidden.zeroWidth} occurrences`));
  return { btc, eth };
}
