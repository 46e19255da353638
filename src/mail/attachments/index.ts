export { analyzeAttachment } from './analyze.js';
export { detectType } from './magic.js';
export { DEFAULT_ATTACHMENT_LIMITS, resolveLimits } from './limits.js';
export { findPasswordsInText } from './password.js';
export { SEVERITY_RANK } from './report.js';
export { readZipDirectory, type ZipDirectory, type ZipEntry } from './zip.js';
export { readCfb, type Cfb, type CfbEntry, type CfbResult } from './cfb.js';
export type {
  AnalyzeContext, ArchiveMember, AttachmentAnalysis, AttachmentFinding, AttachmentInput, AttachmentLimits, Severity,
} from './types.js';
