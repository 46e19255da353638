import { SpearwatchError } from '../../core/index.js';
import { INTEL_LIMITS } from '../limits.js';
import type { Tlp } from '../tlp.js';
import { emptyBatch, type IntelBatch } from '../types.js';
import { normaliseValue, type NormaliseOptions } from '../values.js';
import { actorLink, PLACEHOLDER_TIME, simpleIndicator } from './common.js';
import { isRecord, isoTime } from './read.js';

/**
 * GraphSense confidence levels (tagpack-tool's confidence.yaml) as 0–100 scores, highest evidence first.
 */
const CONFIDENCE: Record<string, number> = {
  ownership: 100, authority_data: 90, forensic: 80, service_data: 70, manual_transaction: 60, heuristic: 50,
  web_crawl: 40, spam_data: 30, manual: 50, unknown: 20,
};

function confidenceOf(v: unknown): number | null {
  if (typeof v === 'number' && v >= 0 && v <= 100) return Math.round(v);
  if (typeof v === 'string') return CONFIDENCE[v] ?? null;
  return null;
}

export function actorRef(id: string): string {
  return `graphsense-actor:${id.toLowerCase()}`;
}

type Opts = NormaliseOptions & { file: string; source?: string; tlp?: Tlp; fallbackSource: string };

/** A TagPack: header fields apply to every tag unless the tag overrides them. */
export function parseTagpack(doc: unknown, opts: Opts): IntelBatch {
  if (!isRecord(doc) || !Array.isArray(doc.tags)) throw new SpearwatchError('SW_INPUT_INVALID', `${opts.file}: not a TagPack ("tags" list required)`);
  if (doc.tags.length > INTEL_LIMITS.objectsPerFile) {
    throw new SpearwatchError('SW_INPUT_TOO_LARGE', `${opts.file}: ${doc.tags.length} tags exceeds the limit of ${INTEL_LIMITS.objectsPerFile}`);
  }
  const source = opts.source ?? `graphsense:${opts.fallbackSource}`;
  const batch = emptyBatch(opts.file, 'tagpack', source);
  batch.read = doc.tags.length;
  const header = doc;
  const modified = isoTime(header.lastmod) ?? PLACEHOLDER_TIME;
  const tlp: Tlp = opts.tlp ?? 'clear';
  doc.tags.forEach((tag, i) => {
    if (!isRecord(tag) || typeof tag.address !== 'string') throw new SpearwatchError('SW_INPUT_INVALID', `${opts.file}: tag ${i}: "address" must be a string`);
    const get = (k: string): unknown => (tag[k] !== undefined ? tag[k] : header[k]);
    const cur = get('currency');
    const currency = typeof cur === 'string' ? cur.toUpperCase() : '';
    const type = currency === 'BTC' ? 'btc-address' : currency === 'ETH' ? 'eth-address' : null;
    if (type === null) {
      batch.skipped.push({ item: tag.address, reason: `currency "${currency || 'none'}" is not tracked` });
      return;
    }
    const value = normaliseValue(type, tag.address, opts);
    if (value === null) {
      batch.skipped.push({ item: tag.address, reason: `not a valid ${type}` });
      return;
    }
    const label = get('label');
    const labels = ['category', 'abuse'].map(get).filter((x): x is string => typeof x === 'string');
    const ind = simpleIndicator({
      source, type, value, name: typeof label === 'string' ? label : null, confidence: confidenceOf(get('confidence')), tlp,
      validUntil: null, labels, modified: isoTime(tag.lastmod) ?? modified,
      description: typeof get('source') === 'string' ? `source: ${get('source') as string}` : null,
    });
    batch.indicators.push(ind);
    const actor = get('actor');
    if (typeof actor === 'string' && actor.trim() !== '') {
      const link = actorLink(ind, actorRef(actor.trim()), actor.trim(), source, tlp);
      batch.actors.push(link.actor);
      batch.relationships.push(link.rel);
    }
  });
  return batch;
}

/** The GraphSense actorpack: actors with labels (the display name) and ids (what TagPacks reference). */
export function parseActorpack(doc: unknown, opts: Opts): IntelBatch {
  if (!isRecord(doc) || !Array.isArray(doc.actors)) throw new SpearwatchError('SW_INPUT_INVALID', `${opts.file}: not an actorpack ("actors" list required)`);
  if (doc.actors.length > INTEL_LIMITS.objectsPerFile) {
    throw new SpearwatchError('SW_INPUT_TOO_LARGE', `${opts.file}: ${doc.actors.length} actors exceeds the limit of ${INTEL_LIMITS.objectsPerFile}`);
  }
  const source = opts.source ?? `graphsense:${opts.fallbackSource}`;
  const batch = emptyBatch(opts.file, 'actorpack', source);
  batch.read = doc.actors.length;
  const modified = isoTime(doc.lastmod) ?? PLACEHOLDER_TIME;
  doc.actors.forEach((a, i) => {
    if (!isRecord(a) || (typeof a.id !== 'string' && typeof a.id !== 'number')) throw new SpearwatchError('SW_INPUT_INVALID', `${opts.file}: actor ${i}: "id" must be a string`);
    const id = String(a.id);
    const label = typeof a.label === 'string' && a.label.trim() !== '' ? a.label.trim() : id;
    const aliases = [id];
    const ctx = isRecord(a.context) ? a.context : {};
    if (Array.isArray(ctx.aliases)) for (const x of ctx.aliases) if (typeof x === 'string') aliases.push(x);
    const cats = Array.isArray(a.categories) ? a.categories.filter((x): x is string => typeof x === 'string') : [];
    batch.actors.push({
      ref: actorRef(id), source, kind: cats.length > 0 ? `graphsense:${cats.join(',')}` : 'graphsense', name: label,
      aliases: aliases.slice(0, INTEL_LIMITS.aliasesPerActor), description: typeof a.uri === 'string' ? a.uri : null,
      tlp: opts.tlp ?? 'clear', revoked: false, modified,
    });
  });
  return batch;
}
