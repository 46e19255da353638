/**
 * The police case: one actor, one sending IP, ≥ 10 attempts over weeks against 25 employees of the four
 * exchanges, through lookalikes of the exchanges and a partner, with harvesting links and weaponised documents.
 */
import type { Rng } from './rng.js';
import type { DemoOrg, PartnerBrand, Staff } from './types.js';
import type { ExternalTransport, Mailing } from './envelope.js';
import { makeMessageId } from './envelope.js';
import { attackerBase, makeLookalike, type Lookalike, type LookalikeTechnique } from './lookalike.js';
import { lures, type Lure } from './spear-lures.js';
import { weaponised, weaponKinds, type Attachment, type WeaponKind } from './attachments.js';
import { body, mailbox, type GenContext } from './benign/common.js';
import { addSeconds, workingTime } from './net.js';
import { attachmentFacts, hostOf, InfraCollector, type AttemptMeta, type CampaignBuild } from './campaign.js';

const TARGET_TEAMS = ['Wallet Operations', 'Security', 'Finance', 'Management', 'Engineering', 'Compliance', 'Infrastructure'];
const UNUSUAL_MAILERS = ['PHPMailer 6.1.4 (https://github.com/PHPMailer/PHPMailer)', 'Foxmail 7.2.23.116[cn]', 'Microsoft Outlook Express 6.00.2900.5512'];

export interface SpearOptions {
  attempts: number;
  days: number;
  ip: string;
  actor: { name: string; aliases: string[] };
}

interface Plan {
  id: string;
  lure: Lure;
  brand: { name: string; domain: string; orgName: string };
  org: DemoOrg | null;
  recipients: Staff[];
  viaFreeMail: boolean;
  useShortener: boolean;
  weapon: WeaponKind | null;
  credentialLink: boolean;
  senderTechnique: LookalikeTechnique;
  start: Date;
}

/** 25 targets over the four organisations, people with access to wallets and money first. */
function pickTargets(orgs: readonly DemoOrg[], rng: Rng): Map<string, Staff[]> {
  const counts = rng.shuffle([7, 6, 6, 6]);
  const out = new Map<string, Staff[]>();
  orgs.forEach((org, i) => {
    const ranked = rng.shuffle(org.staff).sort((a, b) => Number(TARGET_TEAMS.includes(b.team)) - Number(TARGET_TEAMS.includes(a.team)));
    out.set(org.id, ranked.slice(0, counts[i] ?? 6));
  });
  return out;
}

function planAttempts(ctx: GenContext, opts: SpearOptions, rng: Rng): Plan[] {
  const targets = pickTargets(ctx.orgs, rng);
  const covered = new Set<string>();
  const orgLures = lures.filter((l) => l.audience === 'org');
  const partnerLures = lures.filter((l) => l.audience === 'partner');
  const weapons = [...rng.shuffle(weaponKinds), ...rng.shuffle(weaponKinds), ...rng.shuffle(weaponKinds)];
  const partner: PartnerBrand = rng.pick(ctx.partners);
  const days = rng.sample(Array.from({ length: opts.days }, (_, i) => i), opts.attempts).sort((a, b) => a - b);
  const freeMailAttempt = rng.int(0, opts.attempts - 1);
  const shortenerAttempt = freeMailAttempt;
  const plans: Plan[] = [];
  let weaponIndex = 0;
  for (let i = 0; i < opts.attempts; i++) {
    const isOrg = i % 5 !== 1 && i % 5 !== 3; // three in five impersonate the targets' own exchange
    const org = isOrg ? (ctx.orgs[i % ctx.orgs.length] ?? null) : null;
    const pool = org === null ? [...targets.values()].flat() : (targets.get(org.id) ?? []);
    const fresh = rng.shuffle(pool.filter((s) => !covered.has(s.address)));
    const seen = rng.shuffle(pool.filter((s) => covered.has(s.address)));
    const n = org === null ? rng.int(3, 5) : rng.int(2, 4);
    const recipients = [...fresh, ...seen].slice(0, n);
    recipients.forEach((s) => covered.add(s.address));
    const lure = isOrg ? rng.pick(orgLures) : rng.pick(partnerLures);
    const brand = org === null
      ? { name: partner.name, domain: partner.domains[0] ?? '', orgName: '' }
      : { name: org.country === 'KR' && lure.lang === 'ko' ? org.localName : org.name, domain: org.domains[0] ?? '', orgName: org.country === 'KR' ? org.localName : org.name };
    // Every fourth attempt is link-only; the armed ones take weapons in turn, so all five kinds appear.
    const weapon = i % 4 === 2 ? null : (weapons[weaponIndex++ % weapons.length] ?? null);
    const base = days[i] ?? i * 5;
    const dayStart = new Date(ctx.start.getTime() + (base + 2) * 86400000);
    plans.push({
      id: `spear-a${String(i + 1).padStart(2, '0')}`,
      lure, brand, org, recipients,
      viaFreeMail: i === freeMailAttempt,
      useShortener: i === shortenerAttempt,
      weapon,
      credentialLink: weapon === null || rng.chance(0.4) || i === shortenerAttempt,
      senderTechnique: rng.pick(['homoglyph-punycode', 'typo', 'combosquat', org === null ? 'brand-in-subdomain' : 'typo'] as const),
      start: workingTime(rng, dayStart, new Date(dayStart.getTime() + 3 * 86400000), 540),
    });
  }
  // Anyone still uncovered joins the partner-themed attempts, which go to several exchanges anyway.
  const missing = [...targets.values()].flat().filter((s) => !covered.has(s.address));
  const partnerPlans = plans.filter((p) => p.org === null);
  missing.forEach((s, k) => {
    const p = partnerPlans[k % Math.max(1, partnerPlans.length)] ?? plans[k % plans.length];
    p?.recipients.push(s);
  });
  return plans;
}

function attackerTransport(ip: string, senderDomain: string, rng: Rng, mailFrom: string, signs: boolean): ExternalTransport {
  const helo = `mail.${senderDomain}`;
  return {
    kind: 'external',
    outside: [],
    edge: { helo, rdns: rng.chance(0.5) ? null : helo, ip },
    clientIp: null,
    mailFrom,
    spf: rng.pick(['pass', 'pass', 'none'] as const),
    dkim: signs ? 'pass' : 'none',
    dkimDomain: signs ? senderDomain : null,
    dmarc: signs ? 'pass' : 'none',
    dmarcPolicy: 'none',
  };
}

/** Through a free-mail account: the provider's server is the originating IP, the attacker's IP the client. */
function freeMailAttackTransport(ctx: GenContext, ip: string, mailFrom: string, rng: Rng): ExternalTransport {
  const fm = ctx.freeMail;
  return {
    kind: 'external',
    outside: [{ from: `[${ip}]`, by: `smtp.${fm.domain}`, ip, protocol: 'ESMTPSA', delay: 0 }],
    edge: { helo: fm.smtpHost, rdns: fm.smtpHost, ip: `${fm.ipPrefix}.${rng.int(20, 90)}` },
    clientIp: ip,
    mailFrom,
    spf: 'pass', dkim: 'pass', dkimDomain: fm.domain, dmarc: 'pass', dmarcPolicy: 'none',
  };
}

export function generateSpearCampaign(ctx: GenContext, opts: SpearOptions, rng: Rng): CampaignBuild {
  const campaignId = 'spear';
  const infra = new InfraCollector();
  const mailer = rng.pick(UNUSUAL_MAILERS);
  const stage2Bases = [attackerBase(rng), attackerBase(rng)];
  const mailings: Mailing[] = [];
  const attempts: AttemptMeta[] = [];
  const reusable = new Map<WeaponKind, { attachment: Attachment; password: string | null }>();
  for (const plan of planAttempts(ctx, opts, rng)) {
    const a = rng.fork(plan.id);
    const look: Lookalike = makeLookalike(plan.brand.domain, plan.senderTechnique, a);
    const linkLook = plan.senderTechnique === 'brand-in-subdomain' ? look : makeLookalike(plan.brand.domain, a.pick(['brand-in-subdomain', 'homoglyph-punycode', 'combosquat'] as const), a);
    const senderAddress = plan.viaFreeMail
      ? `${(plan.brand.domain.split('.')[0] ?? 'support').replace(/[^a-z0-9]/g, '').slice(0, 14)}.${plan.lure.senderLocal}${a.int(1, 99)}@${ctx.freeMail.domain}`
      : `${plan.lure.senderLocal}@${look.domain}`;
    const stage2 = `cdn-${a.pick(['update', 'files', 'static', 'docs'])}.${a.pick(stage2Bases)}`;
    const deadlineDate = new Date(plan.start.getTime() + a.int(2, 5) * 86400000);
    const deadline = plan.lure.lang === 'ko' ? `${deadlineDate.getUTCMonth() + 1}월 ${deadlineDate.getUTCDate()}일` : deadlineDate.toISOString().slice(0, 10);
    const subject = a.pick(plan.lure.subjects)(plan.brand.name, deadline);
    // A weapon kind used before is sometimes re-sent as the very same file (same hash), as real crews do.
    let attachment: Attachment | null = null;
    let zipPassword: string | null = null;
    if (plan.weapon !== null) {
      const prior = reusable.get(plan.weapon);
      if (prior !== undefined && a.chance(0.5)) {
        attachment = prior.attachment;
        zipPassword = prior.password;
      } else {
        zipPassword = plan.weapon === 'lnk-in-zip' ? String(a.int(1000, 9999)) : null;
        attachment = weaponised(plan.weapon, plan.lure.docStem, stage2, a, zipPassword);
      }
      reusable.set(plan.weapon, { attachment, password: zipPassword });
    }
    const techniques = [plan.viaFreeMail ? 'free-mail-sender' : `sender-${look.technique}`];
    if (attachment !== null) techniques.push(attachment.kind);
    if (plan.credentialLink) techniques.push(plan.useShortener ? 'shortened-credential-link' : `credential-link-${linkLook.technique}`);
    const linkHosts: string[] = [];
    const individual = !plan.viaFreeMail && a.chance(0.7);
    const groups = individual ? plan.recipients.map((r) => [r]) : [plan.recipients];
    let t = plan.start;
    for (const group of groups) {
      const lead = group[0];
      if (lead === undefined) continue;
      const token = Buffer.from(lead.address).toString('base64url');
      const harvest = `https://${linkLook.domain}/${a.pick(['auth/signin', 'account/verify', 'sso/login', 'portal/session'])}?u=${token}`;
      const slug = a.chars(7);
      const link = !plan.credentialLink ? null
        : plan.useShortener ? { url: `https://${ctx.shortener}/${slug}`, shown: `https://${ctx.shortener}/${slug}` }
          : { url: harvest, shown: `https://www.${plan.brand.domain}/${plan.lure.lang === 'ko' ? 'verify' : 'account'}` };
      if (link !== null) linkHosts.push(hostOf(link.url));
      const orgName = plan.org === null ? (ctx.orgs.find((o) => o.id === lead.orgId)?.name ?? '') : plan.brand.orgName;
      const blocks = plan.lure.body({ recipient: lead, brandName: plan.brand.name, orgName, link, attachment: attachment?.filename ?? null, zipPassword, deadline });
      const domain = plan.viaFreeMail ? ctx.freeMail.domain : look.domain;
      const messageId = makeMessageId(a, domain, t, plan.viaFreeMail ? ctx.freeMail.messageIdStyle : a.pick(['postfix', 'uuid'] as const));
      const transport = plan.viaFreeMail ? freeMailAttackTransport(ctx, opts.ip, senderAddress, a) : attackerTransport(opts.ip, look.domain, a, senderAddress, a.chance(0.5));
      const extra: [string, string][] = plan.viaFreeMail ? [['X-Originating-IP', `[${opts.ip}]`]] : [['X-Mailer', mailer]];
      mailings.push({
        kind: 'spear-phishing', template: plan.lure.id, campaignId, attemptId: plan.id,
        from: { name: plan.lure.senderName(plan.brand.name), address: senderAddress },
        // A copy for people at several exchanges goes out Bcc, addressed to the sender itself, as crews do.
        to: new Set(group.map((r) => r.orgId)).size > 1 ? [{ address: senderAddress }] : group.map(mailbox), cc: [], replyTo: null,
        subject, date: t, tzOffset: 540, messageId, extraHeaders: extra,
        body: body(blocks, { lang: plan.lure.lang, attachments: attachment === null ? [] : [attachment] }),
        transport, deliverTo: group,
        expectedVerdict: 'malicious', acceptableVerdicts: ['malicious'],
      });
      t = addSeconds(t, a.int(20, 240));
    }
    infra.add('ipv4-addr', opts.ip, plan.id);
    if (plan.viaFreeMail) infra.add('free-mail', ctx.freeMail.domain, plan.id, true);
    else {
      infra.add('domain', look.domain, plan.id);
      infra.add('x-mailer', mailer, plan.id);
    }
    infra.add('email-addr', senderAddress, plan.id);
    for (const h of new Set(linkHosts)) infra.add(h === ctx.shortener ? 'url-shortener' : 'url-host', h, plan.id, h === ctx.shortener);
    if (attachment !== null) infra.add('file-sha256', attachmentFacts(attachment).sha256, plan.id);
    attempts.push({
      id: plan.id, campaignId, sender: senderAddress, subject, techniques,
      attachments: attachment === null ? [] : [attachmentFacts(attachment)],
      linkHosts: [...new Set(linkHosts)],
    });
  }
  return {
    id: campaignId,
    name: `${opts.actor.name} spear-phishing against exchanges`,
    kind: 'spear-phishing',
    mailings,
    attempts,
    infrastructure: infra.list(),
    sourceIps: [opts.ip],
    attribution: [{ actor: opts.actor.name, aliases: opts.actor.aliases, via: `STIX indicator [ipv4-addr:value = '${opts.ip}'] indicates intrusion-set ${opts.actor.name}` }],
  };
}
