import { stixId } from '../ids.js';
import type { Tlp } from '../tlp.js';
import type { ActorRecord, IndicatorRecord, RelationshipRecord } from '../types.js';
import type { IndicatorType } from '../values.js';

/** Placeholder records never overwrite a real one: the earliest possible `modified`. */
export const PLACEHOLDER_TIME = '1970-01-01T00:00:00.000Z';

function quote(v: string): string {
  return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The STIX pattern for one atomic value (how non-STIX sources and exports express it). */
export function patternFor(type: IndicatorType, value: string): string {
  switch (type) {
    case 'ipv4':
    case 'cidr':
      return value.includes(':') ? `[ipv6-addr:value = ${quote(value)}]` : `[ipv4-addr:value = ${quote(value)}]`;
    case 'ipv6':
      return `[ipv6-addr:value = ${quote(value)}]`;
    case 'domain':
      return `[domain-name:value = ${quote(value)}]`;
    case 'url':
      return `[url:value = ${quote(value)}]`;
    case 'email':
      return `[email-addr:value = ${quote(value)}]`;
    case 'sha256':
      return `[file:hashes.'SHA-256' = ${quote(value)}]`;
    case 'sha1':
      return `[file:hashes.'SHA-1' = ${quote(value)}]`;
    case 'md5':
      return `[file:hashes.MD5 = ${quote(value)}]`;
    case 'btc-address':
    case 'eth-address':
      // OpenCTI's cryptocurrency-wallet observable: the de-facto interchange type for wallet addresses.
      return `[cryptocurrency-wallet:value = ${quote(value)}]`;
  }
}

export interface SimpleIndicator {
  source: string;
  type: IndicatorType;
  value: string;
  name: string | null;
  confidence: number | null;
  tlp: Tlp;
  validUntil: string | null;
  labels: string[];
  modified: string;
  description?: string | null;
}

/** An indicator for a source without STIX ids: the id derives from source, type and value (idempotent). */
export function simpleIndicator(s: SimpleIndicator): IndicatorRecord {
  return {
    stixId: stixId('indicator', `${s.source}|${s.type}|${s.value}`), source: s.source, name: s.name, description: s.description ?? null,
    pattern: patternFor(s.type, s.value), patternType: 'stix', patternKind: 'atomic', values: [{ type: s.type, value: s.value }],
    confidence: s.confidence, tlp: s.tlp, validFrom: null, validUntil: s.validUntil, revoked: false, labels: s.labels, firstSeen: null,
    lastSeen: null, created: s.modified, modified: s.modified,
  };
}

/** A reference to an actor by name from a source that only names it: a placeholder actor record plus a link. */
export function actorLink(indicator: IndicatorRecord, actorRef: string, actorName: string, source: string, tlp: Tlp): { actor: ActorRecord; rel: RelationshipRecord } {
  return {
    actor: { ref: actorRef, source, kind: 'name-reference', name: actorName, aliases: [], description: null, tlp, revoked: false, modified: PLACEHOLDER_TIME },
    rel: {
      id: stixId('relationship', `${indicator.stixId}|indicates|${actorRef}`), source, relationshipType: 'indicates', sourceRef: indicator.stixId,
      targetRef: actorRef, confidence: indicator.confidence, tlp, revoked: false, created: indicator.modified, modified: indicator.modified,
    },
  };
}
