import { md5Hex, sha1Hex, sha256Hex } from '../../core/index.js';
import { analyzeArchiveOther } from './archives.js';
import { latin1, shorten } from './bytes.js';
import { analyzeProfile } from './profile.js';
import { analyzeOneNote } from './onenote.js';
import { analyzeShortcutText, textFormulas } from './shortcuts.js';
import { CfbError } from './cfb.js';
import { analyzeDiskImage } from './disk.js';
import { analyzeExecutable, analyzeScript } from './executables.js';
import { checkDeclared, checkName, checkNameOnly } from './filename.js';
import { analyzeHtml } from './html.js';
import { resolveLimits } from './limits.js';
import { analyzeLnk } from './lnk.js';
import { sniff } from './magic.js';
import { analyzeCfb } from './ole.js';
import { analyzePdf } from './pdf.js';
import { Budget, LimitExceeded, Report } from './report.js';
import { analyzeRtf } from './rtf.js';
import type { Scan } from './scan.js';
import type { AnalyzeContext, ArchiveMember, AttachmentAnalysis, AttachmentFinding, AttachmentInput } from './types.js';
import { analyzeZipFamily } from './zip-analyze.js';

interface NodeResult {
  detectedType: string;
  report: Report;
  members: ArchiveMember[];
}

const SCRIPT_TYPES = new Set(['js', 'jse', 'vbs', 'vbe', 'wsf', 'hta', 'ps1', 'bat', 'sct']);
const ZIP_TYPES = new Set(['zip', 'jar', 'docx', 'docm', 'xlsx', 'xlsm', 'pptx', 'pptm', 'ooxml', 'odf', 'hwpx']);
const CFB_TYPES = new Set(['cfb', 'doc', 'xls', 'ppt', 'msi', 'msg', 'hwp']);

function runAnalysers(s: Scan, data: Uint8Array, name: string | null): string {
  const sn = sniff(data, name ?? undefined, s.budget.limits);
  const t = sn.type;
  if (sn.cfbError !== undefined) s.report.parseError(sn.cfbError, `Compound file could not be read: ${sn.cfbError}.`);
  if (ZIP_TYPES.has(t) && sn.zip !== undefined) analyzeZipFamily(s, data, sn.zip, t);
  else if (CFB_TYPES.has(t) && sn.cfb !== undefined) analyzeCfb(s, sn.cfb, t);
  else if (t === 'hwp') s.report.find('hwp-legacy', 'low', 'HWP 3.x document (pre-compound format); contents not analysed.', 'HWP Document File V3');
  else if (t === 'pdf') analyzePdf(s, data);
  else if (t === 'html' || t === 'svg' || t === 'hta') analyzeHtml(s, sn.text ?? '', t);
  else if (t === 'rtf') analyzeRtf(s, data);
  else if (t === 'lnk') analyzeLnk(s, data);
  else if (['iso', 'udf', 'img', 'vhd', 'vhdx'].includes(t)) analyzeDiskImage(s, data, t);
  else if (['gzip', 'tar', 'rar', '7z', 'cab', 'bzip2', 'xz'].includes(t)) analyzeArchiveOther(s, data, t);
  else if (['pe', 'elf', 'macho'].includes(t)) analyzeExecutable(s, data, t);
  else if (t === 'chm') s.report.find('chm', 'high', 'Compiled HTML Help file: runs script and commands when opened.', 'ITSF header');
  else if (t === 'url-shortcut' || t === 'scf' || t === 'library-ms' || t === 'iqy') analyzeShortcutText(s, sn.text ?? '', t);
  else if (t === 'text') textFormulas(s, sn.text ?? '');
  else if (t === 'mobileconfig') analyzeProfile(s, sn.text ?? latin1(data, 0, s.budget.limits.maxScanBytes));
  else if (t === 'rpmsg') s.report.find('rpmsg', 'low', 'Rights-protected Outlook message: its content cannot be read here (used to send readers to credential pages).', 'rpmsg header');
  else if (t === 'onenote') analyzeOneNote(s, data);
  if (SCRIPT_TYPES.has(t)) analyzeScript(s, sn.text ?? '', t);
  return t;
}

function analyzeNode(data: Uint8Array, name: string | null, depth: number, budget: Budget): NodeResult {
  const report = new Report();
  const members: ArchiveMember[] = [];
  let detectedType = 'unknown';
  const scan: Scan = {
    budget,
    report,
    depth,
    filename: name,
    members,
    canAddMember: () => budget.members < budget.limits.maxMembers,
    addMember: (m) => {
      budget.members += 1;
      const member: ArchiveMember = {
        path: m.path, size: m.size, detectedType: 'unknown', sha256: null, sha1: null, md5: null,
        encrypted: m.encrypted ?? false, flags: [], members: [],
      };
      let data = m.data;
      if (data !== null && budget.analysed + data.length > budget.limits.maxTotalInflatedBytes * 2) {
        report.find('archive-limit', 'low', `Members beyond ${budget.limits.maxTotalInflatedBytes * 2} analysed bytes were listed, not analysed.`, `${shorten(m.path, 120)}: ${data.length} bytes`);
        data = null;
      }
      if (data !== null) budget.analysed += data.length;
      if (data === null) {
        const names = new Report();
        checkNameOnly(m.path, names);
        member.flags = [...names.flags].sort();
        for (const f of names.flags) report.flag(f);
        for (const f of names.findings) report.findings.push({ ...f, evidence: `${shorten(m.path, 120)}: ${f.evidence}` });
      } else {
        member.sha256 = sha256Hex(data);
        member.sha1 = sha1Hex(data);
        member.md5 = md5Hex(data);
        if (depth + 1 > budget.limits.maxDepth) {
          report.find('archive-limit', 'low', `Nesting deeper than ${budget.limits.maxDepth} levels was not analysed.`, `${shorten(m.path)}: depth ${depth + 1}`);
          // Below the limit we still know what it is and what it is called; only its insides go unread.
          try {
            member.detectedType = sniff(data.subarray(0, 65_536), m.path, budget.limits).type;
          } catch {
            member.detectedType = 'unknown';
          }
          const names = new Report();
          checkName(m.path.replace(/^.*[\\/]/, ''), member.detectedType, names);
          member.flags = [...names.flags].sort();
          for (const f of names.flags) report.flag(f);
          for (const f of names.findings) report.findings.push({ ...f, evidence: `${shorten(m.path, 120)}: ${f.evidence}` });
        } else {
          const child = analyzeNode(data, m.path, depth + 1, budget);
          member.detectedType = child.detectedType;
          member.members = child.members;
          member.flags = [...child.report.flags].sort();
          for (const f of child.report.flags) report.flag(f);
          for (const f of child.report.findings) report.findings.push({ ...f, evidence: `${shorten(m.path, 120)}: ${f.evidence}` });
        }
      }
      if (member.encrypted && !member.flags.includes('encrypted')) member.flags.push('encrypted');
      members.push(member);
      return member;
    },
  };
  try {
    detectedType = runAnalysers(scan, data, name);
  } catch (err) {
    if (err instanceof CfbError) {
      report.parseError(err.reason, `Compound file partly unreadable (${err.reason}).`);
    } else if (err instanceof LimitExceeded) {
      report.find(err.bomb ? 'zip-bomb' : 'archive-limit', err.bomb ? 'high' : 'low', `Analysis stopped: ${err.reason}.`, err.reason);
    } else {
      // A bug met on hostile bytes must not take the message down: name it and keep the rest of the result.
      const reason = err instanceof Error ? err.name : 'unknown';
      report.parseError(`internal-${reason.toLowerCase()}`, `Analyser failed on this content (${shorten(err instanceof Error ? err.message : String(err), 80)}).`);
    }
    if (detectedType === 'unknown') {
      try {
        detectedType = sniff(data, name ?? undefined, budget.limits).type;
      } catch {
        detectedType = 'unknown';
      }
    }
  }
  checkName(name === null ? null : name.replace(/^.*[\\/]/, ''), detectedType, report);
  return { detectedType, report, members };
}

const RANK: Record<AttachmentFinding['severity'], number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

/** Analyses one attachment. Synchronous, bounded, and never throws on hostile content. */
export function analyzeAttachment(input: AttachmentInput, ctx?: AnalyzeContext): AttachmentAnalysis {
  try {
    return analyzeUnguarded(input, ctx);
  } catch (err) {
    // Last line of defence (each analyser is already guarded): hashes and a named failure, never an exception.
    const c = input.content;
    return {
      filename: input.filename ?? null, declaredType: input.declaredType ?? null, detectedType: 'unknown', size: c.length,
      sha256: sha256Hex(c), sha1: sha1Hex(c), md5: md5Hex(c), flags: ['parse-error:internal'], members: [], urls: [],
      findings: [{ id: 'parse-error:internal', severity: 'low', detail: 'Attachment analysis failed.', evidence: shorten(err instanceof Error ? err.message : String(err), 120) }],
    };
  }
}

function analyzeUnguarded(input: AttachmentInput, ctx?: AnalyzeContext): AttachmentAnalysis {
  const limits = resolveLimits(ctx?.limits);
  const budget = new Budget(limits, ctx?.bodyText ?? '');
  const filename = input.filename ?? null;
  const content = input.content;
  const base = {
    filename,
    declaredType: input.declaredType ?? null,
    size: content.length,
    sha256: sha256Hex(content),
    sha1: sha1Hex(content),
    md5: md5Hex(content),
  };
  let node: NodeResult;
  if (content.length > limits.maxInputBytes) {
    const report = new Report();
    report.find('archive-limit', 'low', `Attachment larger than ${limits.maxInputBytes} bytes was hashed but not analysed.`, `${content.length} bytes`);
    let t = 'unknown';
    try {
      t = sniff(content.subarray(0, 64 * 1024), filename ?? undefined, limits).type;
    } catch {
      t = 'unknown';
    }
    checkName(filename, t, report);
    node = { detectedType: t, report, members: [] };
  } else {
    node = analyzeNode(content, filename, 0, budget);
  }
  checkDeclared(input.declaredType ?? null, node.detectedType, node.report);
  const findings = [...node.report.findings].sort((a, b) => RANK[b.severity] - RANK[a.severity]);
  return {
    ...base,
    detectedType: node.detectedType,
    flags: [...node.report.flags].sort(),
    members: node.members,
    findings,
    urls: budget.urls,
  };
}
