/** Shared pieces for benign mail: the generation context, transports of legitimate senders, body rendering. */
import type { Rng } from '../rng.js';
import type { DemoOrg, PartnerBrand, Staff } from '../types.js';
import type { ExternalTransport, InternalTransport, Mailing } from '../envelope.js';
import type { Mailbox } from '../mime/encode.js';
import { alternative, attachmentPart, mixed, type MimePart } from '../mime/build.js';
import type { Attachment } from '../attachments.js';
import type { FreeMailProvider, Service } from '../data/services.js';
import { roles } from '../data/names.js';
import { hostIn, publicPrefix24 } from '../net.js';

export interface GenContext {
  orgs: DemoOrg[];
  partners: PartnerBrand[];
  start: Date;
  end: Date;
  services: Service[];
  /** A /24 per sending domain, fixed for the scenario. */
  prefixes: Map<string, string>;
  freeMail: FreeMailProvider;
  shortener: string;
}

export function prefixFor(ctx: GenContext, domain: string, rng: Rng): string {
  let p = ctx.prefixes.get(domain);
  if (p === undefined) {
    p = publicPrefix24(rng.fork(`prefix:${domain}`));
    ctx.prefixes.set(domain, p);
  }
  return p;
}

export function mailbox(s: Staff): Mailbox {
  return { name: s.name, address: s.address };
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

/** A legitimate external sender: its own relay, then its outbound MTA to the org's MX; everything passes. */
export function legitTransport(ctx: GenContext, domain: string, mailHost: string, rng: Rng, mailFrom: string): ExternalTransport {
  const prefix = prefixFor(ctx, domain, rng);
  const ip = hostIn(prefix, rng, 10, 40);
  const host = `${mailHost}${rng.int(1, 9)}.${domain}`;
  return {
    kind: 'external',
    outside: [{ from: `app${rng.int(1, 30)}.internal.${domain}`, by: host, ip: `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(2, 254)}`, protocol: 'ESMTP', delay: 0 }],
    edge: { helo: host, rdns: host, ip },
    clientIp: null,
    mailFrom,
    spf: 'pass',
    dkim: 'pass',
    dkimDomain: domain,
    dmarc: 'pass',
    dmarcPolicy: rng.pick(['none', 'quarantine', 'reject'] as const),
  };
}

/** Mail a person sends from a free-mail account (a customer writing to support). */
export function freeMailTransport(ctx: GenContext, address: string, rng: Rng): ExternalTransport {
  const fm = ctx.freeMail;
  const ip = `${fm.ipPrefix}.${rng.int(20, 90)}`;
  return {
    kind: 'external',
    outside: [{ from: fm.webmailHost, by: fm.smtpHost, ip: null, protocol: 'HTTPREST', delay: 0 }],
    edge: { helo: fm.smtpHost, rdns: fm.smtpHost, ip },
    clientIp: null,
    mailFrom: address,
    spf: 'pass',
    dkim: 'pass',
    dkimDomain: fm.domain,
    dmarc: 'pass',
    dmarcPolicy: 'none',
  };
}

export function internalTransport(org: DemoOrg, rng: Rng): InternalTransport {
  const [net] = org.officeCidr.split('.0.0/');
  return { kind: 'internal', clientIp: `${net ?? '10.0'}.${rng.int(1, 40)}.${rng.int(2, 250)}`, clientHelo: `PC-${rng.chars(7, 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789')}` };
}

export interface Block {
  text: string;
  link?: { label: string; url: string };
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Text and HTML alternatives of the same content; links show their label in HTML and the URL in text. */
export function body(blocks: readonly Block[], opts: { lang: 'ko' | 'en'; footer?: string; attachments?: readonly Attachment[]; quoted?: string }): MimePart {
  const text = blocks.map((b) => (b.link === undefined ? b.text : `${b.text}\n${b.link.label}: ${b.link.url}`)).join('\n\n') +
    (opts.footer === undefined ? '' : `\n\n--\n${opts.footer}`) + (opts.quoted === undefined ? '' : `\n\n${opts.quoted.split('\n').map((l) => `> ${l}`).join('\n')}`);
  const font = opts.lang === 'ko' ? "'Malgun Gothic', '맑은 고딕', sans-serif" : 'Arial, Helvetica, sans-serif';
  const html = `<!DOCTYPE html>\n<html lang="${opts.lang}"><head><meta charset="UTF-8"></head>\n<body style="font-family: ${font}; font-size: 14px;">\n` +
    blocks.map((b) => {
      const p = escapeHtml(b.text).replace(/\n/g, '<br>\n');
      return b.link === undefined ? `<p>${p}</p>` : `<p>${p}<br>\n<a href="${escapeHtml(b.link.url)}">${escapeHtml(b.link.label)}</a></p>`;
    }).join('\n') +
    (opts.footer === undefined ? '' : `\n<p style="color:#666;font-size:12px;">${escapeHtml(opts.footer).replace(/\n/g, '<br>\n')}</p>`) +
    (opts.quoted === undefined ? '' : `\n<blockquote style="margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex">${escapeHtml(opts.quoted).replace(/\n/g, '<br>\n')}</blockquote>`) +
    '\n</body></html>\n';
  const alt = alternative(text, html, opts.lang === 'ko' && text.length > 400 ? 'base64' : undefined);
  const atts = opts.attachments ?? [];
  if (atts.length === 0) return alt;
  return mixed([alt, ...atts.map((a) => attachmentPart(a.filename, a.contentType, a.data))]);
}

/** Defaults shared by every benign mailing. */
export function benignMailing(m: Omit<Mailing, 'kind' | 'campaignId' | 'attemptId' | 'expectedVerdict' | 'acceptableVerdicts' | 'cc' | 'replyTo' | 'extraHeaders'> & Partial<Pick<Mailing, 'cc' | 'replyTo' | 'extraHeaders'>>): Mailing {
  return {
    kind: 'benign', campaignId: null, attemptId: null, expectedVerdict: 'clean', acceptableVerdicts: ['clean'],
    cc: m.cc ?? [], replyTo: m.replyTo ?? null, extraHeaders: m.extraHeaders ?? [], ...m,
  };
}

export function staffOf(org: DemoOrg, team: string, rng: Rng): Staff {
  const inTeam = org.staff.filter((s) => s.team === team);
  return rng.pick(inTeam.length > 0 ? inTeam : org.staff);
}

export function others(org: DemoOrg, except: Staff, n: number, rng: Rng): Staff[] {
  return rng.sample(org.staff.filter((s) => s.address !== except.address), n);
}

/** Given name plus honorific, as a Korean colleague would address someone. */
export function greetingName(s: Staff): string {
  if (s.lang === 'ko') return `${s.name.slice(1)}님`;
  return s.latinName.split(' ')[0] ?? s.latinName;
}

/** The Korean name of a team, for signatures in Korean mail. */
export function koreanTeam(team: string): string {
  return roles.find((r) => r[2] === team)?.[3] ?? team;
}
