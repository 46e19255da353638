/** Threat-intel domain: import, store, match and export indicators, actors, campaigns and sightings. */
export { INTEL_LIMITS } from './limits.js';
export { TLP_LEVELS, isTlp, parseTlp, maxTlp, tlpRank, type Tlp } from './tlp.js';
export {
  INDICATOR_TYPES, isIndicatorType, detectValue, normaliseValue, normaliseDomain, normaliseUrl, normaliseEmail, domainChain,
  type IndicatorType, type TypedValue, type NormaliseOptions,
} from './values.js';
export { chainBtc, type BtcNormaliser } from './btc.js';
export { actorKey } from './actors.js';
export { parsePattern } from './stix/pattern-parser.js';
export { PatternSyntaxError } from './stix/pattern-lexer.js';
export { extractAtoms } from './stix/pattern-atoms.js';
export { evaluatePattern, type Sco } from './stix/pattern-eval.js';
export type { ObservationNode, ComparisonNode } from './stix/pattern-ast.js';
export { importIntelFile, parseIntelFile, type ImportOptions, type FormatOption } from './import/index.js';
export { writeBatch } from './store/writer.js';
export { loadMatcher, Matcher, recordSightings, type IntelMatch, type Observable, type MatchStatus, type MatcherOptions } from './match/matcher.js';
export type { MatchVia, Hit } from './match/intel-index.js';
export { emptyBatch, type ImportReport, type IntelBatch, type ImportFormat, type IndicatorRecord, type ActorRecord, type MalwareRecord } from './types.js';
export { exportStixBundle, orgIdentityId, type ExportOptions, type ExportSummary } from './export/stix-export.js';
export { listActors, resolveActorName, lookupValues, type ActorView, type ActorResolution, type LookupResult, type LookupMatch } from './query.js';
