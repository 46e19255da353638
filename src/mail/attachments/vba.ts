import { TextDecoder } from 'node:util';
import { u16, u32 } from './bytes.js';
import type { Cfb } from './cfb.js';

/** MS-OVBA: decompression of VBA streams and the `dir` stream that says where each module's source starts. */

/** Growable byte buffer: hostile streams must not cost a JS number per output byte. */
class Out {
  buf: Uint8Array;
  length = 0;
  constructor(initial: number, private readonly max: number) {
    this.buf = new Uint8Array(Math.max(64, Math.min(initial, max)));
  }
  push(v: number): void {
    if (this.length === this.buf.length) {
      const next = new Uint8Array(Math.min(this.max, this.buf.length * 2));
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = v;
  }
  at(i: number): number {
    return this.buf[i] ?? 0;
  }
}

/** MS-OVBA 2.4.1 decompression, output capped at `max` bytes; returns null on a malformed container. */
export function ovbaDecompress(src: Uint8Array, max: number): Uint8Array | null {
  if (src[0] !== 0x01) return null;
  const out = new Out(src.length * 2, max);
  let p = 1;
  while (p + 2 <= src.length && out.length < max) {
    const header = u16(src, p) ?? 0;
    const chunkSize = (header & 0x0fff) + 3;
    const compressed = (header & 0x8000) !== 0;
    const chunkEnd = Math.min(src.length, p + chunkSize);
    p += 2;
    const chunkStart = out.length;
    if (!compressed) {
      for (let i = 0; i < 4096 && p < src.length && out.length < max; i++) out.push(src[p++] ?? 0);
      continue;
    }
    // A chunk decompresses to at most 4096 bytes (MS-OVBA 2.4.1.3.1); more is a decompression bomb.
    const chunkMax = Math.min(max, chunkStart + 4096);
    while (p < chunkEnd && out.length < chunkMax) {
      const flags = src[p++] ?? 0;
      for (let bit = 0; bit < 8 && p < chunkEnd && out.length < chunkMax; bit++) {
        if ((flags & (1 << bit)) === 0) {
          out.push(src[p++] ?? 0);
          continue;
        }
        const token = u16(src, p);
        if (token === undefined) return out.length > 0 ? out.buf.slice(0, out.length) : null;
        p += 2;
        const diff = out.length - chunkStart;
        let bitCount = 4;
        while (1 << bitCount < diff) bitCount++;
        bitCount = Math.min(12, bitCount);
        const lengthMask = 0xffff >> bitCount;
        const offset = (token >> (16 - bitCount)) + 1;
        const length = (token & lengthMask) + 3;
        const from = out.length - offset;
        if (from < chunkStart) return null;
        for (let i = 0; i < length && out.length < chunkMax; i++) out.push(out.at(from + i));
      }
    }
    p = chunkEnd;
  }
  return out.buf.slice(0, out.length);
}

export interface VbaModule {
  name: string;
  streamName: string;
  offset: number;
  source: string | null;
}

let cp949: TextDecoder | null = null;
try {
  cp949 = new TextDecoder('euc-kr');
} catch {
  cp949 = null;
}

function decodeMbcs(b: Uint8Array, codePage: number): string {
  if (codePage === 949 && cp949 !== null) return cp949.decode(b);
  if (codePage === 65001) return Buffer.from(b).toString('utf8');
  return Buffer.from(b).toString('latin1');
}

/** Parses the decompressed `dir` stream into modules (name, stream, source offset). */
export function parseVbaDir(dir: Uint8Array, maxModules: number): { modules: VbaModule[]; codePage: number } {
  const modules: VbaModule[] = [];
  let codePage = 1252;
  let current: VbaModule | null = null;
  let p = 0;
  while (p + 6 <= dir.length && modules.length < maxModules) {
    const id = u16(dir, p) ?? 0;
    // PROJECTVERSION's size field is a reserved constant 4, but the record carries 6 bytes of data.
    const size = id === 0x0009 ? 6 : (u32(dir, p + 2) ?? 0);
    const data = dir.subarray(p + 6, p + 6 + size);
    p += 6 + size;
    if (id === 0x0003) codePage = u16(data, 0) ?? codePage;
    else if (id === 0x0019) {
      current = { name: decodeMbcs(data, codePage), streamName: decodeMbcs(data, codePage), offset: 0, source: null };
    } else if (id === 0x001a && current !== null) current.streamName = decodeMbcs(data, codePage);
    else if (id === 0x0031 && current !== null) current.offset = u32(data, 0) ?? 0;
    else if (id === 0x002b && current !== null) {
      modules.push(current);
      current = null;
    } else if (id === 0x0010) break; // dir terminator
  }
  return { modules, codePage };
}

export interface VbaProject {
  storage: string;
  modules: VbaModule[];
}

/** Storages holding a VBA project: `Macros/VBA`, `_VBA_PROJECT_CUR/VBA`, `VBA` (vbaProject.bin). */
export function findVbaProjects(cfb: Cfb, maxBytes: number, maxModules: number): VbaProject[] {
  // maxBytes caps each module's decompressed source (limits.maxVbaSourceBytes).
  const projects: VbaProject[] = [];
  for (const e of cfb.entries) {
    if (e.type !== 'storage' || e.name.toUpperCase() !== 'VBA') continue;
    const dirEntry = cfb.find(`${e.path}/dir`);
    const hasProject = dirEntry !== undefined || cfb.entries.some((x) => x.name.toUpperCase() === '_VBA_PROJECT' && x.path.startsWith(e.path));
    if (!hasProject) continue;
    const project: VbaProject = { storage: e.path, modules: [] };
    try {
      const dir = dirEntry === undefined ? null : ovbaDecompress(cfb.read(dirEntry), 1024 * 1024);
      if (dir !== null) {
        const { modules, codePage } = parseVbaDir(dir, maxModules);
        for (const m of modules) {
          const stream = cfb.find(`${e.path}/${m.streamName}`);
          if (stream !== undefined) {
            const bytes = cfb.read(stream);
            const src = m.offset < bytes.length ? ovbaDecompress(bytes.subarray(m.offset), maxBytes) : null;
            m.source = src === null ? null : decodeMbcs(src, codePage);
          }
          project.modules.push(m);
        }
      }
    } catch {
      /* a broken project is still a project: reported without sources */
    }
    projects.push(project);
  }
  return projects;
}

const AUTOEXEC = /\b(Auto_?Open|AutoExec|AutoClose|Auto_Close|Document_(?:Open|Close|New|ContentControlOnEnter)|DocumentOpen|Workbook_(?:Open|Activate|BeforeClose)|Auto_Activate|InkPicture1_Painted|Frame1_Layout)\b/i;
const SUSPICIOUS = /\b(Shell(?:Execute)?\s*\(?|WScript\.Shell|CreateObject|GetObject|URLDownloadToFile|MSXML2\.(?:Server)?XMLHTTP|WinHttp|ADODB\.Stream|powershell|mshta|cmd(?:\.exe)?\s*\/c|certutil|bitsadmin|regsvr32|rundll32|VirtualAlloc|RtlMoveMemory|CreateThread|CallByName|MacScript|Environ\s*\(|\.Run\b|\.Exec\b)/i;

export interface VbaVerdict {
  autoexec: string | null;
  suspicious: string | null;
  urls: string[];
}

export function assessVba(projects: VbaProject[]): VbaVerdict {
  let autoexec: string | null = null;
  let suspicious: string | null = null;
  const urls: string[] = [];
  for (const p of projects) {
    for (const m of p.modules) {
      const src = m.source;
      if (src === null) continue;
      autoexec ??= AUTOEXEC.exec(src)?.[1] ?? null;
      suspicious ??= SUSPICIOUS.exec(src)?.[1]?.trim() ?? null;
      for (const u of src.match(/https?:\/\/[^\s"'<>()|]{3,300}/gi) ?? []) if (urls.length < 50) urls.push(u);
    }
  }
  return { autoexec, suspicious, urls };
}
