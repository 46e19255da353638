import type { Severity } from './types.js';

/**
 * The verdict rules: every signal id the analysers can emit, its weight and why. The score is the sum of the
 * weights of the distinct rules that fired, capped at 100. Weights reward attack evidence (a lookalike of the
 * organisation, a credential form, an extortion demand with a valid address) over things honest mail also does
 * (a Reply-To elsewhere, a link shortener). No rule looks at dates, mailer versions or other traits of an era.
 *
 * Bump RULES_VERSION whenever a weight or threshold changes; it is stored with every result.
 */
export const RULES_VERSION = '2026.12.02-1';

export const THRESHOLDS = { suspicious: 30, malicious: 60 } as const;

export interface Rule {
  description: string;
  weight: number;
  severity: Severity;
  reason: string;
}

export const RULES: Record<string, Rule> = {
  // --- parsing ---------------------------------------------------------------------------------------------
  'mime.limit': { description: 'The message broke a parsing limit (nesting, part count, header size) and was analysed from its headers only', weight: 25, severity: 'medium', reason: 'Honest mail stays far inside these limits; exceeding them is filter evasion or a parser attack.' },
  // --- authentication ----------------------------------------------------------------------------------------
  'auth.untrusted-results-ignored': { description: 'Authentication-Results from a host other than the organisation’s trusted authserv-id were ignored', weight: 0, severity: 'info', reason: 'Anyone can write such a header; noted so the analyst knows why auth shows none.' },
  'auth.dmarc-fail': { description: 'DMARC failed: the From domain did not authorise this message', weight: 40, severity: 'high', reason: 'A domain that publishes DMARC and fails it is being spoofed or badly forwarded; spoofing is the common case.' },
  'auth.spf-fail': { description: 'SPF failed for the envelope sender', weight: 15, severity: 'medium', reason: 'The sending IP is not allowed by the sender domain; forwarding can also cause it, so it stays moderate.' },
  'auth.spf-softfail': { description: 'SPF soft-failed for the envelope sender', weight: 5, severity: 'low', reason: 'A weak "probably not" from the domain owner.' },
  'auth.dkim-fail': { description: 'A DKIM signature failed to verify', weight: 10, severity: 'medium', reason: 'Tampering or a forged signature; mailing-list footers also break signatures.' },
  'auth.arc-fail': { description: 'The ARC chain failed validation', weight: 5, severity: 'low', reason: 'A broken forwarding chain; rarely decisive on its own.' },
  'auth.org-spoof': { description: 'The From address is the organisation’s own domain but the message did not authenticate', weight: 45, severity: 'high', reason: 'Internal-looking mail from outside is the classic CEO-fraud opener.' },
  // --- Received chain ----------------------------------------------------------------------------------------
  'received.bogon-ip': { description: 'A Received hop names a reserved, unroutable source address', weight: 10, severity: 'low', reason: 'Such a hop cannot have happened on the internet: the header was forged.' },
  'received.helo-ip-mismatch': { description: 'The originating host greeted with another machine’s IP literal', weight: 10, severity: 'low', reason: 'Bots and misconfigured hosts do this; legitimate relays greet with their own name.' },
  'received.helo-claims-org': { description: 'The originating host claimed to be the organisation’s server', weight: 40, severity: 'high', reason: 'Only the organisation’s own relays may use its names; an outsider doing so is impersonation.' },
  'received.helo-rdns-mismatch': { description: 'The originating host named itself after the sender’s domain but reverse DNS disagrees', weight: 5, severity: 'low', reason: 'Common in botnets; also seen with small hosted domains, so weak.' },
  'received.time-travel': { description: 'A relay stamped the message hours before the previous relay sent it', weight: 3, severity: 'low', reason: 'Forged hops often carry inconsistent times; wrong clocks do too.' },
  // --- sender and lookalikes -----------------------------------------------------------------------------------
  'lookalike.org': { description: 'A sender, reply or link domain imitates a registered organisation’s domain', weight: 65, severity: 'critical', reason: 'Registering a lookalike of the target’s own domain has no innocent explanation in mail to that target.' },
  'lookalike.brand': { description: 'A sender, reply or link domain imitates a partner brand', weight: 35, severity: 'high', reason: 'Brand lookalikes are phishing infrastructure; brands’ own domains are excluded.' },
  'sender.display-name-org': { description: 'The display name claims the organisation but the address is foreign', weight: 45, severity: 'high', reason: 'Colleagues write from the organisation’s domain; a foreign address behind its name is impersonation.' },
  'sender.display-name-brand': { description: 'The display name claims a partner brand but the address is not the brand’s', weight: 30, severity: 'high', reason: 'Brands send from their own domains; their name on another domain is the standard phishing disguise.' },
  'sender.display-name-address': { description: 'The display name contains an email address on another domain than the real sender', weight: 20, severity: 'high', reason: 'Shows the reader one address while replies and trust go to another.' },
  'sender.display-name-domain': { description: 'The display name shows a domain other than the sender’s', weight: 20, severity: 'medium', reason: 'Shows the reader a trusted name ("proton.me", "paypal.com") while the mail comes from elsewhere.' },
  'content.callback-lure': { description: 'Callback-phishing lure: a charge, renewal or order the reader did not make, with a phone number to call', weight: 30, severity: 'medium', reason: 'The BazarCall/tech-support script: the victim phones the attacker, bypassing every link check.' },
  'sender.malformed-from': { description: 'The From header does not parse as an address (stray characters around the mailbox, no address at all)', weight: 30, severity: 'medium', reason: 'Every mail client writes a parseable From; hand-crafted headers that confuse parsers are made to fool filters or readers.' },
  'sender.reply-to-freemail': { description: 'Replies go to a free-mail mailbox although the sender is not free-mail', weight: 20, severity: 'medium', reason: 'The BEC pattern: a corporate-looking From with the conversation moved to a throwaway mailbox.' },
  'sender.reply-to-foreign': { description: 'Replies go to a different registrable domain than the sender', weight: 5, severity: 'low', reason: 'Mailing lists do this too; weak on its own.' },
  'sender.freemail-reply-elsewhere': { description: 'A free-mail sender moves replies to a private domain', weight: 15, severity: 'medium', reason: 'The free-mail account is a throwaway; the conversation goes to infrastructure the attacker owns.' },
  'sender.display-name-mismatch': { description: 'The display name speaks for an institution (support, billing, delivery…) that the sending domain does not belong to', weight: 15, severity: 'medium', reason: 'Companies send from their own domains or say "via" the service; borrowed institutional names are the phishing disguise.' },
  'sender.freemail-institutional': { description: 'An institutional display name (bank, support, delivery…) on a free-mail address', weight: 25, severity: 'medium', reason: 'Institutions do not write from free-mail accounts.' },
  'sender.org-on-freemail': { description: 'A free-mail account carries the organisation’s name or domain label', weight: 45, severity: 'high', reason: 'Staff of the organisation write from its domain; its name on a Gmail account is impersonation of a colleague.' },
  'sender.free-hosting-domain': { description: 'The sender address is on an app-hosting platform domain (firebaseapp.com, web.app, herokuapp.com…)', weight: 25, severity: 'medium', reason: 'Institutions send from their own domains; throwaway projects on hosting platforms are a common phishing sender.' },
  'sender.abused-tld': { description: 'The sender’s domain is under a TLD or pseudo-TLD where most names seen in mail are abuse (.xyz, .top, .click, sa.com…)', weight: 10, severity: 'low', reason: 'Bulk lures send from names bought by the thousand for cents; honest businesses exist there too, so it only adds weight.' },
  'sender.brand-links-elsewhere': { description: 'The From address is a well-known brand’s, but none of the links goes to the brand and one looks wrong (free hosting, shortener, abused TLD…)', weight: 20, severity: 'medium', reason: 'A brand’s real mail links to the brand’s own sites; a brand’s address with links to throwaway hosting is a spoofed From.' },
  'sender.dynamic-dns': { description: 'The sender address is on a dynamic-DNS name (ddns.net, no-ip.org, duckdns.org…)', weight: 15, severity: 'low', reason: 'Such names point at a home or rented machine: no institution sends from one, but hobbyists run their own mail servers there, so it stays moderate.' },
  'sender.generated-mailbox': { description: 'The sender mailbox is random letters (snytvkoqu@, yplgnbm@) unrelated to the display name in front of it', weight: 30, severity: 'medium', reason: 'Snowshoe senders mint a mailbox per message so no address builds a reputation, and dress it with a company’s name; people and companies write from mailboxes that are words, names or initials.' },
  'sender.first-contact': { description: 'First mailing ever from this sender domain to this organisation (every copy of it)', weight: 5, severity: 'low', reason: 'Targeted lures come from fresh infrastructure; most first contacts are honest, so it only tips the balance.' },
  // --- links ----------------------------------------------------------------------------------------------------
  'link.ip-host': { description: 'A link points at a raw IP address', weight: 25, severity: 'medium', reason: 'Legitimate services link by name; phishing kits on compromised hosts often do not have one.' },
  'link.obfuscated-host': { description: 'A link host is written in decimal, hex or octal so it does not look like an IP', weight: 40, severity: 'high', reason: 'Only used to hide an address from the reader.' },
  'link.userinfo': { description: 'A link hides its real host behind user-info (`https://bank.com@evil.example`)', weight: 35, severity: 'high', reason: 'The part before @ is never the destination; its only use in mail is deception.' },
  'link.shortener': { description: 'A link goes through a URL shortener', weight: 12, severity: 'low', reason: 'Hides the destination; also used by marketing, so light.' },
  'link.open-redirect': { description: 'A link goes through a redirector to another site', weight: 12, severity: 'medium', reason: 'Open redirects on trusted domains launder phishing URLs past filters and readers.' },
  'link.data-url': { description: 'A link is a data: URL', weight: 35, severity: 'high', reason: 'Carries a whole page inside the link so no server can be blocked.' },
  'link.javascript-url': { description: 'A link runs javascript:', weight: 15, severity: 'medium', reason: 'Script in a mail link has no honest purpose.' },
  'link.ipfs': { description: 'A link points at IPFS content', weight: 35, severity: 'high', reason: 'IPFS-hosted phishing pages cannot be taken down at a host; honest business mail almost never links there.' },
  'link.free-hosting': { description: 'A link points at free hosting, a site builder or a storage bucket', weight: 15, severity: 'medium', reason: 'Where throwaway credential pages live; honest use exists, so moderate.' },
  'link.credential-path': { description: 'A link path looks like a login or verification page on an unrelated domain', weight: 2, severity: 'low', reason: 'Weak by itself; supports a lure.' },
  'link.text-mismatch': { description: 'A link shows one site in its text but goes to another', weight: 8, severity: 'low', reason: 'Click trackers do this all the time, so on its own it is weak.' },
  'link.text-mismatch-brand': { description: 'A link shows an organisation’s or brand’s site in its text but goes to a site that is not theirs', weight: 35, severity: 'high', reason: 'Showing the trusted host while sending the reader elsewhere is the core phishing trick; brands’ own trackers are excluded.' },
  'link.form-action': { description: 'The message contains a form that submits to a remote site', weight: 3, severity: 'low', reason: 'Newsletters carry search and subscribe forms; only a password field makes a form evidence.' },
  'link.password-form': { description: 'The message contains a form with a password field', weight: 45, severity: 'high', reason: 'Asking for a password inside a mail is credential harvesting; no honest service does it.' },
  'link.image-host': { description: 'The message’s pictures or links come from an anonymous image-sharing site (imgur, ibb.co, zupimages…)', weight: 10, severity: 'low', reason: 'Institutions and mailing services host a mail’s pictures themselves; bulk lures borrow free image hosts that name no one. Honest individuals use them too, so it only adds weight.' },
  'link.punycode': { description: 'A link host is internationalised (punycode)', weight: 10, severity: 'low', reason: 'Needed for real IDNs, but also the vehicle of homoglyph attacks.' },
  'link.abused-tld': { description: 'A link points at a TLD where most names seen in mail are abuse (.xyz, .top, .icu…)', weight: 12, severity: 'low', reason: 'Cheap bulk registration; honest sites exist there, so it only adds weight.' },
  'link.nonstandard-port': { description: 'A link uses an unusual port', weight: 5, severity: 'low', reason: 'Kits on compromised hosts often run on odd ports.' },
  'link.meta-refresh': { description: 'The HTML redirects the reader automatically', weight: 15, severity: 'medium', reason: 'Auto-redirects in mail bodies hide the destination.' },
  // --- content ----------------------------------------------------------------------------------------------------
  'content.credential-lure': { description: 'Credential-harvesting language (verify your account, unusual sign-in, 계정 정지…)', weight: 30, severity: 'medium', reason: 'The lure of nearly every credential phish; honest notices exist, so it needs a second signal.' },
  'content.credential-lure-link': { description: 'A lure (credential, payment, wallet, prize, casino, callback, legal threat…) together with a link or form to a site that is neither the sender’s nor a known brand’s and looks wrong (shortener, free hosting, image host, abused TLD…)', weight: 15, severity: 'medium', reason: 'Lure plus vehicle: the shape of a credential phish.' },
  'content.lure-disguised-sender': { description: 'A lure from a sender dressed up as someone it is not (a brand’s or institution’s name on another domain, free-mail, a throwaway domain) or one that moves replies elsewhere', weight: 15, severity: 'medium', reason: 'Lure plus disguise is the shape of a scam: honest notices come from the institution’s own address and take replies there.' },
  'content.legal-threat': { description: 'A summons, warrant, court or police notice (English, Portuguese, German, French, Spanish)', weight: 15, severity: 'medium', reason: 'Courts and police do not serve papers by mail links; fake summonses scare people into opening the attachment or link. Law firms write about such things, so it needs a second signal.' },
  'content.brand-lure': { description: 'A lure that names a well-known brand in its subject or opening while neither the sender nor any link belongs to the brand', weight: 15, severity: 'medium', reason: 'Brands send their notices from their own domains and link to their own sites; a lure in a brand’s name from elsewhere is impersonation.' },
  'content.pharma-offer': { description: 'Prescription drugs (Viagra, Cialis…) offered by mail with a link to another site', weight: 20, severity: 'medium', reason: 'Unlicensed pharmacies mail bought lists; licensed ones do not sell prescription drugs to strangers by mail.' },
  'content.single-foreign-action': { description: 'A short HTML message whose every link leads to one site that is neither the sender’s, a known brand’s nor a mailing service’s click tracker', weight: 10, severity: 'low', reason: 'A lure is a button to somewhere else; notices and newsletters link to the sender’s own site or through its mailing service. Short honest notes exist, so it only adds weight.' },
  'content.image-only': { description: 'An HTML message that shows pictures and a link (at most eight links) but fewer than 60 characters of text', weight: 20, severity: 'medium', reason: 'Putting the whole message in a picture leaves filters nothing to read while the reader sees the lure; honest image-heavy newsletters still write an address and an unsubscribe line and link to many things.' },
  'content.freemail-contact': { description: 'The text tells the reader to write to a free-mail address that is neither the sender nor the reader ("Contact Email: agent.7@gmail.com")', weight: 15, severity: 'medium', reason: 'The body’s own Reply-To: advance-fee and BEC lures move the conversation to a throwaway mailbox. People also give a private address, so it weighs mostly through the lure combinations.' },
  'content.stranger-offer': { description: 'An unsolicited business, investment or loan proposal ("a risk-free venture", "we offer loans at 2 % interest")', weight: 5, severity: 'low', reason: 'The opening move of advance-fee and loan fraud; consultants write such things too, so alone it barely counts and it weighs through the lure-and-vehicle combinations (replies to a free-mail box, a disguised sender).' },
  'content.offscreen-text': { description: 'Content pushed thousands of pixels off-screen by its style (margin-top: 470500px)', weight: 25, severity: 'medium', reason: 'A copied newsletter hidden below the fold feeds filters words the reader never sees; no layout needs content half a kilometre down the page.' },
  'content.lure-foreign-link': { description: 'A lure whose link goes to a site that is neither the sender’s, a known brand’s nor a mailing service’s, though the link itself looks ordinary', weight: 10, severity: 'low', reason: 'Lures send the reader elsewhere; honest notices link to the sender’s own site. Newsletters link everywhere, which is why it needs the lure and weighs less than a suspect link.' },
  'content.payment-lure': { description: 'Parcel-fee, prize, refund or advance-fee lure', weight: 15, severity: 'medium', reason: 'Small-payment and windfall lures harvest card details and advance fees; real notices rarely combine them with a foreign link.' },
  'content.address-greeting': { description: 'The reader is addressed by their mail address ("Dear john@acme.com") in the subject or greeting', weight: 25, severity: 'medium', reason: 'Bulk lures know only the address; people and services that know the reader use a name.' },
  'content.styled-letters': { description: 'Words written in mathematical bold/italic letters (𝗟𝗶𝗸𝗲 𝘁𝗵𝗶𝘀) in the subject or text', weight: 20, severity: 'medium', reason: 'Keyword filters cannot read them, which is their only purpose in mail; some marketing uses them too.' },
  'content.mixed-script-words': { description: 'Words that mix Latin letters with Cyrillic or Greek look-alikes ("Mееt", "PаyPal")', weight: 30, severity: 'medium', reason: 'Real multilingual text writes each word in one script; mixing inside words exists to slip past filters.' },
  'content.urgency': { description: 'Pressure language (within 24 hours, final notice, 긴급…)', weight: 10, severity: 'low', reason: 'Pressure is the social-engineering lever; marketing uses it too.' },
  'content.extortion': { description: 'Extortion language (hacked your device, recorded you, pay in bitcoin)', weight: 40, severity: 'high', reason: 'Sextortion and ransom templates; no honest mail threatens the reader.' },
  'content.extortion-payment': { description: 'Extortion language together with a valid cryptocurrency address', weight: 30, severity: 'critical', reason: 'A threat plus a payment address is the complete extortion attempt.' },
  'content.crypto-address': { description: 'A valid bitcoin or ether address in the text', weight: 5, severity: 'low', reason: 'Normal in exchange mail; recorded as an observable and weighs with other signals.' },
  'content.payment-change': { description: 'Payment-diversion language (new bank details, gift cards, are you at your desk)', weight: 25, severity: 'medium', reason: 'The business-email-compromise script.' },
  'content.crypto-lure': { description: 'Wallet or withdrawal lure (verify your wallet, withdrawal on hold, airdrop claim)', weight: 20, severity: 'medium', reason: 'The lure aimed at exchange staff and customers.' },
  'content.prize-lure': { description: 'Sweepstakes, survey-reward or "you have been selected" lure with a link to another site (English, German, Dutch, French, Spanish, Portuguese)', weight: 4, severity: 'low', reason: 'Real sweepstakes also write "congratulations, claim your prize" to their entrants, so the words alone barely count; they weigh through the lure-and-vehicle combinations (a suspect link, a disguised sender, a brand named from elsewhere).' },
  'content.gambling-offer': { description: 'Casino free-spins or no-deposit bonus offer', weight: 15, severity: 'low', reason: 'Unlicensed casinos mail bought lists with these offers; licensed ones write to their own customers, so it only adds weight.' },
  'content.adult-lure': { description: 'Sex or dating solicitation (hook-ups, "lonely women near you")', weight: 25, severity: 'medium', reason: 'Stranger sex and dating pitches are bulk lures to paid or malicious sites; no business mail carries them.' },
  'content.obfuscated-words': { description: 'Words disguised from keyword filters: spaced letters (N e t f l i x), I for l (WaIIet), 0 for O (B0NUS), stray accents on English words (wállet), invisible characters inside words', weight: 25, severity: 'medium', reason: 'Readers still read these words and filters do not; defeating filters is the only reason to write them, and honest senders have none.' },
  'content.hidden-text': { description: 'A substantial amount of text is hidden from the reader', weight: 15, severity: 'low', reason: 'Used to poison filters; short hidden preheaders in newsletters do not count.' },
  'content.zero-width': { description: 'Zero-width characters inside words (ten or more places)', weight: 35, severity: 'medium', reason: 'Breaks keyword filters while looking normal to the reader.' },
  // --- attachments (weight by the finding's severity) -------------------------------------------------------------
  'attachment.critical': { description: 'An attachment finding of critical severity (remote template, launching PDF, LNK running a LOLBin…)', weight: 70, severity: 'critical', reason: 'Weaponised document: code execution on open.' },
  'attachment.high': { description: 'An attachment finding of high severity (macro, executable, script, double extension…)', weight: 45, severity: 'high', reason: 'Active content or a disguised executable sent by mail.' },
  'attachment.medium': { description: 'An attachment finding of medium severity (disk image, encrypted archive, OLE object…)', weight: 15, severity: 'medium', reason: 'Common delivery tricks that also appear in honest mail.' },
  'attachment.low': { description: 'An attachment finding of low severity', weight: 3, severity: 'low', reason: 'Recorded for the analyst; barely moves the score.' },
  'attachment.info': { description: 'An informational attachment finding', weight: 0, severity: 'info', reason: 'Context only.' },
  // --- intel ------------------------------------------------------------------------------------------------------
  'intel.match': { description: 'An observable matches a live threat-intel indicator', weight: 60, severity: 'critical', reason: 'Known attacker infrastructure or payment address.' },
};

/** The rule that prices a signal: its own id, or for attachment findings the rule of the finding’s severity. */
export function ruleFor(signalId: string, severity: Severity): Rule | undefined {
  if (signalId.startsWith('attachment.')) return RULES[`attachment.${severity}`];
  return RULES[signalId];
}
