/** What every campaign generator returns: its mailings plus the facts the ground truth needs. */
import type { Mailing } from './envelope.js';
import type { CampaignTruth, Infrastructure } from './types.js';
import { sha256Hex } from '../core/index.js';
import type { Attachment } from './attachments.js';

export interface AttemptMeta {
  id: string;
  campaignId: string;
  sender: string;
  subject: string;
  techniques: string[];
  attachments: { filename: string; sha256: string; kind: string }[];
  linkHosts: string[];
}

export interface CampaignBuild {
  id: string;
  name: string;
  kind: CampaignTruth['kind'];
  mailings: Mailing[];
  attempts: AttemptMeta[];
  infrastructure: Infrastructure[];
  sourceIps: string[];
  attribution: CampaignTruth['attribution'];
}

/** Collects infrastructure per attempt, merging repeats. */
export class InfraCollector {
  private readonly items = new Map<string, Infrastructure>();

  add(type: Infrastructure['type'], value: string, attemptId: string, commodity = false): void {
    const key = `${type}\u0000${value}`;
    const item = this.items.get(key) ?? { type, value, attempts: [], commodity };
    if (!item.attempts.includes(attemptId)) item.attempts.push(attemptId);
    this.items.set(key, item);
  }

  list(): Infrastructure[] {
    return [...this.items.values()];
  }
}

export function attachmentFacts(a: Attachment): { filename: string; sha256: string; kind: string } {
  return { filename: a.filename, sha256: sha256Hex(a.data), kind: a.kind };
}

/** Registrable-looking host of a URL (for truth only; the scanner does its own parsing). */
export function hostOf(url: string): string {
  return new URL(url).hostname;
}
