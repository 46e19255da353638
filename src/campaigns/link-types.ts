import type { LinkType } from './types.js';

/** The join threshold: links shared by two attempts must weigh this much together. */
export const JOIN_THRESHOLD = 1.0;

export interface LinkTypeSpec {
  weight: number;
  /** 0–100: how much one such link alone is worth as evidence (used for attribution's weakest link). */
  confidence: number;
  /** The infrastructure type shown in campaign views (STIX-like names, as in the demo's ground truth). */
  infraType: string;
  reason: string;
}

/** Weights and reasons (docs/campaigns.md keeps the same table). */
export const LINK_TYPES: Readonly<Record<LinkType, LinkTypeSpec>> = {
  ip: { weight: 1.0, confidence: 90, infraType: 'ipv4-addr', reason: 'the same sending machine (originating or client IP)' },
  ip24: { weight: 0.4, confidence: 40, infraType: 'ipv4-net', reason: 'the same /24: attackers rotate within a rented range, but neighbours are often strangers' },
  'sender-address': { weight: 1.0, confidence: 90, infraType: 'email-addr', reason: 'the same attacker-held mailbox (a free-mail account or one on a look-alike domain)' },
  'lookalike-domain': { weight: 1.0, confidence: 85, infraType: 'domain', reason: 'the same look-alike sending domain: registered by the attacker' },
  'sender-domain': { weight: 0.6, confidence: 60, infraType: 'domain', reason: 'the same ordinary sending domain: often a compromised small business that several crews abuse' },
  'reply-to-address': { weight: 1.0, confidence: 90, infraType: 'email-addr', reason: 'answers go to the same mailbox' },
  'reply-to-domain': { weight: 1.0, confidence: 85, infraType: 'domain', reason: 'answers go to the same attacker domain' },
  'link-host': { weight: 0.8, confidence: 75, infraType: 'url-host', reason: 'the same phishing or staging host' },
  'link-domain': { weight: 0.6, confidence: 60, infraType: 'domain', reason: 'link hosts under the same registrable domain' },
  attachment: { weight: 1.0, confidence: 95, infraType: 'file-sha256', reason: 'the same file (attachment or archive member)' },
  'btc-address': { weight: 1.0, confidence: 95, infraType: 'btc-address', reason: 'payment to the same wallet' },
  body: { weight: 0.6, confidence: 50, infraType: 'body-simhash', reason: 'a near-duplicate body: a reused lure (templates are shared, so not alone)' },
  'x-mailer': { weight: 0.4, confidence: 40, infraType: 'x-mailer', reason: 'the same unusual mailer: a tooling fingerprint' },
  'lookalike-target': { weight: 0.3, confidence: 30, infraType: 'lookalike-target', reason: 'the same imitated organisation or brand (many crews imitate the same one)' },
};

/** Link types that are views of an item already shown elsewhere, not infrastructure of their own. */
export const NOT_INFRASTRUCTURE: ReadonlySet<LinkType> = new Set(['ip24', 'body', 'lookalike-target']);
