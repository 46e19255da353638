import { shorten } from './bytes.js';
import type { Report } from './report.js';

/** Name tricks: bidi controls that reverse what the user sees, decoy double extensions, name/content mismatch. */

// U+202A..U+202E embeddings/overrides, U+2066..U+2069 isolates, LRM/RLM and the Arabic letter mark.
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

export const DANGEROUS_EXT = new Set([
  'exe', 'scr', 'com', 'pif', 'cpl', 'dll', 'msi', 'msp', 'msc', 'bat', 'cmd', 'ps1', 'psm1', 'vbs', 'vbe', 'js',
  'jse', 'wsf', 'wsh', 'hta', 'lnk', 'iso', 'img', 'vhd', 'vhdx', 'chm', 'jar', 'reg', 'scf', 'sct', 'appx',
  'msix', 'appinstaller', 'application', 'gadget', 'hlp', 'inf', 'xll', 'url', 'library-ms', 'search-ms', 'settingcontent-ms', 'one',
]);

const DECOY_EXT = new Set([
  'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'hwp', 'hwpx', 'txt', 'rtf', 'jpg', 'jpeg', 'png', 'gif',
  'bmp', 'mp3', 'mp4', 'avi', 'wav', 'zip', 'rar', '7z', 'csv', 'htm', 'html', 'odt', 'ods', 'xml', 'eml', 'msg',
]);

/** Types each extension may legitimately hold (anything else is a mismatch). */
const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  pdf: ['pdf'], doc: ['doc', 'rtf', 'html', 'docx', 'docm', 'text'], dot: ['doc', 'rtf'], docx: ['docx', 'ooxml'],
  docm: ['docm', 'docx', 'ooxml'], dotm: ['docm', 'ooxml'], xls: ['xls', 'html', 'text', 'xlsx', 'xlsm'],
  xlsx: ['xlsx', 'ooxml'], xlsm: ['xlsm', 'xlsx', 'ooxml'], ppt: ['ppt'], pptx: ['pptx', 'ooxml'], pptm: ['pptm', 'pptx', 'ooxml'],
  hwp: ['hwp'], hwpx: ['hwpx', 'zip'], rtf: ['rtf'], zip: ['zip', 'jar', 'docx', 'xlsx', 'pptx', 'ooxml'],
  rar: ['rar'], '7z': ['7z'], gz: ['gzip'], tgz: ['gzip'], tar: ['tar'], cab: ['cab'], iso: ['iso', 'udf'],
  img: ['img', 'iso', 'udf', 'unknown'], vhd: ['vhd'], vhdx: ['vhdx'], lnk: ['lnk'], chm: ['chm'], exe: ['pe'],
  dll: ['pe'], scr: ['pe'], msi: ['msi'], png: ['png'], jpg: ['jpeg'], jpeg: ['jpeg'], gif: ['gif'], bmp: ['bmp'],
  webp: ['webp'], txt: ['text', 'empty'], csv: ['text', 'empty'], ics: ['ics'], htm: ['html', 'svg', 'text'],
  html: ['html', 'svg', 'text'], svg: ['svg', 'html'], one: ['onenote'], jar: ['jar', 'zip'], odt: ['odf'], ods: ['odf'],
};

const DANGEROUS_TYPES = new Set(['pe', 'elf', 'macho', 'msi', 'lnk', 'js', 'jse', 'vbs', 'vbe', 'wsf', 'hta', 'ps1', 'bat', 'chm', 'jar']);

export function extensions(name: string): string[] {
  const base = name.replace(/^.*[\\/]/, '');
  const parts = base.split('.');
  parts.shift();
  return parts.map((p) => p.trim().toLowerCase()).filter((p) => p.length > 0 && p.length <= 16);
}

export function lastExtension(name: string | null | undefined): string {
  if (name === null || name === undefined) return '';
  const e = extensions(name.replace(BIDI, ''));
  return e[e.length - 1] ?? '';
}

export function checkName(name: string | null, detectedType: string, r: Report): void {
  if (name === null || name.length === 0) return;
  const bidi = name.match(BIDI);
  const visible = name.replace(BIDI, '');
  if (bidi !== null) {
    // What Explorer shows: the text after the override is rendered reversed, so "inv\u202Efdp.exe" reads "invexe.pdf".
    const i = name.search(BIDI);
    const shown = name.slice(0, i) + [...name.slice(i).replace(BIDI, '')].reverse().join('');
    r.find('rtlo-filename', 'high', `File name contains bidirectional control characters; it displays as "${shorten(shown, 80)}" but is really "${shorten(visible, 80)}".`,
      shorten(name.replace(BIDI, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`)));
  }
  const exts = extensions(visible);
  const last = exts[exts.length - 1] ?? '';
  const prev = exts[exts.length - 2];
  const padded = /\s{3,}\.[A-Za-z0-9]{1,8}\s*$/.test(visible) || /[_\s]{6,}\.[A-Za-z0-9]{1,8}\s*$/.test(visible);
  if (DANGEROUS_EXT.has(last) && ((prev !== undefined && DECOY_EXT.has(prev)) || padded)) {
    r.find('double-extension', 'high', `File name pairs a decoy extension with the executable extension ".${last}".`, shorten(visible));
  }
  const expected = EXPECTED[last];
  if (expected !== undefined && !expected.includes(detectedType) && detectedType !== 'empty' && detectedType !== 'unknown') {
    const severe = DANGEROUS_TYPES.has(detectedType);
    r.find('type-mismatch', severe ? 'high' : 'low', `Name says ".${last}" but the content is ${detectedType}.`, `${shorten(visible, 80)} => ${detectedType}`);
  } else if (expected === undefined && DANGEROUS_TYPES.has(detectedType) && last !== '' && !DANGEROUS_EXT.has(last)) {
    r.find('type-mismatch', 'high', `Name says ".${last}" but the content is ${detectedType}.`, `${shorten(visible, 80)} => ${detectedType}`);
  }
}

const NAME_ONLY: Readonly<Record<string, { flag: string; what: string }>> = {
  exe: { flag: 'executable', what: 'an executable' }, scr: { flag: 'executable', what: 'a screensaver executable' },
  com: { flag: 'executable', what: 'an executable' }, pif: { flag: 'executable', what: 'an executable' },
  dll: { flag: 'executable', what: 'a DLL' }, msi: { flag: 'executable', what: 'an installer' },
  cpl: { flag: 'executable', what: 'a control-panel DLL' }, jar: { flag: 'executable', what: 'a Java program' },
  js: { flag: 'script', what: 'a script' }, jse: { flag: 'script', what: 'a script' }, vbs: { flag: 'script', what: 'a script' },
  vbe: { flag: 'script', what: 'a script' }, wsf: { flag: 'script', what: 'a script' }, hta: { flag: 'script', what: 'an HTML application' },
  ps1: { flag: 'script', what: 'a script' }, bat: { flag: 'script', what: 'a script' }, cmd: { flag: 'script', what: 'a script' },
  lnk: { flag: 'lnk', what: 'a shortcut' }, chm: { flag: 'chm', what: 'a compiled help file' },
  iso: { flag: 'disk-image', what: 'a disk image' }, img: { flag: 'disk-image', what: 'a disk image' },
  vhd: { flag: 'disk-image', what: 'a disk image' }, vhdx: { flag: 'disk-image', what: 'a disk image' },
};

/** For members we cannot extract (encrypted, rar, over a limit): the name is all we have, and it still counts. */
export function checkNameOnly(name: string, r: Report): void {
  const base = name.replace(/^.*[\\/]/, '');
  checkName(base, 'unknown', r);
  const hit = NAME_ONLY[lastExtension(base)];
  if (hit !== undefined) {
    r.find(hit.flag, hit.flag === 'disk-image' ? 'medium' : 'high', `Archive member is named as ${hit.what} (content not extracted).`, shorten(base), hit.flag);
  }
}

/** Declared MIME types that promise a harmless document or image. */
const BENIGN_DECLARED = /^(application\/(pdf|msword|vnd\.(openxmlformats|ms-excel|ms-powerpoint|oasis)|rtf|x-hwp|haansofthwp|vnd\.hancom)|image\/|text\/(plain|csv|calendar)|audio\/|video\/)/i;

/** The sender's Content-Type promised a document or image but the bytes are a program or script. */
export function checkDeclared(declared: string | null, detectedType: string, r: Report): void {
  if (declared === null || !DANGEROUS_TYPES.has(detectedType)) return;
  const mime = declared.split(';')[0]?.trim() ?? '';
  if (BENIGN_DECLARED.test(mime)) {
    r.find('type-mismatch', 'high', `Declared as ${mime} but the content is ${detectedType}.`, `${shorten(mime, 80)} => ${detectedType}`);
  }
}
