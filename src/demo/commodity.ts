/**
 * Everything that is bad but not the police case: an unrelated crew that happens to use the same URL shortener
 * and free-mail provider, untargeted mass phishing, and a bitcoin extortion mail.
 */
import type { Rng } from './rng.js';
import type { DemoOrg, Staff } from './types.js';
import type { ExternalTransport, Mailing } from './envelope.js';
import { makeMessageId } from './envelope.js';
import { body, mailbox, type GenContext } from './benign/common.js';
import { addSeconds, publicPrefix24, hostIn, workingTime } from './net.js';
import { hostOf, InfraCollector, type AttemptMeta, type CampaignBuild } from './campaign.js';
import { base58CheckEncode, encodeSegwit } from '../chain/index.js';

function webmailTransport(ctx: GenContext, clientIp: string, mailFrom: string, rng: Rng): ExternalTransport {
  const fm = ctx.freeMail;
  return {
    kind: 'external',
    outside: [{ from: `[${clientIp}]`, by: `smtp.${fm.domain}`, ip: clientIp, protocol: 'ESMTPSA', delay: 0 }],
    edge: { helo: fm.smtpHost, rdns: fm.smtpHost, ip: `${fm.ipPrefix}.${rng.int(20, 90)}` },
    clientIp, mailFrom, spf: 'pass', dkim: 'pass', dkimDomain: fm.domain, dmarc: 'pass', dmarcPolicy: 'none',
  };
}

function directTransport(ip: string, helo: string, mailFrom: string, spf: ExternalTransport['spf'], dmarc: ExternalTransport['dmarc'], policy: ExternalTransport['dmarcPolicy']): ExternalTransport {
  return { kind: 'external', outside: [], edge: { helo, rdns: null, ip }, clientIp: null, mailFrom, spf, dkim: 'none', dkimDomain: null, dmarc, dmarcPolicy: policy };
}

const SCAM_THEMES = [
  { theme: 'listing', teams: ['Listing', 'Business Development', 'Marketing', 'Management'], word: 'listing', subject: (n: number) => `Token listing proposal #${n}: fast-track review fee waived`, ask: 'Our foundation would like to list on your exchange. Please sign in to the listing desk to review the proposal and the fee schedule.' },
  { theme: 'invoice-change', teams: ['Finance', 'Management'], word: 'remit', subject: (n: number) => `Updated remittance details for invoice ${n}`, ask: 'Our bank details have changed. Please confirm the new account in the supplier portal before the next payment run.' },
];

/** An unrelated crew: its own IP and domain, but the same free-mail provider and shortener as the spear case. */
export function generateUnrelatedCampaign(ctx: GenContext, id: string, themeIndex: number, rng: Rng): CampaignBuild {
  const theme = SCAM_THEMES[themeIndex % SCAM_THEMES.length] ?? SCAM_THEMES[0];
  if (theme === undefined) throw new Error('no scam themes');
  const clientIp = hostIn(publicPrefix24(rng), rng);
  const domain = `${theme.word}-${rng.pick(['desk', 'hub', 'gate', 'center'])}${rng.int(1, 9)}.${rng.pick(['top', 'xyz', 'shop', 'live'])}`;
  const infra = new InfraCollector();
  const mailings: Mailing[] = [];
  const attempts: AttemptMeta[] = [];
  const nAttempts = rng.int(3, 4);
  const pool = ctx.orgs.flatMap((o) => o.staff.filter((s) => theme.teams.includes(s.team)));
  for (let i = 0; i < nAttempts; i++) {
    const attemptId = `${id}-a${i + 1}`;
    const a = rng.fork(attemptId);
    const sender = `${a.pick(['david', 'kevin', 'anna', 'lucy', 'mark'])}.${theme.word}${a.int(10, 99)}@${ctx.freeMail.domain}`;
    const recipients = a.sample(pool.length > 0 ? pool : ctx.orgs.flatMap((o) => o.staff), a.int(2, 4));
    const subject = theme.subject(a.int(1000, 9999));
    let t = workingTime(a, new Date(ctx.start.getTime() + i * 12 * 86400000), new Date(ctx.start.getTime() + (i * 12 + 10) * 86400000), 60);
    const linkHosts = new Set<string>();
    for (const r of recipients) {
      const short = `https://${ctx.shortener}/${a.chars(7)}`;
      const direct = `https://portal.${domain}/signin?ref=${a.hex(8)}`;
      linkHosts.add(ctx.shortener).add(hostOf(direct));
      mailings.push({
        kind: 'unrelated-campaign', template: `scam-${theme.theme}`, campaignId: id, attemptId,
        from: { name: a.pick(['David Chen', 'Kevin Lau', 'Anna Meyer']), address: sender }, to: [mailbox(r)], cc: [],
        replyTo: { address: `${theme.word}@${domain}` },
        subject, date: t, tzOffset: 60, messageId: makeMessageId(a, ctx.freeMail.domain, t, ctx.freeMail.messageIdStyle),
        extraHeaders: [['X-Originating-IP', `[${clientIp}]`]],
        body: body([{ text: `Dear partner,\n${theme.ask}`, link: { label: 'Open the portal', url: short } }, { text: 'If the link does not open, use the direct address:', link: { label: direct, url: direct } }, { text: 'Regards' }], { lang: 'en' }),
        transport: webmailTransport(ctx, clientIp, sender, a),
        deliverTo: [r], expectedVerdict: 'malicious', acceptableVerdicts: ['malicious', 'suspicious'],
      });
      t = addSeconds(t, a.int(30, 300));
    }
    infra.add('ipv4-addr', clientIp, attemptId);
    infra.add('domain', domain, attemptId);
    infra.add('email-addr', sender, attemptId);
    infra.add('free-mail', ctx.freeMail.domain, attemptId, true);
    infra.add('url-shortener', ctx.shortener, attemptId, true);
    infra.add('url-host', `portal.${domain}`, attemptId);
    attempts.push({ id: attemptId, campaignId: id, sender, subject, techniques: ['free-mail-sender', 'reply-to-divergent', 'shortened-credential-link'], attachments: [], linkHosts: [...linkHosts] });
  }
  return { id, name: `Unrelated ${theme.theme} scam`, kind: 'unrelated-campaign', mailings, attempts, infrastructure: infra.list(), sourceIps: [clientIp], attribution: [] };
}

const MASS_THEMES = [
  { id: 'mailbox-quota', subject: 'Mailbox storage full - messages on hold', text: (r: Staff) => `Your mailbox ${r.address} has reached 99% of its quota. Incoming messages are being held. Validate your account to release them.`, label: 'Release pending messages', url: (rng: Rng, r: Staff) => `https://ipfs.io/ipfs/bafybei${rng.chars(52, 'abcdefghijklmnopqrstuvwxyz234567')}/index.html#${r.address}` },
  { id: 'parcel-notice', subject: 'SwiftParcel: delivery attempt failed', text: () => 'We could not deliver your parcel because of an incomplete address. Pay the redelivery fee of 1.99 USD to schedule a new attempt.', label: 'Schedule redelivery', url: (rng: Rng) => `https://swiftparcel-redeliver-${rng.int(100, 999)}.pages.dev/track?id=${rng.chars(10)}` },
  { id: 'shared-document', subject: 'A document has been shared with you', text: (r: Staff) => `A secure document was shared with ${r.address}. Sign in with your email password to view it.`, label: 'View document', url: (rng: Rng) => `https://docs-view-${rng.chars(6, 'abcdefghijklmnopqrstuvwxyz')}.web.app/?s=${rng.hex(12)}` },
];

/** Untargeted phishing: one compromised small-business mailbox, many recipients, the same template. */
export function generateMassPhishing(ctx: GenContext, index: number, rng: Rng): CampaignBuild {
  const theme = MASS_THEMES[index % MASS_THEMES.length] ?? MASS_THEMES[0];
  if (theme === undefined) throw new Error('no mass themes');
  const id = `mass-${index + 1}`;
  const attemptId = `${id}-a1`;
  const ip = hostIn(publicPrefix24(rng), rng);
  const domain = `${rng.pick(['sunrise', 'greenleaf', 'bluebay', 'oakridge', 'hilltop'])}-${rng.pick(['dental', 'bakery', 'motors', 'realty', 'travel'])}.${rng.pick(['com', 'net', 'com.br', 'co.za'])}`;
  const sender = `${rng.pick(['info', 'office', 'admin', 'contact'])}@${domain}`;
  const recipients = rng.sample(ctx.orgs.flatMap((o) => o.staff), rng.int(8, 16));
  let t = workingTime(rng, ctx.start, new Date(ctx.end.getTime() - 86400000), 0);
  const mailings: Mailing[] = [];
  const linkHosts = new Set<string>();
  for (const r of recipients) {
    const url = theme.url(rng, r);
    linkHosts.add(hostOf(url));
    mailings.push({
      kind: 'mass-phishing', template: theme.id, campaignId: id, attemptId,
      from: { name: theme.id === 'parcel-notice' ? 'SwiftParcel' : 'Mail Administrator', address: sender }, to: [mailbox(r)], cc: [], replyTo: null,
      subject: theme.subject, date: t, tzOffset: 0, messageId: makeMessageId(rng, domain, t, 'uuid'), extraHeaders: [],
      body: body([{ text: theme.text(r), link: { label: theme.label, url } }], { lang: 'en' }),
      transport: directTransport(ip, `mail.${domain}`, sender, 'pass', 'none', 'none'),
      deliverTo: [r], expectedVerdict: 'malicious', acceptableVerdicts: ['malicious', 'suspicious'],
    });
    t = addSeconds(t, rng.int(5, 120));
  }
  const infra = new InfraCollector();
  infra.add('ipv4-addr', ip, attemptId);
  infra.add('domain', domain, attemptId);
  infra.add('email-addr', sender, attemptId);
  for (const h of linkHosts) infra.add('url-host', h, attemptId, true);
  return {
    id, name: `Mass phishing: ${theme.id}`, kind: 'mass-phishing', mailings,
    attempts: [{ id: attemptId, campaignId: id, sender, subject: theme.subject, techniques: ['credential-link', 'free-hosting'], attachments: [], linkHosts: [...linkHosts] }],
    infrastructure: infra.list(), sourceIps: [ip], attribution: [],
  };
}

/** A checksum-valid mainnet address derived from the seed (P2PKH or P2WPKH), made by the chain domain's encoders. */
export function extortionAddress(rng: Rng): string {
  const program = rng.bytes(20);
  return rng.chance(0.5) ? base58CheckEncode(Buffer.concat([Buffer.from([0x00]), program])) : encodeSegwit('bc', 0, program);
}

/** "I recorded you" extortion, spoofing each recipient's own address, sent by a botnet. */
export function generateExtortion(ctx: GenContext, rng: Rng): { build: CampaignBuild; btcAddress: string } {
  const id = 'extortion';
  const attemptId = `${id}-a1`;
  const btc = extortionAddress(rng);
  const recipients = rng.sample(ctx.orgs.flatMap((o) => o.staff), rng.int(4, 7));
  const amount = rng.pick(['1450', '1650', '2000', '1200']);
  const subject = rng.pick(['Your account has been compromised', 'I know your password - final warning', 'Security alert for your device']);
  let t = workingTime(rng, new Date(ctx.start.getTime() + 10 * 86400000), ctx.end, 0);
  const mailings: Mailing[] = [];
  const ips: string[] = [];
  for (const r of recipients) {
    const ip = hostIn(publicPrefix24(rng), rng);
    ips.push(ip);
    const org: DemoOrg | undefined = ctx.orgs.find((o) => o.id === r.orgId);
    const text = `Hello!\nI have to share bad news with you. A few months ago I gained access to your device and to ${r.address}. ` +
      'I have recorded you through your camera and collected your contacts.\n\n' +
      `Transfer ${amount} USD in Bitcoin to my wallet within 48 hours:\n\n${btc}\n\n` +
      'Once the payment arrives I will delete everything. If not, the video goes to all your colleagues. Do not reply, this mailbox is not monitored. The timer started when you opened this message.';
    mailings.push({
      kind: 'extortion', template: 'sextortion-btc', campaignId: id, attemptId,
      from: { address: r.address }, to: [mailbox(r)], cc: [], replyTo: null,
      subject, date: t, tzOffset: rng.pick([-300, 60, 180]), messageId: makeMessageId(rng, (org?.domains[0] ?? 'example.com'), t, 'postfix'), extraHeaders: [],
      body: body([{ text }], { lang: 'en' }),
      transport: directTransport(ip, `${ip.replace(/\./g, '-')}.dynamic-ip.net`, r.address, 'fail', 'fail', 'quarantine'),
      deliverTo: [r], expectedVerdict: 'malicious', acceptableVerdicts: ['malicious', 'suspicious'],
    });
    t = addSeconds(t, rng.int(300, 2400));
  }
  const infra = new InfraCollector();
  for (const ip of ips) infra.add('ipv4-addr', ip, attemptId);
  return {
    btcAddress: btc,
    build: {
      id, name: 'Bitcoin extortion', kind: 'extortion', mailings,
      attempts: [{ id: attemptId, campaignId: id, sender: '(spoofed: each recipient\'s own address)', subject, techniques: ['extortion', 'btc-address', 'spoofed-own-address'], attachments: [], linkHosts: [] }],
      infrastructure: infra.list(), sourceIps: ips, attribution: [],
    },
  };
}
