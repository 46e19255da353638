import { asciiAt, decodeText, startsWith, u32, u32be, utf8 } from './bytes.js';
import { CFB_MAGIC, readCfb, type Cfb, type CfbLimits } from './cfb.js';
import { fatVolumeOffset } from './fat.js';
import { DEFAULT_ATTACHMENT_LIMITS } from './limits.js';
import { entryDataRange, readZipDirectory, type ZipDirectory } from './zip.js';

/** True type from content. The name and the declared MIME type are never consulted except to split
 * plain text into script kinds (a .vbs and a .txt are both just text until Windows runs one of them). */

export interface Sniffed {
  type: string;
  zip?: ZipDirectory;
  cfb?: Cfb;
  cfbError?: string;
  text?: string;
}

const LNK_HEADER = [0x4c, 0, 0, 0, 0x01, 0x14, 0x02, 0, 0, 0, 0, 0, 0xc0, 0, 0, 0, 0, 0, 0, 0x46];
const ONENOTE = [0xe4, 0x52, 0x5c, 0x7b, 0x8c, 0xd8, 0xa7, 0x4d, 0xae, 0xb1, 0x53, 0x78, 0xd0, 0x29, 0x96, 0xd3];
const MSI_CLSIDS = new Set(['000C1084-0000-0000-C000-000000000046', '000C1086-0000-0000-C000-000000000046', '000C1082-0000-0000-C000-000000000046']);

const SCRIPT_EXT: Readonly<Record<string, string>> = {
  js: 'js', jse: 'jse', vbs: 'vbs', vbe: 'vbe', wsf: 'wsf', wsh: 'wsf', hta: 'hta', ps1: 'ps1', psm1: 'ps1',
  bat: 'bat', cmd: 'bat',
};

function extOf(name: string | undefined): string {
  if (name === undefined) return '';
  const m = /\.([A-Za-z0-9]{1,8})\s*$/.exec(name);
  return m?.[1]?.toLowerCase() ?? '';
}

function zipSubtype(b: Uint8Array, dir: ZipDirectory): string {
  const names = new Set(dir.entries.map((e) => e.name.replace(/\\/g, '/').toLowerCase()));
  const has = (n: string): boolean => names.has(n);
  const mimeEntry = dir.entries.find((e) => e.name === 'mimetype');
  if (mimeEntry !== undefined && mimeEntry.method === 0 && mimeEntry.size < 200) {
    const r = entryDataRange(b, mimeEntry);
    const mime = r === null ? '' : utf8(b, r.start, r.end).trim();
    if (mime.startsWith('application/hwp')) return 'hwpx';
    if (mime.startsWith('application/vnd.oasis.opendocument')) return 'odf';
  }
  if (has('contents/header.xml') && [...names].some((n) => n.startsWith('contents/section'))) return 'hwpx';
  const macro = [...names].some((n) => n.endsWith('vbaproject.bin'));
  if (has('word/document.xml') || [...names].some((n) => /^word\/document\d*\.xml$/.test(n))) return macro ? 'docm' : 'docx';
  if (has('xl/workbook.xml') || has('xl/workbook.bin')) return macro ? 'xlsm' : 'xlsx';
  if (has('ppt/presentation.xml')) return macro ? 'pptm' : 'pptx';
  if (has('[content_types].xml')) return 'ooxml';
  if (has('meta-inf/manifest.mf') || [...names].some((n) => n.endsWith('.class'))) return 'jar';
  return 'zip';
}

function cfbSubtype(cfb: Cfb): string {
  if (MSI_CLSIDS.has(cfb.rootClsid)) return 'msi';
  const top = new Set(cfb.entries.filter((e) => !e.path.includes('/')).map((e) => e.name.toLowerCase()));
  if (top.has('fileheader')) {
    const fh = cfb.find('FileHeader');
    if (fh !== undefined) {
      try {
        if (asciiAt(cfb.read(fh), 0, 'HWP Document File')) return 'hwp';
      } catch {
        /* unreadable header stream: fall through */
      }
    }
  }
  if (top.has('worddocument')) return 'doc';
  if (top.has('workbook') || top.has('book')) return 'xls';
  if (top.has('powerpoint document')) return 'ppt';
  if ([...top].some((n) => n.startsWith('__substg1.0_'))) return 'msg';
  return 'cfb';
}

function isoType(b: Uint8Array): string | null {
  let iso = false;
  let udf = false;
  for (const off of [0x8001, 0x8801, 0x9001, 0x9801, 0xa001]) {
    if (asciiAt(b, off, 'CD001')) iso = true;
    if (asciiAt(b, off, 'NSR02') || asciiAt(b, off, 'NSR03') || asciiAt(b, off, 'BEA01')) udf = true;
  }
  if (iso) return 'iso';
  if (udf) return 'udf';
  return null;
}

function diskImageType(b: Uint8Array): string | null {
  if (asciiAt(b, 0, 'vhdxfile')) return 'vhdx';
  if (asciiAt(b, 0, 'conectix') || (b.length >= 512 && asciiAt(b, b.length - 512, 'conectix'))) return 'vhd';
  const iso = isoType(b);
  if (iso !== null) return iso;
  if (b.length >= 512 && b[510] === 0x55 && b[511] === 0xaa) {
    if (asciiAt(b, 54, 'FAT') || asciiAt(b, 82, 'FAT32') || asciiAt(b, 3, 'NTFS    ') || asciiAt(b, 3, 'EXFAT   ')) return 'img';
    if (fatVolumeOffset(b) !== null) return 'img'; // partitioned raw disk whose first volume is FAT
  }
  return null;
}

/** Share of bytes in the sample that look like text (UTF-8 sequences count as text). */
function looksText(b: Uint8Array): boolean {
  const n = Math.min(b.length, 4096);
  if (n === 0) return false;
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) return true;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i] ?? 0;
    if (c === 0) return false;
    if (c < 9 || (c > 13 && c < 32 && c !== 27)) bad++;
  }
  return bad / n < 0.02;
}

export function textType(text: string, ext: string): string {
  const head = text.slice(0, 4096);
  const trimmed = head.replace(/^\s+/, '');
  if (/^#@~\^/.test(trimmed)) return ext === 'jse' || ext === 'js' ? 'jse' : 'vbe';
  if (/<hta:application/i.test(head)) return 'hta';
  if (/^<\?xml[^>]*>\s*<svg|^<svg[\s>]/i.test(trimmed)) return 'svg';
  if (/^(<\?xml[^>]*>\s*)?<(package|job)[\s>]/i.test(trimmed) && /<script/i.test(head)) return 'wsf';
  if (/^BEGIN:VCALENDAR/i.test(trimmed)) return 'ics';
  if (/^WEB\r?\n1\r?\n(https?|ftp):\/\//i.test(trimmed)) return 'iqy';
  if (/^\[InternetShortcut\]/im.test(head) && /^URL\s*=/im.test(head)) return 'url-shortcut';
  if (/^\[Shell\]/im.test(head) && /^(Command|IconFile)\s*=/im.test(head)) return 'scf';
  if (/<scriptlet[\s>]/i.test(head) || /^(<\?xml[^>]*>\s*)?<package>\s*<component/i.test(trimmed)) return 'sct';
  if (/^<\?xml[^>]*>\s*<(libraryDescription|searchConnectorDescription)\b/i.test(trimmed)) return 'library-ms';
  if (/<plist[\s>]/.test(head) && /PayloadType/.test(text.slice(0, 262_144))) return 'mobileconfig';
  if (/^(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s>]|<script[\s>]|<form[\s>]|<iframe[\s>]|<title[\s>]|<div[\s>]|<table[\s>]|<!--)/i.test(trimmed)
    || /<html[\s>]/i.test(head.slice(0, 1024))) {
    return ext === 'hta' ? 'hta' : 'html';
  }
  const byExt = SCRIPT_EXT[ext];
  if (byExt !== undefined) return byExt;
  if (/^@echo\s+off/im.test(head) && /\b(start|powershell|certutil|bitsadmin|curl|del|copy|set)\b/i.test(head)) return 'bat';
  if (/\b(Invoke-Expression|IEX\s*\(|New-Object\s+(System\.)?Net\.WebClient|-EncodedCommand|FromBase64String\(|\$env:)/i.test(head)
    && /\$[A-Za-z_]/.test(head)) return 'ps1';
  if (/CreateObject\(\s*"WScript\.Shell"\s*\)/i.test(head) && /^\s*(Dim|Set|Sub|Function)\s/im.test(head)) return 'vbs';
  if (/new\s+ActiveXObject\s*\(|WScript\.CreateObject\s*\(/.test(head)) return 'js';
  return 'text';
}

export function sniff(b: Uint8Array, filename: string | undefined, limits: CfbLimits & { maxMembers: number; maxScanBytes: number }): Sniffed {
  if (b.length === 0) return { type: 'empty' };
  if (startsWith(b, CFB_MAGIC)) {
    const r = readCfb(b, limits);
    if (!r.ok) return { type: 'cfb', cfbError: r.reason };
    return { type: cfbSubtype(r.cfb), cfb: r.cfb };
  }
  if (b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5 || b[2] === 7) && (b[3] === 4 || b[3] === 6 || b[3] === 8)) {
    const dir = readZipDirectory(b, limits.maxMembers);
    return { type: zipSubtype(b, dir), zip: dir };
  }
  if (b[0] === 0x4d && b[1] === 0x5a) return { type: 'pe' };
  if (startsWith(b, [0x7f, 0x45, 0x4c, 0x46])) return { type: 'elf' };
  const be = u32be(b, 0);
  if (be === 0xfeedface || be === 0xfeedfacf || be === 0xcefaedfe || be === 0xcffaedfe) return { type: 'macho' };
  if (be === 0xcafebabe && (u32be(b, 4) ?? 99) < 20) return { type: 'macho' };
  if (startsWith(b, LNK_HEADER)) return { type: 'lnk' };
  if (isSignedProfile(b)) return { type: 'mobileconfig' };
  if (startsWith(b, [0x76, 0xe8, 0x04, 0x60, 0xc4, 0x11, 0xe3, 0x86])) return { type: 'rpmsg' };
  if (startsWith(b, ONENOTE)) return { type: 'onenote' };
  if (asciiAt(b, 0, 'ITSF')) return { type: 'chm' };
  if (asciiAt(b, 0, 'Rar!\x1a\x07')) return { type: 'rar' };
  if (startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return { type: '7z' };
  if (b[0] === 0x1f && b[1] === 0x8b) return { type: 'gzip' };
  if (asciiAt(b, 0, 'BZh') && (b[3] ?? 0) >= 0x31 && (b[3] ?? 0) <= 0x39) return { type: 'bzip2' };
  if (startsWith(b, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return { type: 'xz' };
  if (asciiAt(b, 0, 'MSCF') && u32(b, 4) === 0) return { type: 'cab' };
  if (asciiAt(b, 257, 'ustar')) return { type: 'tar' };
  if (asciiAt(b, 0, 'HWP Document File')) return { type: 'hwp' };
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { type: 'png' };
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { type: 'jpeg' };
  if (asciiAt(b, 0, 'GIF87a') || asciiAt(b, 0, 'GIF89a')) return { type: 'gif' };
  if (asciiAt(b, 0, 'RIFF') && asciiAt(b, 8, 'WEBP')) return { type: 'webp' };
  if (asciiAt(b, 0, 'BM') && u32(b, 2) === b.length) return { type: 'bmp' };
  const disk = diskImageType(b);
  if (disk !== null) return { type: disk };
  if (asciiAt(b, 0, '%!PS') || startsWith(b, [0xc5, 0xd0, 0xd3, 0xc6])) return { type: 'eps' };
  const pdfAt = latinIndexOf(b, '%PDF-', 1024);
  if (pdfAt >= 0) return { type: 'pdf' };
  if (asciiAt(b, 0, '{\\rt')) return { type: 'rtf' };
  if (looksText(b)) {
    const text = decodeText(b, limits.maxScanBytes);
    return { type: textType(text, extOf(filename)), text };
  }
  return { type: 'unknown' };
}

const PKCS7_SIGNED_OID = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];

/** A DER PKCS#7 SignedData blob wrapping a plist with payloads: a signed Apple configuration profile. */
function isSignedProfile(b: Uint8Array): boolean {
  if (b[0] !== 0x30 || ((b[1] ?? 0) & 0x80) === 0) return false;
  let oid = false;
  for (let i = 2; i < Math.min(24, b.length) && !oid; i++) oid = startsWith(b, PKCS7_SIGNED_OID, i);
  if (!oid) return false;
  const head = Buffer.from(b.buffer, b.byteOffset, Math.min(b.length, 65_536));
  return head.includes('<plist') && head.includes('PayloadType');
}

function latinIndexOf(b: Uint8Array, needle: string, within: number): number {
  return Buffer.from(b.buffer, b.byteOffset, Math.min(b.length, within)).indexOf(needle, 0, 'latin1');
}

/** Type from content alone (convenience for callers; `analyzeAttachment` reports the same value). */
export function detectType(b: Uint8Array, filename?: string): string {
  return sniff(b, filename, DEFAULT_ATTACHMENT_LIMITS).type;
}
