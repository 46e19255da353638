/** The scenario's shapes: organisations, staff, messages and the ground truth an evaluator checks against. */
import type { Mailbox } from './mime/encode.js';

/** Exactly the `spearwatch org import` file entry. */
export interface OrgImport {
  id: string;
  name: string;
  domains: string[];
  authservId: string;
  trustedRelays: string[];
}

export interface Staff {
  id: string;
  orgId: string;
  /** Display name as the mail client shows it (Korean staff: Hangul). */
  name: string;
  /** Romanised name, also the local part's source. */
  latinName: string;
  address: string;
  role: string;
  team: string;
  lang: 'ko' | 'en';
}

export interface RelayHost {
  host: string;
  ip: string;
}

export interface DemoOrg extends OrgImport {
  /** Korean or English name, for mail bodies. */
  localName: string;
  country: 'KR' | 'SG' | 'HK' | 'JP';
  /** Minutes east of UTC for Date and Received timestamps. */
  tzOffset: number;
  staff: Staff[];
  /** Edge MX (receives from outside), submission host, and the mailbox host that stamps Authentication-Results. */
  mx: RelayHost;
  submission: RelayHost;
  store: RelayHost;
  /** The office network clients submit from (inside trustedRelays). */
  officeCidr: string;
  layout: 'maildir' | 'mbox' | 'eml';
}

export interface PartnerBrand {
  name: string;
  domains: string[];
}

export type MessageKind = 'benign' | 'spear-phishing' | 'unrelated-campaign' | 'mass-phishing' | 'extortion';
export type Verdict = 'clean' | 'suspicious' | 'malicious';

export interface ScenarioMessage {
  /** Stable id within the scenario (`m0001`), not present in the message itself. */
  id: string;
  kind: MessageKind;
  /** A short description of the template, e.g. `internal-memo-ko`, `vendor-invoice`, `hwp-eps`. */
  template: string;
  campaignId: string | null;
  attemptId: string | null;
  orgId: string;
  /** The mailbox this copy was delivered to. */
  deliveredTo: string;
  /** Everyone the mailing was addressed to (To and Cc as written). */
  recipients: string[];
  from: string;
  subject: string;
  messageId: string;
  date: string;
  /** The IP the org's edge received it from (first hop outside trustedRelays); null for internal mail. */
  originatingIp: string | null;
  /** The client IP a webmail or submission server recorded, when there is one. */
  clientIp: string | null;
  expectedVerdict: Verdict;
  /** Verdicts a correct scanner may give: benign only clean; the spear case only malicious; the rest also suspicious. */
  acceptableVerdicts: Verdict[];
  /** Where writeScenario puts it, relative to the output directory, and its position in an mbox (else 0). */
  file: string;
  index: number;
  /** The exact bytes as written to `file` (CRLF for .eml, LF inside mbox and Maildir). */
  raw: Buffer;
  sha256: string;
}

export interface AttemptTruth {
  id: string;
  campaignId: string;
  sender: string;
  subject: string;
  firstSeen: string;
  lastSeen: string;
  recipients: string[];
  organizations: string[];
  messageIds: string[];
  /** The scenario ids of the delivered copies. */
  messages: string[];
  techniques: string[];
  attachments: { filename: string; sha256: string; kind: string }[];
  linkHosts: string[];
}

export interface Infrastructure {
  type: 'ipv4-addr' | 'domain' | 'url-host' | 'email-addr' | 'file-sha256' | 'url-shortener' | 'free-mail' | 'x-mailer';
  value: string;
  /** Attempt ids that use it. */
  attempts: string[];
  /** Commodity infrastructure (shorteners, free mail) must never join campaigns on its own. */
  commodity: boolean;
}

export interface CampaignTruth {
  id: string;
  name: string;
  kind: Exclude<MessageKind, 'benign'>;
  attempts: AttemptTruth[];
  messageCount: number;
  recipients: string[];
  organizations: string[];
  sourceIps: string[];
  firstSeen: string;
  lastSeen: string;
  infrastructure: Infrastructure[];
  /** Commodity infrastructure this campaign shares with other campaigns (and which must not merge them). */
  sharedWithOtherCampaigns: { campaignId: string; type: Infrastructure['type']; value: string }[];
  attribution: { actor: string; aliases: string[]; via: string }[];
  /** The police statement this campaign should produce. */
  summary: string;
}

export interface NoiseOptions {
  /** Extra spear-phishing attempts on top of the default (≥ 10 in all). */
  extraAttempts?: number;
  /** A second unrelated campaign (own infrastructure, shares the shortener and the free-mail provider). */
  extraUnrelatedCampaign?: boolean;
  /** Number of mass-phishing mailings (default 2). */
  massMailings?: number;
  /** Spread of the campaign in days (default 56). */
  campaignDays?: number;
}

export interface ScenarioOptions {
  seed: number;
  /** ISO date the scenario begins (default 2026-07-01). */
  start?: string;
  /** Delivered benign messages (default 320). */
  benignCount?: number;
  noise?: NoiseOptions;
}

export interface ScenarioTruth {
  seed: number;
  start: string;
  end: string;
  attackerIp: string;
  actor: { name: string; aliases: string[] };
  counts: Record<MessageKind, number> & { total: number };
  campaigns: CampaignTruth[];
  /** The checksum-valid address the extortion mail demands payment to. */
  extortionBtcAddress: string;
  messages: Omit<ScenarioMessage, 'raw'>[];
}

export interface Scenario {
  seed: number;
  start: string;
  /** Exactly the `spearwatch org import` entries (write them with JSON.stringify). */
  orgs: OrgImport[];
  /** The same four organisations with everything the generator knows: staff, relays, layout. */
  exchanges: DemoOrg[];
  partners: PartnerBrand[];
  messages: ScenarioMessage[];
  stix: StixBundle;
  truth: ScenarioTruth;
}

export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: Record<string, unknown>[];
}

export type { Mailbox };
