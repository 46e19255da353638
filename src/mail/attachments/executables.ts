import { latin1, shorten, u16, u32 } from './bytes.js';
import type { Scan } from './scan.js';

/** Executables and scripts: never legitimate as unsolicited mail attachments to an exchange's staff. */

export function analyzeExecutable(s: Scan, b: Uint8Array, type: string): void {
  let detail = type === 'pe' ? 'Windows executable' : type === 'elf' ? 'Linux/ELF executable' : 'macOS Mach-O executable';
  if (type === 'pe') {
    const peOff = u32(b, 0x3c) ?? 0;
    if (latin1(b, peOff, peOff + 4) === 'PE\u0000\u0000') {
      const chars = u16(b, peOff + 22) ?? 0;
      const magic = u16(b, peOff + 24) ?? 0;
      const dataDirs = peOff + 24 + (magic === 0x20b ? 112 : 96);
      const clr = u32(b, dataDirs + 14 * 8) ?? 0;
      detail = `Windows ${(chars & 0x2000) !== 0 ? 'DLL' : 'executable'}${magic === 0x20b ? ' (64-bit)' : ''}${clr !== 0 ? ' (.NET)' : ''}`;
    } else detail = 'DOS/Windows executable (MZ)';
  }
  s.report.find('executable', 'high', `${detail} attached.`, type);
}

const SCRIPT_NAMES: Readonly<Record<string, string>> = {
  js: 'JScript', jse: 'encoded JScript', vbs: 'VBScript', vbe: 'encoded VBScript', wsf: 'Windows Script File',
  hta: 'HTML Application', ps1: 'PowerShell script', bat: 'batch script', sct: 'COM scriptlet',
};

export function analyzeScript(s: Scan, text: string, type: string): void {
  const r = s.report;
  const sample = text.slice(0, s.budget.limits.maxScanBytes);
  const hint = /(powershell[^\n]{0,120}|-enc(?:odedcommand)?\s+[A-Za-z0-9+/=]{20,}|mshta[^\n]{0,120}|WScript\.Shell[^\n]{0,80}|ActiveXObject\([^)]{0,80}\)|certutil[^\n]{0,80}|bitsadmin[^\n]{0,80}|Invoke-WebRequest[^\n]{0,80}|DownloadString[^\n]{0,80})/i.exec(sample)?.[1];
  r.find('script', 'high', `${SCRIPT_NAMES[type] ?? 'Script'} attached: runs with the user's rights when opened on Windows.`, shorten(hint ?? type), 'script');
  if (type === 'jse' || type === 'vbe' || /#@~\^/.test(sample.slice(0, 65536))) r.find('script-encoded', 'high', 'Script is obfuscated with Microsoft Script Encoder.', '#@~^');
  for (const u of sample.match(/https?:\/\/[^\s"'<>()`|]{3,300}/gi) ?? []) s.budget.addUrl(u);
}
