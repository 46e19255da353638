/** The spear-phishing lures: who the mail pretends to come from, what it says, and what it asks the target to do. */
import type { Staff } from './types.js';
import type { Block } from './benign/common.js';
import { greetingName } from './benign/common.js';

export interface LureInput {
  recipient: Staff;
  brandName: string;
  orgName: string;
  /** The harvesting link and the legitimate-looking text shown for it, when the attempt has one. */
  link: { url: string; shown: string } | null;
  attachment: string | null;
  zipPassword: string | null;
  deadline: string;
}

export interface Lure {
  id: string;
  audience: 'org' | 'partner';
  lang: 'ko' | 'en';
  senderName: (brand: string) => string;
  senderLocal: string;
  /** Subject lines the crew rotates through; one is picked per attempt. */
  subjects: readonly ((brand: string, deadline: string) => string)[];
  docStem: string;
  body: (p: LureInput) => Block[];
}

function linkBlock(p: LureInput, text: string): Block[] {
  return p.link === null ? [] : [{ text, link: { label: p.link.shown, url: p.link.url } }];
}

function attachmentBlock(p: LureInput, ko: boolean): Block[] {
  if (p.attachment === null) return [];
  const pw = p.zipPassword === null ? '' : ko ? `\n(문서 보호를 위해 압축 비밀번호를 설정했습니다: ${p.zipPassword})` : `\n(The archive is protected; password: ${p.zipPassword})`;
  return [{ text: (ko ? `첨부 문서(${p.attachment})를 확인해 주시기 바랍니다.` : `Please review the attached document (${p.attachment}).`) + pw }];
}

export const lures: readonly Lure[] = [
  {
    id: 'security-alert-ko', audience: 'org', lang: 'ko', senderLocal: 'security',
    senderName: (b) => `${b} 정보보호팀`,
    subjects: [() => '[보안] 비정상 로그인 시도 탐지 - 계정 확인 요청', () => '[정보보호] 해외 IP 접속 차단 안내 및 본인 확인 요청', (_b, d) => `[긴급] 계정 보호 조치 안내 (${d}까지)`],
    docStem: '보안점검_결과_통보',
    body: (p) => [
      { text: `${greetingName(p.recipient)}, ${p.orgName} 정보보호팀입니다.\n금일 해외 IP에서 귀하의 사내 계정으로 여러 차례 로그인 시도가 탐지되었습니다.` },
      ...linkBlock(p, `계정 보호를 위해 ${p.deadline}까지 아래 링크에서 본인 확인을 완료해 주십시오. 미완료 시 계정이 일시 정지됩니다.`),
      ...attachmentBlock(p, true),
      { text: '본 메일은 보안상 외부로 전달하지 마십시오.' },
    ],
  },
  {
    id: 'hr-evaluation-ko', audience: 'org', lang: 'ko', senderLocal: 'hr',
    senderName: (b) => `${b} 인사팀`,
    subjects: [() => '[대외비] 하반기 성과평가 및 연봉 조정 안내', () => '[인사] 성과급 지급 기준 변경 안내 (개별 확인)', () => '[대외비] 조직 개편 및 인사 발령 사전 안내'],
    docStem: '하반기_성과평가_및_연봉조정_안내',
    body: (p) => [
      { text: `${greetingName(p.recipient)}, 인사팀입니다.\n하반기 성과평가 결과와 연봉 조정 내역을 개별 안내드립니다.` },
      ...attachmentBlock(p, true),
      ...linkBlock(p, '사내 인사 시스템에서도 확인하실 수 있습니다.'),
      { text: `이의 신청은 ${p.deadline}까지 회신 부탁드립니다.` },
    ],
  },
  {
    id: 'vpn-renewal-en', audience: 'org', lang: 'en', senderLocal: 'it-support',
    senderName: (b) => `${b} IT Service Desk`,
    subjects: [(_b, d) => `Action required: renew your VPN certificate before ${d}`, () => 'Your VPN access will be suspended - renewal needed', (b) => `[${b} IT] Mandatory MFA re-enrolment`],
    docStem: 'VPN_Certificate_Renewal_Guide',
    body: (p) => [
      { text: `Hi ${greetingName(p.recipient)},\nYour VPN client certificate expires soon. To keep remote access to the wallet infrastructure, renew it before ${p.deadline}.` },
      ...linkBlock(p, 'Sign in with your corporate account to renew:'),
      ...attachmentBlock(p, false),
      { text: 'IT Service Desk' },
    ],
  },
  {
    id: 'exec-briefing-ko', audience: 'org', lang: 'ko', senderLocal: 'ceo-office',
    senderName: (b) => `${b} 대표이사 비서실`,
    subjects: [() => '[대외비] 거래소 협의회 공동 대응 자료 검토 요청', () => '[대표이사 지시] 금융당국 점검 대비 자료 검토', (_b, d) => `[긴급] 이사회 보고 자료 검토 요청 (${d})`],
    docStem: '거래소_협의회_공동대응_검토자료',
    body: (p) => [
      { text: `${greetingName(p.recipient)}, 대표이사님 지시로 연락드립니다.\n다음 주 거래소 협의회 회의 전 공동 대응 자료 검토를 부탁드립니다.` },
      ...attachmentBlock(p, true),
      ...linkBlock(p, '관련 자료 공유 폴더:'),
      { text: `검토 의견은 ${p.deadline}까지 회신 부탁드립니다. 외부 유출에 유의해 주세요.` },
    ],
  },
  {
    id: 'key-reverification-en', audience: 'partner', lang: 'en', senderLocal: 'security-notice',
    senderName: (b) => `${b} Security`,
    subjects: [(b, d) => `[${b}] Mandatory re-verification of signing keys by ${d}`, (b) => `${b}: security advisory for client institutions`, (b) => `[${b}] Key holder attestation overdue`],
    docStem: 'Key_Ceremony_Reverification',
    body: (p) => [
      { text: `Dear ${greetingName(p.recipient)},\nFollowing an industry-wide advisory, ${p.brandName} requires every client institution to re-verify its signing-key holders by ${p.deadline}.` },
      ...linkBlock(p, 'Complete the verification in the client portal:'),
      ...attachmentBlock(p, false),
      { text: `Kind regards,\n${p.brandName} Client Security` },
    ],
  },
  {
    id: 'travel-rule-agreement-en', audience: 'partner', lang: 'en', senderLocal: 'compliance',
    senderName: (b) => `${b} Compliance`,
    subjects: [(b) => `Updated ${b} integration agreement - signature required`, (b) => `${b} amendment to the data-sharing agreement`, (b, d) => `Please countersign: ${b} service terms effective ${d}`],
    docStem: 'Integration_Agreement_Amendment',
    body: (p) => [
      { text: `Hello ${greetingName(p.recipient)},\nAttached is the amended integration agreement for ${p.orgName}. Please review and sign by ${p.deadline}.` },
      ...attachmentBlock(p, false),
      ...linkBlock(p, 'You can also sign electronically:'),
      { text: `Best,\n${p.brandName} Compliance` },
    ],
  },
  {
    id: 'contract-renewal-ko', audience: 'partner', lang: 'ko', senderLocal: 'korea',
    senderName: (b) => `${b} 코리아`,
    subjects: [(b) => `[${b}] 서비스 계약 갱신 및 정산 내역 확인 요청`, (b) => `[${b}] 하반기 요금 정산서 송부`, (b) => `[${b}] 보안 점검 협조 요청`],
    docStem: '서비스_계약갱신_정산내역',
    body: (p) => [
      { text: `${greetingName(p.recipient)}, 안녕하세요. ${p.brandName} 한국 지사입니다.\n내년도 서비스 계약 갱신 및 정산 내역을 송부드립니다.` },
      ...attachmentBlock(p, true),
      ...linkBlock(p, '고객 포털에서 세부 내역을 확인하실 수 있습니다.'),
      { text: `${p.deadline}까지 확인 부탁드립니다. 감사합니다.` },
    ],
  },
  {
    id: 'dream-job-en', audience: 'partner', lang: 'en', senderLocal: 'talent',
    senderName: (b) => `Talent Partner, ${b}`,
    subjects: [(b) => `Confidential: Head of Wallet Security role at ${b}`, (b) => `${b} is hiring: Principal Blockchain Engineer (remote)`, (b) => `Opportunity at ${b} - compensation details inside`],
    docStem: 'Job_Description_Head_of_Wallet_Security',
    body: (p) => [
      { text: `Hi ${greetingName(p.recipient)},\nYour background caught our attention. ${p.brandName} is hiring a Head of Wallet Security in Singapore, with a package well above market.` },
      ...attachmentBlock(p, false),
      ...linkBlock(p, 'Details and the application form:'),
      { text: `Could we talk before ${p.deadline}? This search is confidential.` },
    ],
  },
];
