/** Fictional vendors, SaaS tools and newsletters the exchanges get legitimate mail from. */

export interface Service {
  name: string;
  domain: string;
  /** Mail goes out from this host name prefix of the domain (`mta3.` + domain). */
  mailHost: string;
  kind: 'vendor' | 'saas' | 'newsletter' | 'hr-saas' | 'calendar';
  lang: 'ko' | 'en';
  /** Time zone of the sender's servers, minutes east of UTC. */
  tzOffset: number;
}

export const services: readonly Service[] = [
  { name: 'Nimbusway Cloud', domain: 'nimbusway-cloud.com', mailHost: 'billing-mta', kind: 'vendor', lang: 'en', tzOffset: 0 },
  { name: '서린데이터센터', domain: 'seorin-idc.co.kr', mailHost: 'mail', kind: 'vendor', lang: 'ko', tzOffset: 540 },
  { name: '한울회계법인', domain: 'hanul-cpa.co.kr', mailHost: 'mail', kind: 'vendor', lang: 'ko', tzOffset: 540 },
  { name: 'Packetgrove Networks', domain: 'packetgrove.net', mailHost: 'smtp-out', kind: 'vendor', lang: 'en', tzOffset: -420 },
  { name: '도담오피스', domain: 'dodam-office.co.kr', mailHost: 'mail', kind: 'vendor', lang: 'ko', tzOffset: 540 },
  { name: 'Fernlight Legal', domain: 'fernlight-legal.sg', mailHost: 'mx-out', kind: 'vendor', lang: 'en', tzOffset: 480 },
  { name: 'TaskHarbor', domain: 'taskharbor.io', mailHost: 'notify', kind: 'saas', lang: 'en', tzOffset: 0 },
  { name: 'PagerBell', domain: 'pagerbell.com', mailHost: 'alerts-mta', kind: 'saas', lang: 'en', tzOffset: -300 },
  { name: 'CodeNest', domain: 'codenest.dev', mailHost: 'out', kind: 'saas', lang: 'en', tzOffset: 0 },
  { name: 'Ledgerly', domain: 'ledgerly.app', mailHost: 'mailer', kind: 'saas', lang: 'en', tzOffset: 60 },
  { name: 'Signloop', domain: 'signloop.co', mailHost: 'mta', kind: 'saas', lang: 'en', tzOffset: -480 },
  { name: '워크데스크', domain: 'workdesk.co.kr', mailHost: 'noreply-mta', kind: 'saas', lang: 'ko', tzOffset: 540 },
  { name: 'Slatebook HR', domain: 'slatebook.co', mailHost: 'mta', kind: 'hr-saas', lang: 'en', tzOffset: 0 },
  { name: '피플링크', domain: 'peoplelink.co.kr', mailHost: 'mail', kind: 'hr-saas', lang: 'ko', tzOffset: 540 },
  { name: 'Chainpulse Weekly', domain: 'chainpulse.news', mailHost: 'send', kind: 'newsletter', lang: 'en', tzOffset: -300 },
  { name: '블록인사이트', domain: 'blockinsight.kr', mailHost: 'news', kind: 'newsletter', lang: 'ko', tzOffset: 540 },
  { name: 'Tokenomics Digest', domain: 'tokenomicsdigest.com', mailHost: 'mail', kind: 'newsletter', lang: 'en', tzOffset: 0 },
  { name: '핀레그 브리프', domain: 'finreg-brief.kr', mailHost: 'mail', kind: 'newsletter', lang: 'ko', tzOffset: 540 },
  { name: 'Meetwell', domain: 'meetwell.io', mailHost: 'calendar-mta', kind: 'calendar', lang: 'en', tzOffset: 0 },
];

/** Well-known domains that legitimate mail links to. */
export const wellKnownLinks: readonly string[] = [
  'https://github.com/', 'https://docs.google.com/document/d/', 'https://www.notion.so/', 'https://zoom.us/j/',
  'https://support.microsoft.com/en-us/office', 'https://www.w3.org/TR/', 'https://developer.mozilla.org/en-US/docs/Web',
  'https://www.kisa.or.kr/', 'https://www.fsc.go.kr/',
];

/** Free-mail providers (commodity: never a campaign link on its own). */
export interface FreeMailProvider {
  domain: string;
  webmailHost: string;
  smtpHost: string;
  ipPrefix: string;
  /** Shape of the Message-IDs its webmail writes. */
  messageIdStyle: 'gmail' | 'outlook' | 'uuid';
}

export const freeMailProviders: readonly FreeMailProvider[] = [
  { domain: 'gmail.com', webmailHost: 'mail.google.com', smtpHost: 'mail-sor-f41.google.com', ipPrefix: '209.85.220', messageIdStyle: 'gmail' },
  { domain: 'outlook.com', webmailHost: 'outlook.live.com', smtpHost: 'EUR05-DB8-obe.outbound.protection.outlook.com', ipPrefix: '40.92.48', messageIdStyle: 'outlook' },
  { domain: 'naver.com', webmailHost: 'mail.naver.com', smtpHost: 'cvsmtppost011.nm.naver.com', ipPrefix: '125.209.238', messageIdStyle: 'uuid' },
];

/** URL shorteners (commodity). */
export const urlShorteners: readonly string[] = ['bit.ly', 'tinyurl.com', 'is.gd', 'cutt.ly'];
