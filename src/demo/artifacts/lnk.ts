import { concat } from './cfb-writer.js';

/** MS-SHLLINK shortcut with LinkInfo (local base path) and Unicode string data. */

export interface LnkOptions {
  /** Full path of the program, e.g. C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe */
  target: string;
  args?: string;
  iconLocation?: string;
  workingDir?: string;
  /** Run minimised without focus (SW_SHOWMINNOACTIVE), as lures do. */
  hidden?: boolean;
}

const CLSID = [0x01, 0x14, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46];

function counted(s: string): Uint8Array {
  const b = Buffer.from(s, 'utf16le');
  const out = new Uint8Array(2 + b.length);
  new DataView(out.buffer).setUint16(0, s.length, true);
  out.set(b, 2);
  return out;
}

export function buildLnk(opts: LnkOptions): Uint8Array {
  const hasArgs = opts.args !== undefined;
  const hasIcon = opts.iconLocation !== undefined;
  const workingDir = opts.workingDir ?? opts.target.replace(/\\[^\\]*$/, '');
  const relative = `.\\${opts.target.replace(/^.*\\/, '')}`;
  // HasLinkInfo | HasRelativePath | HasWorkingDir | IsUnicode (+ HasArguments, HasIconLocation)
  const flags = 0x2 | 0x8 | 0x10 | 0x80 | (hasArgs ? 0x20 : 0) | (hasIcon ? 0x40 : 0);
  const header = new Uint8Array(76);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, 0x4c, true);
  header.set(CLSID, 4);
  hv.setUint32(0x14, flags, true);
  hv.setUint32(0x18, 0x20, true); // FILE_ATTRIBUTE_ARCHIVE
  hv.setUint32(0x38, 0, true);
  hv.setUint32(0x3c, opts.hidden === true ? 7 : 1, true);

  const volumeId = Uint8Array.of(0x11, 0, 0, 0, 3, 0, 0, 0, 0x78, 0x56, 0x34, 0x12, 0x10, 0, 0, 0, 0);
  const basePath = new Uint8Array(Buffer.from(`${opts.target}\u0000`, 'latin1'));
  const suffix = Uint8Array.of(0);
  const infoHeader = 0x1c;
  const volOff = infoHeader;
  const baseOff = volOff + volumeId.length;
  const suffixOff = baseOff + basePath.length;
  const infoSize = suffixOff + suffix.length;
  const info = new Uint8Array(infoHeader);
  const iv = new DataView(info.buffer);
  iv.setUint32(0, infoSize, true);
  iv.setUint32(4, infoHeader, true);
  iv.setUint32(8, 1, true); // VolumeIDAndLocalBasePath
  iv.setUint32(12, volOff, true);
  iv.setUint32(16, baseOff, true);
  iv.setUint32(20, 0, true);
  iv.setUint32(24, suffixOff, true);
  const strings = [counted(relative), counted(workingDir)];
  if (hasArgs) strings.push(counted(opts.args ?? ''));
  if (hasIcon) strings.push(counted(opts.iconLocation ?? ''));
  return concat([header, info, volumeId, basePath, suffix, ...strings, new Uint8Array(4)]);
}
