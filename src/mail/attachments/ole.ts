import { latin1, shorten, u16, u32, utf16le } from './bytes.js';
import type { Cfb } from './cfb.js';
import { analyzeHwp } from './hwp.js';
import { analyzeMsg } from './msg.js';
import type { Scan } from './scan.js';
import { assessVba, findVbaProjects } from './vba.js';
import { decryptAgile } from './office-crypt.js';
import { findPasswordsInText, passwordInBody } from './password.js';

/** OLE/CFB documents: VBA projects, Excel 4.0 macro sheets, DDE fields in Word text, embedded packages. */

export function analyzeCfb(s: Scan, cfb: Cfb, type: string): void {
  const r = s.report;
  for (const w of new Set(cfb.warnings)) r.parseError(w, `Compound file partly unreadable (${w}).`);
  if (type === 'hwp') {
    analyzeHwp(s, cfb);
    return;
  }
  if (type === 'msg') {
    analyzeMsg(s, cfb);
    return;
  }
  if (type === 'msi') {
    r.find('executable', 'high', 'Windows Installer package: installs and runs programs.', `root CLSID ${cfb.rootClsid}`, 'executable');
    r.flag('msi');
    return;
  }
  vba(s, cfb);
  if (type === 'xls') xlm(s, cfb);
  if (type === 'doc') wordDde(s, cfb);
  embedded(s, cfb);
  if (cfb.entries.some((e) => e.name === 'EncryptionInfo' || e.name === 'EncryptedPackage')) encryptedOffice(s, cfb);
}

function vba(s: Scan, cfb: Cfb): void {
  const r = s.report;
  const projects = findVbaProjects(cfb, s.budget.limits.maxVbaSourceBytes, 256);
  const storageHint = cfb.entries.find((e) => /^(Macros|_VBA_PROJECT_CUR)$/i.test(e.name) || e.name.toUpperCase() === '_VBA_PROJECT');
  if (projects.length === 0 && storageHint === undefined) return;
  const names = projects.flatMap((p) => p.modules.map((m) => m.name));
  r.find('vba-macro', 'high', 'Document carries a VBA macro project.', shorten(`${projects[0]?.storage ?? storageHint?.path ?? 'VBA'}${names.length > 0 ? ` modules: ${names.join(', ')}` : ''}`));
  const v = assessVba(projects);
  for (const u of v.urls) s.budget.addUrl(u);
  if (v.autoexec !== null) r.find('vba-autoexec', 'high', `Macro runs automatically when the document opens (${v.autoexec}).`, v.autoexec);
  if (v.suspicious !== null) {
    const auto = v.autoexec !== null;
    r.find('vba-suspicious', auto ? 'critical' : 'high', `Macro ${auto ? 'auto-runs and ' : ''}uses ${v.suspicious} (executes commands or downloads).`, shorten(v.suspicious));
  }
}

/** BIFF8 BOUNDSHEET records: sheet type 1 is an Excel 4.0 macro sheet (XLM), a favourite of loaders. */
function xlm(s: Scan, cfb: Cfb): void {
  const wb = cfb.find('Workbook') ?? cfb.find('Book');
  if (wb === undefined) return;
  let data: Uint8Array;
  try {
    data = cfb.read(wb);
  } catch {
    return;
  }
  let p = 0;
  for (let n = 0; p + 4 <= data.length && n < 100_000; n++) {
    const id = u16(data, p) ?? 0;
    const len = u16(data, p + 2) ?? 0;
    if (id === 0x0085 && len >= 8) {
      const hidden = data[p + 4 + 4] ?? 0;
      const kind = data[p + 4 + 5] ?? 0;
      if (kind === 0x01) {
        s.report.find('xlm-macro', 'high', `Workbook contains an Excel 4.0 (XLM) macro sheet${hidden !== 0 ? ' (hidden)' : ''}.`, `BOUNDSHEET type 1 at ${p}`);
      }
    }
    if (id === 0x000a) break; // EOF of the globals substream: BOUNDSHEETs only live there
    p += 4 + len;
  }
}

function wordDde(s: Scan, cfb: Cfb): void {
  const wd = cfb.find('WordDocument');
  if (wd === undefined) return;
  let data: Uint8Array;
  try {
    data = cfb.read(wd);
  } catch {
    return;
  }
  const max = Math.min(data.length, s.budget.limits.maxScanBytes);
  // Field begin (0x13) followed by a DDE instruction, as 8-bit text or UTF-16LE.
  const texts = [latin1(data, 0, max), utf16le(data, 0, max), utf16le(data, 1, max)];
  for (const t of texts) {
    const m = /\u0013\s*(DDEAUTO|DDE)\s+([^\u0014\u0015]{0,200})/i.exec(t);
    if (m !== null) {
      s.report.find('dde', 'high', `Document has a ${m[1]?.toUpperCase() ?? 'DDE'} field that runs a command.`, shorten(m[0].replace(/\u0013/, ''), 200));
      return;
    }
  }
}

/** `\x01Ole10Native` packages carry a whole file (often a script or exe) inside the document. */
function embedded(s: Scan, cfb: Cfb): void {
  for (const e of cfb.entries) {
    if (e.type !== 'stream' || e.name !== '\u0001Ole10Native') continue;
    s.report.find('ole-object', 'medium', 'Document embeds an OLE package (a file the user is invited to open).', e.path);
    if (!s.canAddMember()) return;
    try {
      const b = cfb.read(e);
      const pkg = parseOle10Native(b);
      if (pkg !== null) s.addMember({ path: `${e.path.replace(/\u0001/g, '')}/${pkg.name}`, size: pkg.data.length, data: pkg.data });
    } catch {
      s.report.parseError('ole10native', 'Embedded package stream unreadable.');
    }
  }
  if (cfb.entries.some((e) => e.type === 'storage' && /^ObjectPool$/i.test(e.name) && cfb.entries.some((c) => c.path.startsWith(`${e.path}/`) && c.type === 'storage'))) {
    s.report.find('ole-object', 'medium', 'Document embeds OLE objects (ObjectPool).', 'ObjectPool');
  }
}

function cstr(b: Uint8Array, p: number): { s: string; next: number } | null {
  const end = b.indexOf(0, p);
  if (end < 0 || end - p > 1024) return null;
  return { s: latin1(b, p, end), next: end + 1 };
}

export function parseOle10Native(b: Uint8Array): { name: string; data: Uint8Array } | null {
  let p = 6; // total size u32 + type u16
  const label = cstr(b, p);
  if (label === null) return null;
  const path = cstr(b, label.next);
  if (path === null) return null;
  p = path.next + 4;
  const tmpLen = u32(b, p) ?? 0;
  p += 4 + tmpLen;
  const size = u32(b, p);
  if (size === undefined || p + 4 + size > b.length) return null;
  return { name: label.s || 'package', data: b.subarray(p + 4, p + 4 + size) };
}


/** Password-protected OOXML: decrypt with a password from the body when one fits, then analyse the package. */
function encryptedOffice(s: Scan, cfb: Cfb): void {
  const r = s.report;
  const candidates = findPasswordsInText(s.budget.bodyText);
  // "VelvetSweatshop" is Excel's built-in default: files "protected" with it open without a prompt.
  // Each try costs a full key derivation (100,000 SHA-512 rounds): at most four body candidates.
  const res = decryptAgile(cfb, ['VelvetSweatshop', ...candidates.slice(0, 4)], s.budget.inflateAllowance());
  if (!res.ok) {
    r.find('encrypted-document', 'medium', 'Password-protected Office document: its contents cannot be scanned.', `EncryptedPackage (${res.reason})`);
    passwordInBody(s, 'Office document');
    return;
  }
  s.budget.chargeInflate(res.package.length);
  if (res.password === 'VelvetSweatshop') {
    r.find('encrypted-document', 'medium', 'Office document encrypted with the default password (opens without a prompt, hides content from scanners); decrypted for analysis.', 'VelvetSweatshop');
  } else {
    r.find('encrypted-document', 'medium', 'Password-protected Office document; decrypted with the password from the mail body.', 'EncryptedPackage (agile)');
    r.find('document-password-in-body', 'high', 'Password-protected Office document whose password is given in the mail body: a way to get content past scanners; decrypted for analysis.',
      `password "${shorten(res.password, 40)}" (verified)`);
  }
  if (s.canAddMember()) s.addMember({ path: 'EncryptedPackage', size: res.package.length, data: res.package });
}
