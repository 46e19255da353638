import { latin1, shorten, u16, u32, utf16le } from './bytes.js';
import type { Scan } from './scan.js';

/**
 * Windows shortcuts (MS-SHLLINK). Kimsuky and others mail .lnk files (often inside zip/iso) whose arguments
 * run PowerShell or mshta; the target is what matters, the icon is a decoy (a PDF or HWP icon).
 */

export const LOLBIN = /\b(powershell|pwsh|mshta|cmd|wscript|cscript|rundll32|regsvr32|certutil|bitsadmin|msiexec|forfiles|conhost|schtasks|wmic|curl|hh|cmstp|msbuild|installutil|regasm|odbcconf|scriptrunner|finger|ftp)(\.exe)?\b/i;

export interface LnkInfo {
  flags: number;
  showCommand: number;
  target: string | null;
  name: string | null;
  relativePath: string | null;
  workingDir: string | null;
  arguments: string | null;
  iconLocation: string | null;
  envTarget: string | null;
  idListStrings: string[];
  /** Byte length of the shortcut (through its terminal block), for carving. */
  end: number;
}

function cstring(b: Uint8Array, p: number, max = 1024): string | null {
  if (p <= 0 || p >= b.length) return null;
  let e = p;
  while (e < b.length && e - p < max && b[e] !== 0) e++;
  return latin1(b, p, e);
}

function printableRuns(b: Uint8Array): string[] {
  const out: string[] = [];
  const a = latin1(b).match(/[\x20-\x7e]{5,}/g) ?? [];
  const w = utf16le(b).match(/[\x20-\x7e\u00a0-\ud7ff]{5,}/g) ?? [];
  for (const x of [...a, ...w]) if (out.length < 32) out.push(x);
  return out;
}

export function parseLnk(b: Uint8Array): LnkInfo | null {
  if (b.length < 76) return null;
  const flags = u32(b, 0x14) ?? 0;
  const info: LnkInfo = {
    flags, showCommand: u32(b, 0x3c) ?? 1, target: null, name: null, relativePath: null, workingDir: null,
    arguments: null, iconLocation: null, envTarget: null, idListStrings: [], end: b.length,
  };
  let p = 76;
  if (flags & 0x1) {
    const size = u16(b, p) ?? 0;
    info.idListStrings = printableRuns(b.subarray(p + 2, p + 2 + size));
    p += 2 + size;
  }
  if (flags & 0x2) {
    const size = u32(b, p) ?? 0;
    const headerSize = u32(b, p + 4) ?? 0;
    const localBase = u32(b, p + 16) ?? 0;
    if (size >= 28 && p + size <= b.length) {
      const li = b.subarray(p, p + size);
      if (headerSize >= 0x24) {
        const uni = u32(li, 28) ?? 0;
        if (uni > 0 && uni < li.length) info.target = utf16le(li, uni, li.length).split('\u0000')[0] ?? null;
      }
      if (info.target === null && localBase > 0) info.target = cstring(li, localBase);
      // Network targets (\\host\share\payload.exe, WebDAV): CommonNetworkRelativeLink's NetName + suffix.
      const cnrl = u32(li, 20) ?? 0;
      if (info.target === null && cnrl > 0 && cnrl < li.length) {
        const net = cstring(li, cnrl + (u32(li, cnrl + 8) ?? 0));
        const suffix = cstring(li, u32(li, 24) ?? 0) ?? '';
        if (net !== null) info.target = suffix === '' ? net : `${net}\\${suffix}`;
      }
    }
    p += Math.max(4, size);
  }
  const unicode = (flags & 0x80) !== 0;
  const keys: (keyof LnkInfo)[] = [];
  if (flags & 0x4) keys.push('name');
  if (flags & 0x8) keys.push('relativePath');
  if (flags & 0x10) keys.push('workingDir');
  if (flags & 0x20) keys.push('arguments');
  if (flags & 0x40) keys.push('iconLocation');
  for (const k of keys) {
    const count = u16(b, p);
    if (count === undefined) break;
    const bytes = unicode ? count * 2 : count;
    const str = unicode ? utf16le(b, p + 2, p + 2 + bytes) : latin1(b, p + 2, p + 2 + bytes);
    (info as unknown as Record<string, string | null>)[k] = str;
    p += 2 + bytes;
  }
  // ExtraData blocks: the environment-variable block holds the target as "%windir%\...\powershell.exe".
  for (let n = 0; n < 64 && p + 8 <= b.length; n++) {
    const size = u32(b, p) ?? 0;
    if (size < 8) break;
    if (u32(b, p + 4) === 0xa0000001 && size >= 788) {
      info.envTarget = utf16le(b, p + 8 + 260, p + 8 + 260 + 520).split('\u0000')[0] ?? null;
    }
    p += size;
  }
  info.end = Math.min(b.length, p + 4);
  return info;
}

export function analyzeLnk(s: Scan, b: Uint8Array): void {
  const r = s.report;
  const info = parseLnk(b);
  if (info === null) {
    r.find('lnk', 'high', 'Windows shortcut (.lnk): runs a command when opened.', 'truncated shortcut');
    r.parseError('truncated-lnk', 'Shortcut shorter than its header.');
    return;
  }
  const target = info.target ?? info.envTarget ?? info.relativePath ?? info.idListStrings.find((x) => /\.(exe|bat|cmd|ps1|vbs|js|hta|dll)\b/i.test(x)) ?? '';
  const args = info.arguments ?? '';
  const evidence = shorten(`${target} ${args.trim()}`.trim(), 300);
  r.find('lnk', 'high', 'Windows shortcut (.lnk): runs a command when opened; mailed shortcuts are almost always lures.', evidence || 'shell link header');
  const all = [target, info.envTarget ?? '', info.relativePath ?? '', args, ...info.idListStrings].join(' ');
  const lol = LOLBIN.exec(all);
  if (lol !== null) {
    r.find('lnk-lolbin', 'critical', `Shortcut launches ${lol[1]?.toLowerCase() ?? 'a system tool'} with arguments (living-off-the-land execution).`, evidence);
  }
  if (/^(\\\\|\/\/)/.test(target) || /^[a-z]+:\/\//i.test(target)) {
    r.find('lnk-remote-target', 'critical', 'Shortcut runs a program from a remote share or WebDAV server.', shorten(target));
  }
  if (/\s{64,}/.test(args)) {
    r.find('lnk-padded-arguments', 'high', 'Shortcut arguments are padded with whitespace to hide them in the properties dialog.', `${args.length} characters`);
  }
  if (info.showCommand === 7) r.flag('lnk-hidden-window');
  // Kimsuky-style shortcuts carry the decoy document and the payload after the link structure; the command
  // line carves them out of the .lnk itself. The trailing bytes are analysed as a member.
  const trailing = b.length - info.end;
  if (trailing > 4096) {
    r.find('lnk-appended-data', 'high', `Shortcut carries ${trailing} bytes after its link structure (embedded decoy or payload).`, `${trailing} bytes at offset ${info.end}`);
    if (s.canAddMember()) s.addMember({ path: `appended@${info.end}`, size: trailing, data: b.subarray(info.end) });
  }
  for (const u of args.match(/https?:\/\/[^\s"'<>()|]{3,300}/gi) ?? []) s.budget.addUrl(u);
}
