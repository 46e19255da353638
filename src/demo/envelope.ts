/**
 * A mailing (one message as its sender wrote it) and its delivered copies: the trace headers each recipient's
 * organisation adds (Received chain through its trusted relays, Authentication-Results from its authservId).
 */
import { createHash } from 'node:crypto';
import type { Rng } from './rng.js';
import type { DemoOrg, Staff, Verdict, MessageKind } from './types.js';
import { boundaryStyles, partHeaders, renderBody, renderHeaders, type Header, type MimePart } from './mime/build.js';
import { encodeWords, formatMailbox, formatMailboxList, type Mailbox } from './mime/encode.js';
import { addSeconds, rfc5322Date } from './net.js';

export type AuthResult = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none';

/** A hop before the organisation's edge (the sender's own relays), oldest first. */
export interface OutsideHop {
  from: string;
  by: string;
  ip: string | null;
  protocol: string;
  /** Seconds after the Date header. */
  delay: number;
}

export interface ExternalTransport {
  kind: 'external';
  outside: OutsideHop[];
  /** The host that connected to the organisation's MX. */
  edge: { helo: string; rdns: string | null; ip: string };
  clientIp: string | null;
  mailFrom: string;
  spf: AuthResult;
  dkim: AuthResult;
  dkimDomain: string | null;
  dmarc: AuthResult | 'fail';
  dmarcPolicy: 'none' | 'quarantine' | 'reject';
}

export interface InternalTransport {
  kind: 'internal';
  clientIp: string;
  clientHelo: string;
}

export interface Mailing {
  kind: MessageKind;
  template: string;
  campaignId: string | null;
  attemptId: string | null;
  from: Mailbox;
  to: Mailbox[];
  cc: Mailbox[];
  replyTo: Mailbox | null;
  subject: string;
  date: Date;
  tzOffset: number;
  messageId: string;
  /** Headers after Message-ID (In-Reply-To, References, List-Unsubscribe, X-Mailer…). */
  extraHeaders: Header[];
  body: MimePart;
  transport: ExternalTransport | InternalTransport;
  deliverTo: Staff[];
  expectedVerdict: Verdict;
  acceptableVerdicts: Verdict[];
}

export interface DeliveredCopy {
  mailing: Mailing;
  recipient: Staff;
  org: DemoOrg;
  raw: Buffer;
  originatingIp: string | null;
  clientIp: string | null;
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/** Header and body as the sender's client wrote them (shared by every delivered copy). */
export function renderOrigin(m: Mailing, rng: Rng): string {
  const style = boundaryStyles[rng.int(0, boundaryStyles.length - 1)] ?? boundaryStyles[0];
  if (style === undefined) throw new Error('no boundary styles');
  const boundary = m.body.kind === 'multipart' ? style.make(rng, 0) : undefined;
  const headers: Header[] = [['From', formatMailbox(m.from)]];
  if (m.to.length > 0) headers.push(['To', formatMailboxList(m.to)]);
  if (m.cc.length > 0) headers.push(['Cc', formatMailboxList(m.cc)]);
  if (m.replyTo !== null) headers.push(['Reply-To', formatMailbox(m.replyTo)]);
  headers.push(['Subject', encodeWords(m.subject)], ['Date', rfc5322Date(m.date, m.tzOffset)], ['Message-ID', `<${m.messageId}>`]);
  headers.push(...m.extraHeaders, ['MIME-Version', '1.0'], ...partHeaders(m.body, boundary));
  return renderHeaders(headers) + '\r\n' + renderBody(m.body, boundary, rng, style);
}

function queueId(rng: Rng): string {
  return rng.chance(0.5) ? rng.chars(11, 'BCDFGHJKLMNPQRSTVWXZbcdfghjklmnpqrstvwxz0123456789') : rng.hex(10).toUpperCase();
}

/**
 * DKIM body hash with relaxed canonicalization (RFC 6376 §3.4.4), so a verifier sees a body that matches its
 * signature header; the signature itself is random bytes (there is no key to verify against, on purpose).
 */
export function relaxedBodyHash(origin: string): string {
  const start = origin.indexOf('\r\n\r\n');
  const bodyText = start < 0 ? '' : origin.slice(start + 4);
  const lines = bodyText.split('\r\n').map((l) => l.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const canon = lines.length === 0 ? '' : lines.join('\r\n') + '\r\n';
  return sha256Base64(canon);
}

function sha256Base64(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

function dkimSignature(rng: Rng, domain: string, selector: string, date: Date, bodyHash: string): Header {
  const b = rng.bytes(256).toString('base64');
  const chunks = b.match(/.{1,64}/g) ?? [b];
  const value = `v=1; a=rsa-sha256; c=relaxed/relaxed; d=${domain}; s=${selector}; t=${Math.floor(date.getTime() / 1000)}; ` +
    `h=from:to:subject:date:message-id:mime-version:content-type; bh=${bodyHash}; b=${chunks.join(' ')}`;
  return ['DKIM-Signature', value];
}

function received(from: string, by: string, protocol: string, id: string, rcpt: string | null, date: Date, tz: number): Header {
  const forPart = rcpt === null ? '' : ` for <${rcpt}>`;
  return ['Received', `from ${from} by ${by} (Postfix) with ${protocol} id ${id}${forPart}; ${rfc5322Date(date, tz)}`];
}

/** One recipient's delivered copy: trace headers on top of the origin bytes. */
export function deliver(m: Mailing, origin: string, recipient: Staff, org: DemoOrg, rng: Rng): DeliveredCopy {
  const rcpt = recipient.address;
  const tz = org.tzOffset;
  const trace: Header[] = [];
  let originatingIp: string | null = null;
  let clientIp: string | null = null;
  const signer: Header[] = [];
  if (m.transport.kind === 'internal') {
    const t0 = addSeconds(m.date, rng.int(0, 1));
    const t1 = addSeconds(t0, rng.int(1, 3));
    const senderDomain = domainOf(m.from.address);
    clientIp = m.transport.clientIp;
    trace.push(['Return-Path', `<${m.from.address}>`], ['Delivered-To', rcpt]);
    trace.push(received(`${org.submission.host} (${org.submission.host} [${org.submission.ip}])`, org.store.host, 'ESMTPS', queueId(rng), rcpt, t1, tz));
    trace.push(['Authentication-Results', `${org.authservId}; dkim=pass header.d=${senderDomain} header.s=mail header.b=${rng.chars(8)}; spf=pass (${org.authservId}: domain of ${m.from.address} designates ${org.submission.ip} as permitted sender) smtp.mailfrom=${m.from.address}; dmarc=pass (p=quarantine dis=none) header.from=${senderDomain}`]);
    trace.push(received(`${m.transport.clientHelo} ([${m.transport.clientIp}])`, org.submission.host, 'ESMTPSA', queueId(rng), null, t0, tz));
    signer.push(dkimSignature(rng, senderDomain, 'mail', m.date, relaxedBodyHash(origin)));
  } else {
    const tr = m.transport;
    const last = tr.outside[tr.outside.length - 1];
    const tEdge = addSeconds(m.date, (last?.delay ?? 0) + rng.int(1, 4));
    const tStore = addSeconds(tEdge, rng.int(0, 2));
    originatingIp = tr.edge.ip;
    clientIp = tr.clientIp;
    const headerFrom = domainOf(m.from.address);
    trace.push(['Return-Path', `<${tr.mailFrom}>`], ['Delivered-To', rcpt]);
    trace.push(received(`${org.mx.host} (${org.mx.host} [${org.mx.ip}])`, org.store.host, 'ESMTPS', queueId(rng), rcpt, tStore, tz));
    const selector = `s${rng.int(1, 2)}`;
    const dkimPart = tr.dkim === 'none' ? 'dkim=none (message not signed)' : `dkim=${tr.dkim} header.d=${tr.dkimDomain ?? headerFrom} header.s=${selector} header.b=${rng.chars(8)}`;
    const spfWhy = tr.spf === 'pass' ? `domain of ${tr.mailFrom} designates ${tr.edge.ip} as permitted sender`
      : tr.spf === 'none' ? `domain of ${tr.mailFrom} does not designate permitted sender hosts`
        : tr.spf === 'softfail' ? `domain of transitioning ${tr.mailFrom} does not designate ${tr.edge.ip} as permitted sender`
          : `domain of ${tr.mailFrom} does not designate ${tr.edge.ip} as permitted sender`;
    trace.push(['Authentication-Results', `${org.authservId}; ${dkimPart}; spf=${tr.spf} (${org.authservId}: ${spfWhy}) smtp.mailfrom=${tr.mailFrom}; dmarc=${tr.dmarc} (p=${tr.dmarcPolicy.toUpperCase()} sp=${tr.dmarcPolicy.toUpperCase()} dis=${tr.dmarc === 'pass' ? 'NONE' : tr.dmarcPolicy.toUpperCase()}) header.from=${headerFrom}`]);
    const rdns = tr.edge.rdns ?? 'unknown';
    trace.push(received(`${tr.edge.helo} (${rdns} [${tr.edge.ip}])`, org.mx.host, 'ESMTPS', queueId(rng), rcpt, tEdge, tz));
    for (const hop of [...tr.outside].reverse()) {
      const from = hop.ip === null ? hop.from : `${hop.from} (${hop.from.startsWith('[') ? 'unknown' : hop.from} [${hop.ip}])`;
      trace.push(['Received', `from ${from} by ${hop.by} with ${hop.protocol} id ${rng.hex(16)}; ${rfc5322Date(addSeconds(m.date, hop.delay), m.tzOffset)}`]);
    }
    if (tr.dkim !== 'none') signer.push(dkimSignature(rng, tr.dkimDomain ?? headerFrom, selector, m.date, relaxedBodyHash(origin)));
  }
  const raw = Buffer.from(renderHeaders([...trace, ...signer]) + origin, 'utf8');
  return { mailing: m, recipient, org, raw, originatingIp, clientIp };
}

/** Message-ID shapes of common senders, so ids do not all look alike. */
export function makeMessageId(rng: Rng, domain: string, date: Date, style: 'gmail' | 'outlook' | 'postfix' | 'uuid' | 'saas'): string {
  switch (style) {
    case 'gmail':
      return `CA${rng.chars(40, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')}@mail.gmail.com`;
    case 'outlook': {
      const box = `SE2P216MB${rng.int(1000, 9999)}`;
      return `${box}${rng.chars(16, 'ABCDEF0123456789')}@${box}.KORP216.PROD.OUTLOOK.COM`;
    }
    case 'postfix':
      return `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}.${rng.chars(12, 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789')}@${domain}`;
    case 'uuid':
      return `${rng.uuid()}@${domain}`;
    case 'saas':
      return `${rng.hex(24)}.${Math.floor(date.getTime() / 1000)}@${domain}`;
  }
}
