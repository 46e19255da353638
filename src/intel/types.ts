import type { Tlp } from './tlp.js';
import type { IndicatorType } from './values.js';

/** Store-shaped records produced by every importer and written by store/writer.ts in one transaction. */

export interface IndicatorRecord {
  stixId: string;
  source: string;
  name: string | null;
  description: string | null;
  pattern: string;
  patternType: string;
  /** 'atomic' when `values` covers the whole pattern; 'complex' when it must be evaluated per message. */
  patternKind: 'atomic' | 'complex';
  values: { type: IndicatorType; value: string }[];
  confidence: number | null;
  tlp: Tlp;
  validFrom: string | null;
  validUntil: string | null;
  revoked: boolean;
  labels: string[];
  firstSeen: string | null;
  lastSeen: string | null;
  created: string;
  modified: string;
}

export interface ActorRecord {
  /** The source's own id for this record (STIX id, misp cluster uuid, graphsense actor id). */
  ref: string;
  source: string;
  kind: string;
  name: string;
  aliases: string[];
  description: string | null;
  tlp: Tlp;
  revoked: boolean;
  modified: string;
}

export interface CampaignRecord {
  id: string;
  source: string;
  name: string;
  description: string | null;
  aliases: string[];
  firstSeen: string | null;
  lastSeen: string | null;
  tlp: Tlp;
  revoked: boolean;
  created: string;
  modified: string;
}

export interface MalwareRecord {
  id: string;
  source: string;
  name: string;
  aliases: string[];
  isFamily: boolean;
  tlp: Tlp;
  revoked: boolean;
  created: string;
  modified: string;
}

export interface RelationshipRecord {
  id: string;
  source: string;
  relationshipType: string;
  sourceRef: string;
  targetRef: string;
  confidence: number | null;
  tlp: Tlp;
  revoked: boolean;
  created: string;
  modified: string;
}

export interface IdentityRecord {
  id: string;
  name: string;
  identityClass: string | null;
  modified: string;
}

export interface MarkingRecord {
  id: string;
  tlp: Tlp | null;
  name: string | null;
  modified: string;
}

export interface ObservedDataRecord {
  id: string;
  source: string;
  firstObserved: string | null;
  lastObserved: string | null;
  numberObserved: number | null;
  objects: string;
  tlp: Tlp;
  modified: string;
}

export interface Skip {
  /** The object (id, line, address) that was skipped. */
  item: string;
  reason: string;
}

/** Everything parsed from one file, ready to write. */
export interface IntelBatch {
  file: string;
  format: ImportFormat;
  source: string;
  read: number;
  indicators: IndicatorRecord[];
  actors: ActorRecord[];
  campaigns: CampaignRecord[];
  malware: MalwareRecord[];
  relationships: RelationshipRecord[];
  identities: IdentityRecord[];
  markings: MarkingRecord[];
  observedData: ObservedDataRecord[];
  skipped: Skip[];
  /** Non-fatal notes: values dropped from otherwise good indicators, unsafe regexes kept unevaluated. */
  warnings: Skip[];
  complexPatterns: number;
}

export type ImportFormat = 'stix' | 'misp-galaxy' | 'tagpack' | 'actorpack' | 'ofac' | 'csv';

export interface KindCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** Objects whose stored version has a newer `modified`: kept as stored. */
  older: number;
}

export interface ImportReport {
  file: string;
  format: ImportFormat;
  source: string;
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  byKind: Record<string, KindCounts>;
  complexPatterns: number;
  skippedReasons: Record<string, number>;
  skippedItems: Skip[];
  warnings: Skip[];
}

export function emptyBatch(file: string, format: ImportFormat, source: string): IntelBatch {
  return {
    file, format, source, read: 0, indicators: [], actors: [], campaigns: [], malware: [], relationships: [], identities: [],
    markings: [], observedData: [], skipped: [], warnings: [], complexPatterns: 0,
  };
}
