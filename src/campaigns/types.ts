/** The campaigns domain's shapes: per-message facts in, attempts and campaigns with evidence out. */

/** What clustering needs from one suspicious or malicious delivered message (derived from its report and bytes). */
export interface MessageFacts {
  /**
   * The stored message (one delivered copy: one organisation's) by its API id; what attempts list. Facts made
   * outside a store use the SHA-256.
   */
  id: string;
  sha256: string;
  org: string | null;
  /** ISO-8601 UTC: the message's Date, else when it was first scanned. */
  date: string;
  verdict: 'malicious' | 'suspicious' | 'clean';
  /** From address, lower-cased; `SELF_SENDER` when it equals the copy's own recipient. */
  sender: string;
  /** The raw From address (lower-cased) for display, null when there was none. */
  fromAddress: string | null;
  subject: string | null;
  /** The mailbox this copy was delivered to (Delivered-To / X-Original-To), else its To addresses. */
  recipients: string[];
  originatingIp: string | null;
  clientIp: string | null;
  /** Registrable domain of the From address, when the domain is the sender's own (not a mail service's). */
  senderDomain: string | null;
  /** True when the scanner found the From domain imitating an organisation or brand (an attacker registration). */
  senderLookalike: boolean;
  /** True when a submission hop recorded a client IP other than the originating one (webmail, free mail). */
  viaService: boolean;
  replyTo: string[];
  linkHosts: string[];
  attachments: string[];
  /** Attachment and archive-member SHA-256s (what links campaigns). */
  fileHashes: string[];
  lookalikeTargets: string[];
  btcAddresses: string[];
  xMailer: string | null;
  /** 64-bit SimHash of the normalised body text, 16 hex digits. */
  simhash: string;
  /** Normalised subject template (see docs/campaigns.md). */
  subjectKey: string;
}

export interface Attempt {
  id: string;
  /** sender + subject template + attachments: copies of one mailing share it. */
  key: string;
  sender: string;
  subject: string | null;
  firstSeen: string;
  lastSeen: string;
  /** Message ids (MessageFacts.id). */
  messages: string[];
  recipients: string[];
  organizations: string[];
  simhash: string;
}

/** One shared item behind a join. */
export interface LinkItem {
  type: LinkType;
  value: string;
  weight: number;
}

export type LinkType =
  | 'ip' | 'ip24' | 'sender-address' | 'lookalike-domain' | 'sender-domain' | 'reply-to-address' | 'reply-to-domain' | 'link-host'
  | 'link-domain' | 'attachment' | 'btc-address' | 'body' | 'x-mailer' | 'lookalike-target';

/** Evidence of one join between two attempts. */
export interface Join {
  a: string;
  b: string;
  weight: number;
  /** 0–100: how sure this join is (the strongest single link's confidence, lower for combinations of weak ones). */
  confidence: number;
  links: LinkItem[];
}

export interface InfraItem {
  type: string;
  value: string;
  attempts: string[];
}

export interface Campaign {
  id: string;
  name: string;
  attempts: Attempt[];
  joins: Join[];
  infrastructure: InfraItem[];
  firstSeen: string;
  lastSeen: string;
}

export interface Clustering {
  attempts: Attempt[];
  campaigns: Campaign[];
}

export interface AttributionEvidence {
  type: string;
  value: string;
  indicator: string;
  source: string;
  indicatorConfidence: number;
  tlp: string;
  intelCampaigns: string[];
  /** The weakest join needed to carry this indicator to every attempt (100 when the indicator is on all). */
  weakestJoin: number;
  detail: string;
}

export interface Attribution {
  actor: string;
  aliases: string[];
  confidence: number;
  evidence: AttributionEvidence[];
}

/** The `campaigns show --json` contract (issue 5). */
export interface CampaignView {
  id: string;
  name: string;
  attempts: number;
  messages: number;
  recipientCount: number;
  recipients: string[];
  organizationCount: number;
  organizations: string[];
  firstSeen: string;
  lastSeen: string;
  infrastructure: InfraItem[];
  attribution: { actor: string; confidence: number; evidence: AttributionEvidence[] }[];
  attemptList: { id: string; sender: string | null; subject: string | null; firstSeen: string; recipients: string[] }[];
  summary: string;
}
