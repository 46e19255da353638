/** Conversations: customer support replies (Re:), internal forwards (Fwd:), invitations from a calendar SaaS. */
import type { Rng } from '../rng.js';
import type { DemoOrg } from '../types.js';
import type { Mailing } from '../envelope.js';
import { makeMessageId } from '../envelope.js';
import { calendarPart } from '../mime/build.js';
import { calendarInvite } from '../attachments.js';
import { englishFirstNames, englishLastNames, koreanGivenNames, koreanSurnames } from '../data/names.js';
import { rfc5322Date, workingTime } from '../net.js';
import { benignMailing, body, freeMailTransport, greetingName, internalTransport, legitTransport, mailbox, others, staffOf, type GenContext } from './common.js';

/** A customer's follow-up on an open support ticket, quoting the agent's previous answer. */
export function supportThread(ctx: GenContext, org: DemoOrg, rng: Rng): Mailing {
  const agent = staffOf(org, 'Support', rng);
  const ko = org.country === 'KR' && rng.chance(0.75);
  const [surKo, sur] = rng.pick(koreanSurnames);
  const [givenKo, given] = rng.pick(koreanGivenNames);
  const customer = ko
    ? { name: `${surKo}${givenKo}`, address: `${given.toLowerCase()}${rng.int(70, 99)}${sur.toLowerCase()}@${ctx.freeMail.domain}` }
    : { name: `${rng.pick(englishFirstNames)} ${rng.pick(englishLastNames)}`, address: `${rng.chars(6, 'abcdefghijklmnopqrstuvwxyz')}.${rng.int(10, 999)}@${ctx.freeMail.domain}` };
  const ticket = `#${rng.int(100000, 999999)}`;
  const date = workingTime(rng, ctx.start, ctx.end, org.tzOffset);
  const earlier = new Date(date.getTime() - rng.int(2, 30) * 3600000);
  const orgDomain = org.domains[0] ?? '';
  const prevId = makeMessageId(rng, orgDomain, earlier, 'uuid');
  const topic = rng.pick(ko ? ['원화 입금 반영 지연 문의', '본인인증(KYC) 재심사 요청', '2단계 인증 기기 변경 문의', '출금 한도 상향 문의'] : ['Deposit not credited yet', 'KYC review status', 'Changing my 2FA device', 'Question about withdrawal limits']);
  const quoted = ko
    ? `${rfc5322Date(earlier, org.tzOffset)}, ${agent.name} <${agent.address}> 작성:\n안녕하세요 고객님, ${org.localName} 고객지원팀입니다.\n문의하신 건은 담당 부서에서 확인 중이며, 처리되는 대로 다시 안내드리겠습니다.`
    : `On ${rfc5322Date(earlier, org.tzOffset)}, ${agent.latinName} <${agent.address}> wrote:\nHello, this is ${org.name} support. We are looking into your request and will update you as soon as it is resolved.`;
  const text = ko
    ? `안녕하세요, 답변 감사합니다.\n문의 번호 ${ticket} 관련해서 추가로 확인 부탁드립니다. 앱 화면 캡처는 지난번에 보내드렸습니다.\n빠른 처리 부탁드립니다.`
    : `Hi, thanks for getting back to me.\nAny update on ticket ${ticket}? I sent the screenshots last time.\nThanks,`;
  return benignMailing({
    template: 'support-thread',
    from: customer,
    to: [{ name: ko ? `${org.localName} 고객지원` : `${org.name} Support`, address: agent.address }],
    subject: `Re: [${ticket}] ${topic}`,
    date,
    tzOffset: org.tzOffset,
    messageId: makeMessageId(rng, ctx.freeMail.domain, date, ctx.freeMail.messageIdStyle),
    extraHeaders: [['In-Reply-To', `<${prevId}>`], ['References', `<${makeMessageId(rng, ctx.freeMail.domain, earlier, ctx.freeMail.messageIdStyle)}> <${prevId}>`]],
    body: body([{ text: `${text}\n${customer.name}` }], { lang: ko ? 'ko' : 'en', quoted }),
    transport: freeMailTransport(ctx, customer.address, rng),
    deliverTo: [agent],
  });
}

/** A colleague forwards a vendor's or newsletter's mail inside the organisation. */
export function internalForward(ctx: GenContext, org: DemoOrg, rng: Rng): Mailing {
  const sender = rng.pick(org.staff);
  const to = others(org, sender, rng.int(1, 2), rng);
  const date = workingTime(rng, ctx.start, ctx.end, org.tzOffset);
  const svc = rng.pick(ctx.services);
  const ko = sender.lang === 'ko';
  const origSubject = rng.pick(ko ? ['서비스 이용 약관 개정 안내', '정기 점검 일정 안내', '신규 기능 출시 안내'] : ['Updated terms of service', 'Scheduled maintenance notice', 'New feature announcement']);
  const fwd = `---------- Forwarded message ---------\nFrom: ${svc.name} <support@${svc.domain}>\nDate: ${rfc5322Date(new Date(date.getTime() - rng.int(1, 72) * 3600000), svc.tzOffset)}\nSubject: ${origSubject}\nTo: ${sender.address}\n\n` +
    (ko ? `${svc.name} 서비스를 이용해 주셔서 감사합니다. 자세한 내용은 홈페이지 공지사항을 확인해 주세요.\nhttps://www.${svc.domain}/notice` : `Thank you for using ${svc.name}. Details are on our website:\nhttps://www.${svc.domain}/news`);
  const first = to[0];
  const note = ko ? `${first === undefined ? '' : greetingName(first) + ', '}참고로 공유드립니다. 우리 쪽 영향이 있는지 확인 부탁드려요.` : `FYI${first === undefined ? '' : ' ' + greetingName(first)} - can you check whether this affects us?`;
  return benignMailing({
    template: 'internal-forward',
    from: mailbox(sender),
    to: to.map(mailbox),
    subject: `${rng.pick(['Fwd', 'FW', 'Fwd'])}: ${origSubject}`,
    date,
    tzOffset: org.tzOffset,
    messageId: makeMessageId(rng, org.domains[0] ?? '', date, 'outlook'),
    body: body([{ text: note }, { text: fwd }], { lang: ko ? 'ko' : 'en', footer: ko ? sender.name : sender.latinName }),
    transport: internalTransport(org, rng),
    deliverTo: to,
  });
}

/** An invitation sent through a calendar SaaS by a partner's account manager. */
export function externalInvite(ctx: GenContext, org: DemoOrg, rng: Rng): Mailing {
  const cal = ctx.services.find((s) => s.kind === 'calendar') ?? rng.pick(ctx.services);
  const partner = rng.pick(ctx.partners);
  const to = rng.sample(org.staff, rng.int(1, 3));
  const date = workingTime(rng, ctx.start, ctx.end, 0);
  const startAt = new Date(date.getTime() + rng.int(2, 9) * 86400000);
  const endAt = new Date(startAt.getTime() + 45 * 60000);
  const organizer = `events@${partner.domains[0] ?? 'partner.example'}`;
  const summary = `${partner.name} × ${org.name}: ${rng.pick(['quarterly review', 'integration check-in', 'roadmap preview'])}`;
  const ics = calendarInvite({ summary, start: startAt, end: endAt, organizer, attendees: to.map((s) => s.address), location: `https://zoom.us/j/${rng.int(100000000, 999999999)}`, uid: rng.uuid() });
  const alt = body([{ text: `${partner.name} has invited you to: ${summary}\nWhen: ${startAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`, link: { label: 'View on Meetwell', url: `https://${cal.domain}/event/${rng.chars(12)}` } }], { lang: 'en' });
  return benignMailing({
    template: 'calendar-invite-external',
    from: { name: `${partner.name} via ${cal.name}`, address: `calendar-notification@${cal.domain}` },
    replyTo: { address: organizer },
    to: to.map(mailbox),
    subject: `Invitation: ${summary}`,
    date,
    tzOffset: 0,
    messageId: makeMessageId(rng, cal.domain, date, 'saas'),
    body: alt.kind === 'multipart' ? { kind: 'multipart', subtype: 'alternative', parts: [...alt.parts, calendarPart(ics.toString('utf8'))] } : alt,
    transport: legitTransport(ctx, cal.domain, cal.mailHost, rng, `calendar-bounce@${cal.domain}`),
    deliverTo: to,
  });
}
