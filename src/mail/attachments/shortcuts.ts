import { shorten } from './bytes.js';
import type { Scan } from './scan.js';

/**
 * Text shortcuts Windows acts on: Internet Shortcuts (.url) whose target is a file share or WebDAV path run
 * remote programs past SmartScreen (CVE-2024-21412 and kin); Shell Command Files (.scf) and library/search
 * connectors (.library-ms, .search-ms) with UNC paths leak the NTLM hash as soon as the folder is browsed;
 * Excel web queries (.iqy) pull remote content into Excel.
 */

const REMOTE_FILE = /^(file:|\\\\|\/\/)|\.(exe|scr|hta|js|jse|vbs|vbe|wsf|bat|cmd|ps1|lnk|cpl|msi|url|zip|iso)(\?|$)|search-ms:|ms-\w+:/i;

export function analyzeShortcutText(s: Scan, text: string, type: string): void {
  const r = s.report;
  if (type === 'url-shortcut') {
    const url = /^URL\s*=\s*(.+)$/im.exec(text)?.[1]?.trim() ?? '';
    const icon = /^IconFile\s*=\s*(.+)$/im.exec(text)?.[1]?.trim() ?? '';
    if (/^https?:\/\//i.test(url)) s.budget.addUrl(url);
    const remote = REMOTE_FILE.test(url) || /^\\\\/.test(icon);
    // A shortcut to a web page is how people shared links before chat (it is in the ham corpus); its URL
    // goes to the link checks. One that opens a share, WebDAV path or program is the attack.
    r.find('url-shortcut', remote ? 'critical' : 'low', remote
      ? 'Internet Shortcut opens a file from a remote share or runs a program (SmartScreen bypass / credential leak).'
      : 'Internet Shortcut attached: opens the link in the browser when double-clicked.', shorten(url || icon));
    return;
  }
  if (type === 'iqy') {
    const url = /^(?:https?|ftp):\/\/\S+/im.exec(text)?.[0] ?? '';
    if (url !== '') s.budget.addUrl(url);
    r.find('iqy', 'medium', 'Excel web query (.iqy): Excel fetches and runs content from the URL when opened.', shorten(url));
    return;
  }
  const unc = /\\\\[A-Za-z0-9.-]+\\[^\s"<>]*/.exec(text)?.[0] ?? /<url>\s*([^<]{1,300})<\/url>/i.exec(text)?.[1] ?? '';
  const what = type === 'scf' ? 'Shell Command File' : 'Library/search connector';
  r.find('ntlm-leak', unc !== '' ? 'high' : 'medium', `${what} attached${unc !== '' ? ' pointing at a remote share: browsing the folder leaks the user\'s NTLM hash' : ''}.`, shorten(unc || type));
}

/**
 * CSV/text opened in Excel: a DDE formula (=cmd|' /C calc'!A0, =MSEXCEL|'\..\..\Windows\System32\cmd.exe'...)
 * runs a program. Only the formula shape counts, not any cell starting with "=".
 */
export function textFormulas(s: Scan, text: string): void {
  const m = /(?:^|[,;\t\n])\s*["']?[=+\-@][^\n,;]{0,60}?\|\s*'[^'\n]{0,300}'\s*!\s*[A-Za-z_$]*\d*/m.exec(text.slice(0, s.budget.limits.maxScanBytes));
  if (m !== null) s.report.find('dde', 'high', 'Text/CSV file holds a DDE formula that runs a program when opened in Excel.', shorten(m[0].trim(), 200));
}
