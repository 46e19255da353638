/** Legitimate mail from outside: vendors' invoices, SaaS notices, password resets, newsletters, partners. */
import type { Rng } from '../rng.js';
import type { DemoOrg } from '../types.js';
import type { Mailing } from '../envelope.js';
import { makeMessageId } from '../envelope.js';
import { cleanInvoicePdf } from '../attachments.js';
import type { Service } from '../data/services.js';
import { wellKnownLinks } from '../data/services.js';
import { workingTime } from '../net.js';
import { benignMailing, body, greetingName, legitTransport, mailbox, staffOf, type GenContext } from './common.js';

function serviceOf(ctx: GenContext, kinds: Service['kind'][], rng: Rng): Service {
  const list = ctx.services.filter((s) => kinds.includes(s.kind));
  return rng.pick(list.length > 0 ? list : ctx.services);
}

export function vendorInvoice(ctx: GenContext, org: DemoOrg, rng: Rng): Mailing {
  const v = serviceOf(ctx, ['vendor'], rng);
  const to = staffOf(org, 'Finance', rng);
  const date = workingTime(rng, ctx.start, ctx.end, v.tzOffset);
  const number = `${v.domain.slice(0, 3).toUpperCase()}-${date.getUTCFullYear()}${String(date.getUTCMonth() + 1).padStart(2, '0')}-${rng.int(1000, 9999)}`;
  const ko = v.lang === 'ko';
  const amount = ko ? `${(rng.int(80, 2400) * 10000).toLocaleString('en-US')}` : `${rng.int(900, 18000)}.${rng.int(10, 99)}`;
  const currency = ko ? 'KRW' : 'USD';
  const pdf = cleanInvoicePdf(v.name, number, amount, currency);
  const blocks = ko
    ? [{ text: `${org.localName} 담당자님, 안녕하세요.\n${v.name}입니다. ${date.getUTCMonth() + 1}월 서비스 이용료 세금계산서 및 청구서를 첨부와 같이 송부드립니다.` }, { text: `청구 금액: ${amount}원 (부가세 포함)\n납부 기한: 익월 ${rng.int(10, 25)}일` }, { text: '문의 사항은 회신 주시기 바랍니다. 감사합니다.' }]
    : [{ text: `Dear ${org.name} accounts team,\nPlease find attached invoice ${number} for services rendered this month.` }, { text: `Amount due: ${currency} ${amount}\nPayment terms: net 30 to the bank account on file.` }, { text: 'You can also view your billing history in the customer portal.', link: { label: 'Billing portal', url: `https://portal.${v.domain}/billing/invoices` } }];
  const from = { name: ko ? `${v.name} 청구담당` : `${v.name} Billing`, address: `billing@${v.domain}` };
  return benignMailing({
    template: 'vendor-invoice',
    from,
    to: [mailbox(to)],
    subject: ko ? `[${v.name}] ${date.getUTCMonth() + 1}월 청구서 발행 안내 (${number})` : `Invoice ${number} from ${v.name}`,
    date,
    tzOffset: v.tzOffset,
    messageId: makeMessageId(rng, v.domain, date, 'postfix'),
    body: body(blocks, { lang: v.lang, footer: `${v.name} | ${v.domain}`, attachments: [pdf] }),
    transport: legitTransport(ctx, v.domain, v.mailHost, rng, `billing@${v.domain}`),
    deliverTo: [to],
  });
}

export function saasNotification(ctx: GenContext, org: DemoOrg, rng: Rng): Mailing {
  const s = serviceOf(ctx, ['saas'], rng);
  const to = staffOf(org, rng.pick(['Engineering', 'Infrastructure', 'Security', 'Product']), rng);
  const date = workingTime(rng, ctx.start, ctx.end, s.tzOffset);
  const ko = s.lang === 'ko';
  const ticket = `${rng.chars(3, 'ABCDEFGHJKLMNPQRSTUVWXYZ')}-${rng.int(100, 4999)}`;
  const [subject, text, path] = rng.pick<readonly [string, string, string]>(ko
    ? [[`[${s.name}] ${ticket} 작업에 댓글이 달렸습니다`, `${greetingName(to)}, 담당하신 작업 ${ticket}에 새 댓글이 있습니다.`, `tasks/${ticket}`], [`[${s.name}] 주간 활동 요약`, '지난주 팀 활동 요약입니다: 완료 작업과 진행 중인 작업을 확인해 보세요.', 'reports/weekly']]
    : [[`[${s.name}] ${ticket} was assigned to you`, `Hi ${greetingName(to)}, ${ticket} was assigned to you and is due in ${rng.int(2, 9)} days.`, `issues/${ticket}`], [`[${s.name}] Build #${rng.int(1000, 9999)} passed on main`, 'All checks passed for the latest commit on main.', `builds/${rng.int(1000, 9999)}`], [`[${s.name}] Your weekly summary`, 'Here is what happened in your workspace last week.', 'summary/weekly']]);
  const noreply = `notifications@${s.domain}`;
  return benignMailing({
    template: 'saas-notification',
    from: { name: s.name, address: noreply },
    to: [mailbox(to)],
    subject,
    date,
    tzOffset: s.tzOffset,
    messageId: makeMessageId(rng, s.domain, date, 'saas'),
    extraHeaders: [['List-Unsubscribe', `<https://app.${s.domain}/settings/notifications>`], ['Auto-Submitted', 'auto-generated']],
    body: body([{ text, link: { label: ko ? '바로가기' : 'Open in ' + s.name, url: `https://app.${s.domain}/${org.id}/${path}` } }], { lang: s.lang, footer: ko ? `알림 설정은 ${s.name} 환경설정에서 변경할 수 있습니다.` : `You receive this because you are a member of the ${org.name} workspace.` }),
    transport: legitTransport(ctx, s.domain, s.mailHost, rng, `bounces+${rng.hex(8)}@${s.domain}`),
    deliverTo: [to],
  });
}

/** A password reset the user asked for, from a service the org really uses: benign, and a hard case. */
export function passwordReset(ctx: GenContext, org: DemoOrg, rng: Rng): Mailing {
  const s = serviceOf(ctx, ['saas', 'hr-saas'], rng);
  const to = rng.pick(org.staff);
  const date = workingTime(rng, ctx.start, ctx.end, s.tzOffset);
  const ko = s.lang === 'ko';
  const token = rng.chars(32);
  const url = `https://app.${s.domain}/account/reset?token=${token}`;
  const blocks = ko
    ? [{ text: `${greetingName(to)}, 안녕하세요.\n${s.name} 계정(${to.address})의 비밀번호 재설정이 요청되었습니다.` }, { text: '아래 버튼을 눌러 새 비밀번호를 설정해 주세요. 링크는 30분 동안 유효합니다.', link: { label: '비밀번호 재설정', url } }, { text: '본인이 요청하지 않았다면 이 메일을 무시하셔도 됩니다.' }]
    : [{ text: `Hi ${greetingName(to)},\nSomeone (hopefully you) asked to reset the password for ${to.address} on ${s.name}.` }, { text: 'Use the link below within 30 minutes to choose a new password.', link: { label: 'Reset password', url } }, { text: 'If you did not ask for this, you can ignore this email; your password stays the same.' }];
  return benignMailing({
    template: 'password-reset',
    from: { name: s.name, address: `no-reply@${s.domain}` },
    to: [mailbox(to)],
    subject: ko ? `[${s.name}] 비밀번호 재설정 안내` : `Reset your ${s.name} password`,
    date,
    tzOffset: s.tzOffset,
    messageId: makeMessageId(rng, s.domain, date, 'saas'),
    extraHeaders: [['Auto-Submitted', 'auto-generated']],
    body: body(blocks, { lang: s.lang, footer: `${s.name} · ${s.domain}` }),
    transport: legitTransport(ctx, s.domain, s.mailHost, rng, `bounce@${s.domain}`),
    deliverTo: [to],
  });
}

export function newsletter(ctx: GenContext, org: DemoOrg, rng: Rng): Mailing {
  const n = serviceOf(ctx, ['newsletter'], rng);
  const to = rng.pick(org.staff);
  const date = workingTime(rng, ctx.start, ctx.end, n.tzOffset);
  const ko = n.lang === 'ko';
  const issue = rng.int(40, 260);
  const click = (): string => `https://click.${n.domain}/ls/${rng.chars(22)}`;
  const headlines = rng.sample(ko
    ? ['가상자산 이용자 보호법 시행 1년, 무엇이 달라졌나', '스테이블코인 규제 논의 본격화', '거래소 콜드월렛 보관 비율 점검', '트래블룰 적용 범위 확대', '디지털자산 기본법 국회 논의 동향']
    : ['Exchanges tighten hot-wallet limits', 'What the latest Travel Rule guidance means for Asia', 'Stablecoin reserves: a quarterly look', 'Layer-2 fees fall after the upgrade', 'Custody providers consolidate'], 3);
  const blocks = [
    { text: ko ? `${n.name} 제${issue}호` : `${n.name} — issue #${issue}` },
    ...headlines.map((h) => ({ text: h, link: { label: ko ? '기사 읽기' : 'Read more', url: click() } })),
    { text: ko ? '지난 호 모아보기' : 'Further reading', link: { label: ko ? '아카이브' : 'Archive', url: `https://${n.domain}/archive/${issue - 1}` } },
  ];
  const unsubscribe = `https://${n.domain}/unsubscribe?u=${rng.hex(16)}`;
  return benignMailing({
    template: 'newsletter',
    from: { name: n.name, address: `newsletter@${n.domain}` },
    to: [mailbox(to)],
    subject: ko ? `[${n.name}] ${headlines[0] ?? ''}` : `${n.name} #${issue}: ${headlines[0] ?? ''}`,
    date,
    tzOffset: n.tzOffset,
    messageId: makeMessageId(rng, n.domain, date, 'saas'),
    extraHeaders: [
      ['List-Unsubscribe', `<${unsubscribe}>, <mailto:unsubscribe@${n.domain}?subject=unsubscribe>`],
      ['List-Unsubscribe-Post', 'List-Unsubscribe=One-Click'],
      ['List-Id', `${n.name.replace(/[^A-Za-z0-9 ]/g, '') || 'Newsletter'} <news.${n.domain}>`],
      ['Precedence', 'bulk'],
    ],
    body: body(blocks, { lang: n.lang, footer: ko ? `수신을 원하지 않으시면 수신거부: ${unsubscribe}` : `Unsubscribe: ${unsubscribe}` }),
    transport: legitTransport(ctx, n.domain, n.mailHost, rng, `bounce-${rng.hex(10)}@${n.domain}`),
    deliverTo: [to],
  });
}

/** The people-team SaaS (payroll, leave approvals). */
export function hrSaas(ctx: GenContext, org: DemoOrg, rng: Rng): Mailing {
  const s = serviceOf(ctx, ['hr-saas'], rng);
  const to = rng.pick(org.staff);
  const date = workingTime(rng, ctx.start, ctx.end, s.tzOffset);
  const ko = s.lang === 'ko';
  const [subject, text] = rng.pick<readonly [string, string]>(ko
    ? [['휴가 신청이 승인되었습니다', `${greetingName(to)}, ${rng.int(7, 12)}월 ${rng.int(1, 28)}일 연차 신청이 승인되었습니다.`], ['이번 달 근무 시간 확인 요청', `${greetingName(to)}, 이번 달 근무 기록을 확인하고 확정해 주세요.`]]
    : [['Your leave request was approved', `Hi ${greetingName(to)}, your leave request for ${rng.int(1, 5)} days was approved by your manager.`], ['Please confirm your timesheet', `Hi ${greetingName(to)}, your timesheet for this month is ready for confirmation.`]]);
  return benignMailing({
    template: 'hr-saas',
    from: { name: s.name, address: `no-reply@${s.domain}` },
    to: [mailbox(to)],
    subject,
    date,
    tzOffset: s.tzOffset,
    messageId: makeMessageId(rng, s.domain, date, 'uuid'),
    body: body([{ text, link: { label: ko ? '확인하기' : 'Open', url: `https://${org.id}.${s.domain}/me` } }], { lang: s.lang, footer: `${s.name} for ${org.name}` }),
    transport: legitTransport(ctx, s.domain, s.mailHost, rng, `no-reply@${s.domain}`),
    deliverTo: [to],
  });
}

/** Ordinary mail from the real partner brand (its true domain): lookalike detection must leave it alone. */
export function partnerUpdate(ctx: GenContext, org: DemoOrg, rng: Rng): Mailing {
  const p = rng.pick(ctx.partners);
  const domain = p.domains[0] ?? 'partner.example';
  const to = staffOf(org, rng.pick(['Wallet Operations', 'Compliance', 'Security']), rng);
  const date = workingTime(rng, ctx.start, ctx.end, 0);
  const am = rng.pick(['Hannah Quinn', 'Marcus Hale', 'Elena Ortega', 'Jonas Weber']);
  const local = am.toLowerCase().replace(' ', '.');
  return benignMailing({
    template: 'partner-update',
    from: { name: `${am} (${p.name})`, address: `${local}@${domain}` },
    to: [mailbox(to)],
    subject: rng.pick([`${p.name} — release notes ${rng.int(3, 9)}.${rng.int(0, 20)}`, `${p.name} quarterly service review`, `Scheduled maintenance: ${p.name} API`]),
    date,
    tzOffset: 0,
    messageId: makeMessageId(rng, domain, date, 'gmail').replace('mail.gmail.com', domain),
    body: body([
      { text: `Hi ${greetingName(to)},\nSharing the latest update from ${p.name} for ${org.name}.` },
      { text: 'Details are in our documentation.', link: { label: 'Release notes', url: `https://docs.${domain}/changelog` } },
      { text: 'Standards reference:', link: { label: 'W3C', url: wellKnownLinks[5] ?? 'https://www.w3.org/TR/' } },
      { text: 'Best regards,' },
    ], { lang: 'en', footer: `${am} | Account Manager | ${p.name}` }),
    transport: legitTransport(ctx, domain, 'mail-out', rng, `${local}@${domain}`),
    deliverTo: [to],
  });
}
