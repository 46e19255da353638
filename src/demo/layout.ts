/**
 * Where each delivered copy lives on disk, mixing the layouts an analyst receives: one exchange exports a
 * Maildir (cur/ and new/), one an mbox, the others loose .eml files. Maildir and mbox hold LF line endings
 * (as Unix delivery agents store them); .eml files keep the CRLF wire form.
 */
import type { Rng } from './rng.js';
import type { DemoOrg, ScenarioMessage } from './types.js';
import type { DeliveredCopy } from './envelope.js';
import { sha256Hex } from '../core/index.js';

export function toLf(raw: Buffer): Buffer {
  return Buffer.from(raw.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
}

function addresses(copy: DeliveredCopy): string[] {
  return [...copy.mailing.to, ...copy.mailing.cc].map((m) => m.address);
}

export function placeCopies(copies: readonly DeliveredCopy[], orgs: readonly DemoOrg[], rng: Rng): ScenarioMessage[] {
  const mboxIndex = new Map<string, number>();
  const lastDate = copies.reduce((max, c) => Math.max(max, c.mailing.date.getTime()), 0);
  return copies.map((copy, i) => {
    const id = `m${String(i + 1).padStart(5, '0')}`;
    const org = copy.org;
    const owner = orgs.find((o) => o.id === org.id) ?? org;
    let file: string;
    let index = 0;
    let raw = copy.raw;
    const t = copy.mailing.date;
    if (owner.layout === 'maildir') {
      raw = toLf(copy.raw);
      const unread = lastDate - t.getTime() < 5 * 86400000 || rng.chance(0.1);
      const base = `${Math.floor(t.getTime() / 1000)}.M${rng.int(100000, 999999)}P${rng.int(1000, 65000)}.${owner.store.host},S=${raw.length}`;
      file = unread ? `mail/${owner.id}/Maildir/new/${base}` : `mail/${owner.id}/Maildir/cur/${base}:2,S`;
    } else if (owner.layout === 'mbox') {
      raw = toLf(copy.raw);
      file = `mail/${owner.id}.mbox`;
      index = mboxIndex.get(file) ?? 0;
      mboxIndex.set(file, index + 1);
    } else {
      file = `mail/${owner.id}/${t.toISOString().slice(0, 10)}-${id}.eml`;
    }
    const m = copy.mailing;
    return {
      id, kind: m.kind, template: m.template, campaignId: m.campaignId, attemptId: m.attemptId, orgId: owner.id,
      deliveredTo: copy.recipient.address, recipients: addresses(copy), from: m.from.address, subject: m.subject,
      messageId: m.messageId, date: m.date.toISOString(), originatingIp: copy.originatingIp, clientIp: copy.clientIp,
      expectedVerdict: m.expectedVerdict, acceptableVerdicts: [...m.acceptableVerdicts], file, index, raw, sha256: sha256Hex(raw),
    };
  });
}
