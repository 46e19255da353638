/** The mail domain: message analysis (`analyzeMessage`), intake, storage and the scan runner. */
export type * from './types.js';
export { analyzeMessage, failureReport, finishReport, resolveOrg } from './analyze.js';
export { MAIL_LIMITS } from './limits.js';
export { parseMime } from './parse/mime.js';
export { RULES, RULES_VERSION, THRESHOLDS, type Rule } from './rules.js';
export { DEFAULT_BRANDS } from './brands.js';
export { intake, looksLikeMbox, type IntakeItem } from './intake/walk.js';
export { scanMessages, type ScanOptions, type ScanOutcome } from './scan.js';
export { AnalysisService, type ServiceRequest } from './pool/service.js';
export { messageIdSql, messageIdWhere, saveScan, senderDomainOf, StoredSenderHistory, type StoredRef } from './store/repo.js';
export { createResolver, type ResolverOptions } from './auth/resolver.js';
export { reasons, tableRow, TABLE_HEADERS } from './render/table.js';
export { flaggedObservables, type MessageObservable } from './store/observables.js';
