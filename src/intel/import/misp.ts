import { SpearwatchError } from '../../core/index.js';
import { stripAttackSuffix } from '../actors.js';
import { INTEL_LIMITS } from '../limits.js';
import type { Tlp } from '../tlp.js';
import { emptyBatch, type IntelBatch } from '../types.js';
import { isRecord } from './read.js';

/** MISP galaxies whose clusters are actors. */
const ACTOR_CATEGORIES = new Set(['actor']);
/** Galaxies of malware families, kept as malware with their synonyms. */
const MALWARE_GALAXIES = new Set(['malpedia', 'mitre-malware', 'android', 'banker', 'rat', 'ransomware', 'stealer', 'botnet', 'backdoor', 'exploit-kit']);
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * MISP galaxy cluster files: each cluster value becomes one actor record with its synonyms as aliases, kept
 * under the galaxy's name as source. Galaxies carry a version, not timestamps: a higher version replaces.
 */
export function parseMispGalaxy(doc: unknown, opts: { file: string; source?: string; tlp?: Tlp }): IntelBatch {
  if (!isRecord(doc) || !Array.isArray(doc.values) || typeof doc.type !== 'string') {
    throw new SpearwatchError('SW_INPUT_INVALID', `${opts.file}: not a MISP galaxy cluster file ("type" and "values" required)`);
  }
  if (doc.values.length > INTEL_LIMITS.objectsPerFile) {
    throw new SpearwatchError('SW_INPUT_TOO_LARGE', `${opts.file}: ${doc.values.length} clusters exceeds the limit of ${INTEL_LIMITS.objectsPerFile}`);
  }
  const source = opts.source ?? `misp-galaxy:${doc.type}`;
  const batch = emptyBatch(opts.file, 'misp-galaxy', source);
  batch.read = doc.values.length;
  const version = typeof doc.version === 'number' && Number.isFinite(doc.version) ? Math.max(0, Math.min(doc.version, 1e9)) : 0;
  // Versions map to monotonic timestamps so "newer modified replaces" holds across galaxy releases.
  const modified = new Date(Date.UTC(2000, 0, 1) + version * 1000).toISOString();
  const isActorGalaxy = ACTOR_CATEGORIES.has(String(doc.category)) || doc.type === 'threat-actor' || doc.type === 'mitre-intrusion-set';
  doc.values.forEach((v, i) => {
    if (!isRecord(v) || typeof v.value !== 'string' || typeof v.uuid !== 'string') {
      throw new SpearwatchError('SW_INPUT_INVALID', `${opts.file}: cluster ${i}: "value" and "uuid" must be strings`);
    }
    const meta = isRecord(v.meta) ? v.meta : {};
    const syn = meta.synonyms;
    if (syn !== undefined && (!Array.isArray(syn) || !syn.every((x) => typeof x === 'string'))) {
      throw new SpearwatchError('SW_INPUT_INVALID', `${opts.file}: cluster "${v.value}": meta.synonyms must be a list of strings`);
    }
    if (!isActorGalaxy) {
      if (MALWARE_GALAXIES.has(String(doc.type)) && UUID.test(v.uuid)) {
        // Cluster uuids are UUIDs, so the STIX id is derived directly and survives an export/import round trip.
        batch.malware.push({
          id: `malware--${v.uuid.toLowerCase()}`, source, name: v.value, aliases: ((syn) ?? []).slice(0, INTEL_LIMITS.aliasesPerActor),
          isFamily: true, tlp: opts.tlp ?? 'clear', revoked: false, created: modified, modified,
        });
      } else batch.skipped.push({ item: v.value, reason: `galaxy "${String(doc.type)}" (category ${String(doc.category)}) holds neither actors nor malware` });
      return;
    }
    const name = stripAttackSuffix(v.value);
    if (name === '') {
      batch.skipped.push({ item: v.uuid, reason: 'empty actor name' });
      return;
    }
    batch.actors.push({
      ref: `misp:${v.uuid}`, source, kind: `misp-${doc.type as string}`, name,
      aliases: ((syn) ?? []).slice(0, INTEL_LIMITS.aliasesPerActor),
      description: typeof v.description === 'string' ? v.description : null, tlp: opts.tlp ?? 'clear', revoked: false, modified,
    });
  });
  return batch;
}
