/** Mail between colleagues of one exchange: memos, reports, HR notices, file shares, forwards, meetings. */
import type { Rng } from '../rng.js';
import type { DemoOrg } from '../types.js';
import type { Mailing } from '../envelope.js';
import { makeMessageId } from '../envelope.js';
import { calendarPart, mixed, type MimePart } from '../mime/build.js';
import { calendarInvite, cleanDocx, cleanPng, cleanXlsx, type Attachment } from '../attachments.js';
import { wellKnownLinks } from '../data/services.js';
import { workingTime } from '../net.js';
import { benignMailing, body, greetingName, internalTransport, koreanTeam, mailbox, others, staffOf, type Block, type GenContext } from './common.js';

/** Mail clients and the Message-ID shapes they write. */
const CLIENTS = [
  ['Microsoft Outlook 16.0', 'outlook'],
  ['Microsoft Outlook 16.0', 'outlook'],
  ['Mozilla Thunderbird 128.3.1', 'uuid'],
] as const;

interface Memo {
  subject: string;
  blocks: (org: DemoOrg, rng: Rng) => Block[];
  attach?: (rng: Rng) => Attachment;
}

const wiki = (org: DemoOrg, path: string): string => `https://wiki.${org.domains[0] ?? ''}/${path}`;

const memosKo: readonly Memo[] = [
  {
    subject: '[공지] 사무실 네트워크 점검 안내 (토요일 오전)',
    blocks: (org, rng) => [
      { text: `안녕하세요, 인프라팀입니다.\n이번 주 토요일 오전 ${rng.int(6, 9)}시부터 약 2시간 동안 사무실 네트워크 장비 점검이 진행됩니다.` },
      { text: '점검 시간 동안 사내 VPN과 프린터 사용이 일시적으로 제한될 수 있습니다. 업무에 참고 부탁드립니다.' },
      { text: '자세한 일정은 위키에 정리해 두었습니다.', link: { label: '점검 일정 (사내 위키)', url: wiki(org, `infra/maintenance-${rng.int(100, 999)}`) } },
    ],
  },
  {
    subject: '주간 업무 보고 - 지갑운영팀',
    blocks: (_org, rng) => [
      { text: '이번 주 주요 업무 공유드립니다.' },
      { text: `1. 콜드월렛 정기 점검 완료 (${rng.int(3, 9)}건)\n2. 입출금 모니터링 대시보드 개선 배포\n3. 신규 네트워크 노드 동기화 진행 중 (${rng.int(60, 95)}%)` },
      { text: '다음 주에는 분기별 재고 대사(reconciliation) 일정이 있습니다. 참석 부탁드립니다.' },
    ],
    attach: (rng) => cleanXlsx(`주간보고_${rng.int(27, 40)}주차.xlsx`, '주간보고', [['항목', '상태'], ['콜드월렛 점검', '완료'], ['노드 동기화', '진행 중']]),
  },
  {
    subject: '회의록: 거래소 API 개편 논의',
    blocks: (org, rng) => [
      { text: `어제 회의 내용 정리해서 공유드립니다.\n참석: 개발팀, 프로덕트팀, 고객지원팀` },
      { text: `- REST API v${rng.int(2, 4)} 응답 형식 통일\n- 레이트 리밋 정책 재검토 (분당 ${rng.int(6, 12) * 100}회)\n- 웹소켓 재연결 가이드 문서화` },
      { text: '논의한 문서는 위키에 올려두었습니다.', link: { label: 'API 개편 회의록', url: wiki(org, `dev/api-redesign-${rng.int(10, 99)}`) } },
    ],
  },
  {
    subject: '법인카드 사용 내역 제출 요청',
    blocks: (_org, rng) => [
      { text: `안녕하세요, 재무팀입니다.\n${rng.int(6, 9)}월 법인카드 사용 내역과 영수증을 이번 주 금요일까지 제출해 주세요.` },
      { text: '경비 정산 시스템에서 항목별로 증빙을 첨부해 주시면 됩니다. 문의는 재무팀으로 부탁드립니다.' },
    ],
  },
  {
    subject: '신규 입사자 소개',
    blocks: (_org, rng) => [
      { text: `이번 주 월요일부터 ${rng.pick(['개발팀', '고객지원팀', '준법감시팀', '인프라팀'])}에 새로운 동료가 합류했습니다.` },
      { text: '자리 배치는 4층 창가 쪽입니다. 많이 환영해 주세요!' },
    ],
    attach: (rng) => cleanPng('welcome.png', rng),
  },
  {
    subject: '하반기 워크숍 장소 투표',
    blocks: (_org, rng) => [
      { text: `하반기 워크숍 장소 후보를 정리했습니다: ${rng.shuffle(['가평', '양평', '강릉', '제주', '속초']).slice(0, 3).join(', ')}.` },
      { text: '이번 주 수요일까지 팀 채널에서 투표 부탁드립니다.' },
    ],
  },
  {
    subject: '[공유] 3분기 상장 심사 일정',
    blocks: (org, rng) => [
      { text: `3분기 상장 심사 위원회 일정 공유드립니다. 1차 심사는 ${rng.int(7, 9)}월 ${rng.int(1, 28)}일입니다.` },
      { text: '검토 자료는 첨부 문서와 위키를 참고해 주세요.', link: { label: '상장 심사 기준', url: wiki(org, 'listing/review-criteria') } },
    ],
    attach: (rng) => cleanDocx(`상장심사_일정_v${rng.int(1, 4)}.docx`, '3분기 상장 심사 일정', ['1차 심사', '2차 심사', '최종 결정']),
  },
  {
    subject: '[정보보호] 거래소 대상 피싱 메일 주의 안내',
    blocks: (org, rng) => [
      { text: `안녕하세요, 정보보호팀입니다.\n최근 가상자산 거래소 임직원을 노린 이메일 공격이 늘고 있다는 공지가 있었습니다.` },
      { text: '출처가 불분명한 메일의 첨부파일(특히 HWP, 압축파일)은 열지 마시고, 의심스러운 메일은 정보보호팀으로 전달해 주세요.' },
      { text: '관련 보안 권고문은 한국인터넷진흥원 홈페이지에서 확인하실 수 있습니다.', link: { label: 'KISA 보안공지', url: 'https://www.kisa.or.kr/' } },
      { text: `사내 신고 절차는 위키를 참고해 주세요.`, link: { label: '보안 사고 신고 절차', url: wiki(org, `security/report-${rng.int(1, 9)}`) } },
    ],
  },
  {
    subject: '서버실 출입 기록 점검 결과 공유',
    blocks: (_org, rng) => [
      { text: `지난달 서버실 출입 기록 점검 결과 공유드립니다. 총 ${rng.int(40, 120)}건 중 사전 승인 누락 ${rng.int(0, 3)}건이 확인되었습니다.` },
      { text: '누락 건은 해당 팀장님께 별도로 연락드렸습니다. 출입 전 승인 절차를 꼭 지켜 주세요.' },
    ],
    attach: (rng) => cleanXlsx(`서버실_출입기록_${rng.int(6, 9)}월.xlsx`, '출입기록', [['일자', '인원', '승인'], ['7/1', 2, 'Y'], ['7/2', 1, 'Y']]),
  },
  {
    subject: '고객센터 상담 매뉴얼 개정본 배포',
    blocks: (org) => [
      { text: '고객센터 상담 매뉴얼 개정본을 배포합니다. 주요 변경 사항은 출금 지연 문의 응대와 본인인증 재심사 절차입니다.' },
      { text: '개정본은 위키에도 올려두었습니다.', link: { label: '상담 매뉴얼', url: wiki(org, 'support/manual') } },
    ],
    attach: (rng) => cleanDocx(`상담매뉴얼_개정_v${rng.int(2, 6)}.docx`, '고객센터 상담 매뉴얼', ['출금 지연 문의', '본인인증 재심사']),
  },
  {
    subject: 'RE: 다음 주 콜드월렛 정기 점검 일정',
    blocks: (_org, rng) => [
      { text: `네, ${rng.pick(['화요일', '수요일', '목요일'])} 오후 ${rng.int(2, 4)}시로 진행하겠습니다. 참석자 명단은 기존과 동일합니다.` },
      { text: '점검 체크리스트는 지난번 버전을 그대로 사용하겠습니다.' },
    ],
  },
];

const memosEn: readonly Memo[] = [
  {
    subject: 'Weekly ops sync notes',
    blocks: (org, rng) => [
      { text: 'Hi all,\nNotes from this week\'s ops sync:' },
      { text: `- Matching engine p99 latency back under ${rng.int(3, 9)} ms after the cache fix\n- Node upgrades finished on ${rng.int(3, 12)} of 12 hosts\n- Support backlog down ${rng.int(10, 40)}% week over week` },
      { text: 'Full notes are on the wiki.', link: { label: 'Ops sync notes', url: wiki(org, `ops/sync-${rng.int(100, 999)}`) } },
    ],
  },
  {
    subject: 'Draft: cold wallet rotation procedure (v3)',
    blocks: (_org, rng) => [
      { text: `Attached is draft v3 of the rotation procedure. Main change: the quorum is now ${rng.int(3, 4)}-of-5 and the ceremony checklist has a second reviewer.` },
      { text: 'Comments by Thursday please, then I will send it to compliance.' },
    ],
    attach: (rng) => cleanDocx(`cold-wallet-rotation-v3.${rng.int(1, 9)}.docx`, 'Cold wallet rotation procedure', ['Scope', 'Roles', 'Ceremony checklist']),
  },
  {
    subject: 'Heads-up: maintenance window on Saturday',
    blocks: (_org, rng) => [
      { text: `We will patch the database cluster on Saturday from ${rng.int(1, 4)}:00 to ${rng.int(5, 7)}:00 KST. Trading stays up; withdrawals are paused during the window.` },
      { text: 'The status page will be updated before and after.' },
    ],
  },
  {
    subject: 'Updated on-call rota',
    blocks: () => [{ text: 'Hi team,\nThe on-call rota for the next four weeks is attached. Swap requests in the team channel as usual.' }],
    attach: () => cleanXlsx('on-call-rota.xlsx', 'Rota', [['Week', 'Primary', 'Secondary'], [1, 'A', 'B'], [2, 'C', 'D']]),
  },
  {
    subject: 'Team lunch on Friday',
    blocks: (_org, rng) => [{ text: `Lunch is booked for Friday ${rng.pick(['12:00', '12:30', '13:00'])} to celebrate the release. Reply if you have dietary restrictions.` }],
  },
  {
    subject: 'Postmortem: delayed withdrawals on Tuesday',
    blocks: (org, rng) => [
      { text: `Summary: withdrawals of two networks were delayed for ${rng.int(20, 90)} minutes after a node fell behind the chain tip. No funds were at risk.` },
      { text: 'Action items: alert on block lag, add a second node per network, update the status-page runbook.' },
      { text: 'Full write-up:', link: { label: 'Postmortem document', url: wiki(org, `postmortems/${rng.int(2026001, 2026099)}`) } },
    ],
  },
  {
    subject: 'Re: vendor evaluation - chain analytics',
    blocks: (_org, rng) => [
      { text: `Agree with the shortlist. Pricing from the second vendor came in ${rng.int(5, 25)}% lower, but their API limits are tight.` },
      { text: 'Let us discuss at Thursday\'s sync before we go back to them.' },
    ],
  },
  {
    subject: 'Design review: new API key permissions',
    blocks: (org) => [
      { text: 'Sharing the design for scoped API keys (read-only, trade, withdraw with allow-listed addresses only).' },
      { text: 'Comments welcome in the doc:', link: { label: 'Design doc', url: wiki(org, 'dev/api-key-scopes') } },
      { text: 'Prior art we looked at:', link: { label: 'GitHub', url: wellKnownLinks[0] ?? 'https://github.com/' } },
    ],
    attach: (rng) => cleanPng(`api-key-scopes-diagram-${rng.int(1, 9)}.png`, rng),
  },
  {
    subject: 'Q3 listing pipeline review',
    blocks: (org, rng) => [
      { text: `We have ${rng.int(4, 14)} projects in the pipeline; ${rng.int(1, 3)} are ready for the committee.` },
      { text: 'The tracker and the reference material:', link: { label: 'Listing tracker', url: wiki(org, 'listing/pipeline') } },
      { text: 'Background reading on token standards:', link: { label: 'developer docs', url: `${wellKnownLinks[6] ?? 'https://developer.mozilla.org/'}` } },
    ],
  },
];

function memo(ctx: GenContext, org: DemoOrg, rng: Rng, lang: 'ko' | 'en'): Mailing {
  const sender = rng.pick(org.staff.filter((s) => s.lang === lang).length > 0 ? org.staff.filter((s) => s.lang === lang) : org.staff);
  const recipients = others(org, sender, rng.int(1, 4), rng);
  const m = rng.pick(lang === 'ko' ? memosKo : memosEn);
  const date = workingTime(rng, ctx.start, ctx.end, org.tzOffset);
  const first = recipients[0];
  const hello = first === undefined ? '' : lang === 'ko' ? `${greetingName(first)}, ` : `Hi ${greetingName(first)}, `;
  const blocks = m.blocks(org, rng);
  if (recipients.length === 1 && blocks[0] !== undefined) blocks[0] = { ...blocks[0], text: hello + blocks[0].text };
  const sign = lang === 'ko' ? `${sender.name} | ${koreanTeam(sender.team)}\n${org.localName}` : `${sender.latinName} | ${sender.role}\n${org.name}`;
  const attachments = m.attach === undefined || rng.chance(0.3) ? [] : [m.attach(rng)];
  const domain = org.domains[0] ?? '';
  const client = rng.pick(CLIENTS);
  return benignMailing({
    template: `internal-memo-${lang}`,
    from: mailbox(sender),
    to: recipients.slice(0, 2).map(mailbox),
    cc: recipients.slice(2).map(mailbox),
    subject: m.subject,
    date,
    tzOffset: org.tzOffset,
    messageId: makeMessageId(rng, domain, date, client[1]),
    extraHeaders: [['X-Mailer', client[0]]],
    body: body(blocks, { lang, footer: sign, attachments }),
    transport: internalTransport(org, rng),
    deliverTo: recipients,
  });
}

export function internalMemoKo(ctx: GenContext, org: DemoOrg, rng: Rng): Mailing {
  return memo(ctx, org, rng, 'ko');
}

export function internalMemoEn(ctx: GenContext, org: DemoOrg, rng: Rng): Mailing {
  return memo(ctx, org, rng, 'en');
}

/** HR notices from the people team (leave policy, payslips available, health check-up). */
export function hrInternal(ctx: GenContext, org: DemoOrg, rng: Rng): Mailing {
  const hr = staffOf(org, 'People', rng);
  const recipients = others(org, hr, rng.int(1, 3), rng);
  const ko = org.country === 'KR';
  const date = workingTime(rng, ctx.start, ctx.end, org.tzOffset);
  const [subject, blocks] = rng.pick<readonly [string, Block[]]>(ko
    ? [
      ['[인사] 하반기 건강검진 안내', [{ text: `올해 하반기 건강검진 기간은 ${rng.int(9, 11)}월 말까지입니다. 지정 병원 목록은 인사 포털을 확인해 주세요.` }, { text: '검진 결과지는 별도로 제출하지 않으셔도 됩니다.', link: { label: '인사 포털', url: `https://hr.${org.domains[0] ?? ''}/health` } }]],
      ['[인사] 연차 사용 촉진 안내', [{ text: `잔여 연차가 ${rng.int(5, 12)}일 이상 남은 분들은 연말 전에 사용 계획을 팀장님과 협의해 주세요.` }]],
      ['[인사] 급여명세서 발행 안내', [{ text: '이번 달 급여명세서가 인사 포털에 게시되었습니다. 포털에 로그인하여 확인해 주세요.', link: { label: '인사 포털', url: `https://hr.${org.domains[0] ?? ''}/payslip` } }]],
    ]
    : [
      ['[HR] Annual health check-up', [{ text: `Health check-ups are open until the end of ${rng.pick(['September', 'October', 'November'])}. The list of clinics is on the HR portal.`, link: { label: 'HR portal', url: `https://hr.${org.domains[0] ?? ''}/health` } }]],
      ['[HR] Reminder: submit your leave plan', [{ text: `If you have more than ${rng.int(5, 12)} days of leave left, please agree a plan with your manager before December.` }]],
      ['[HR] Payslips are available', [{ text: 'This month\'s payslips are on the HR portal.', link: { label: 'HR portal', url: `https://hr.${org.domains[0] ?? ''}/payslip` } }]],
    ]);
  return benignMailing({
    template: 'hr-internal',
    from: mailbox(hr),
    to: recipients.map(mailbox),
    subject,
    date,
    tzOffset: org.tzOffset,
    messageId: makeMessageId(rng, org.domains[0] ?? '', date, 'outlook'),
    body: body(blocks.map((b) => ({ ...b })), { lang: ko ? 'ko' : 'en', footer: `${ko ? hr.name : hr.latinName} | ${hr.role}` }),
    transport: internalTransport(org, rng),
    deliverTo: recipients,
  });
}

/** A meeting request between colleagues: text/calendar alongside the text and HTML parts. */
export function internalInvite(ctx: GenContext, org: DemoOrg, rng: Rng): Mailing {
  const organizer = rng.pick(org.staff);
  const attendees = others(org, organizer, rng.int(1, 4), rng);
  const date = workingTime(rng, ctx.start, ctx.end, org.tzOffset);
  const startAt = new Date(date.getTime() + rng.int(1, 5) * 86400000 + rng.int(0, 3) * 1800000);
  const endAt = new Date(startAt.getTime() + rng.pick([30, 60]) * 60000);
  const ko = organizer.lang === 'ko';
  const summary = rng.pick(ko ? ['분기 보안 점검 회의', '입출금 정책 검토', '고객 문의 대응 회고', '신규 상장 검토 회의'] : ['Incident review', 'Quarterly security review', 'Sprint planning', 'Vendor evaluation sync']);
  const room = rng.pick(ko ? ['4층 대회의실', '3층 소회의실 B', '온라인 (Zoom)'] : ['Meeting room 4A', 'Online (Zoom)', 'Board room']);
  const ics = calendarInvite({ summary, start: startAt, end: endAt, organizer: organizer.address, attendees: attendees.map((a) => a.address), location: room, uid: rng.uuid() });
  const whenText = startAt.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  const alt = body([{ text: ko ? `회의 초대: ${summary}\n일시: ${whenText}\n장소: ${room}` : `Invitation: ${summary}\nWhen: ${whenText}\nWhere: ${room}` }], { lang: ko ? 'ko' : 'en' });
  const bodyPart: MimePart = alt.kind === 'multipart' ? { kind: 'multipart', subtype: 'alternative', parts: [...alt.parts, calendarPart(ics.toString('utf8'))] } : mixed([alt]);
  return benignMailing({
    template: 'calendar-invite-internal',
    from: mailbox(organizer),
    to: attendees.map(mailbox),
    subject: ko ? `초대: ${summary}` : `Invitation: ${summary}`,
    date,
    tzOffset: org.tzOffset,
    messageId: makeMessageId(rng, org.domains[0] ?? '', date, 'outlook'),
    body: bodyPart,
    transport: internalTransport(org, rng),
    deliverTo: attendees,
  });
}
