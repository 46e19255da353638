import { buildCfb, concat, type CfbInputEntry } from './cfb-writer.js';

/** VBA projects as Office stores them (MS-OVBA): compressed `dir` and module streams, PROJECT text. */

/** MS-OVBA 2.4.1 compression with greedy LZ77 matching inside each 4096-byte chunk. */
export function ovbaCompress(src: Uint8Array): Uint8Array {
  const out: number[] = [0x01];
  for (let chunkStart = 0; chunkStart < src.length || (src.length === 0 && chunkStart === 0); chunkStart += 4096) {
    const end = Math.min(src.length, chunkStart + 4096);
    const body: number[] = [];
    let i = chunkStart;
    while (i < end) {
      const flagPos = body.length;
      body.push(0);
      let flags = 0;
      for (let bit = 0; bit < 8 && i < end; bit++) {
        const d = i - chunkStart;
        let bitCount = 4;
        while (1 << bitCount < d) bitCount++;
        bitCount = Math.min(12, bitCount);
        const maxLen = (0xffff >> bitCount) + 3;
        let bestLen = 0;
        let bestOff = 0;
        for (let j = i - 1; j >= chunkStart && i - j <= 1 << bitCount; j--) {
          let len = 0;
          while (len < maxLen && i + len < end && src[j + len] === src[i + len]) len++;
          if (len > bestLen) {
            bestLen = len;
            bestOff = i - j;
          }
        }
        if (bestLen >= 3) {
          const token = ((bestOff - 1) << (16 - bitCount)) | (bestLen - 3);
          body.push(token & 0xff, token >> 8);
          flags |= 1 << bit;
          i += bestLen;
        } else {
          body.push(src[i] ?? 0);
          i += 1;
        }
      }
      body[flagPos] = flags;
    }
    if (body.length > 4096) {
      // Incompressible full chunk: stored raw (exactly 4096 bytes, header flag clear).
      out.push(0xff, 0x3f);
      for (let k = chunkStart; k < chunkStart + 4096; k++) out.push(src[k] ?? 0);
    } else {
      const header = 0xb000 | ((body.length + 2 - 3) & 0x0fff);
      out.push(header & 0xff, header >> 8, ...body);
    }
    if (src.length === 0) break;
  }
  return Uint8Array.from(out);
}

function rec(id: number, data: Uint8Array): Uint8Array {
  const h = new Uint8Array(6);
  const v = new DataView(h.buffer);
  v.setUint16(0, id, true);
  v.setUint32(2, data.length, true);
  return concat([h, data]);
}

const u16 = (n: number): Uint8Array => Uint8Array.of(n & 0xff, n >> 8);
const u32 = (n: number): Uint8Array => Uint8Array.of(n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff);
const ascii = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
const wide = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf16le'));

export interface VbaModuleInput {
  name: string;
  /** Procedural (standard) module or document/class module (ThisDocument, ThisWorkbook). */
  kind: 'procedural' | 'document';
  code: string;
}

function dirStream(modules: readonly VbaModuleInput[]): Uint8Array {
  const parts: Uint8Array[] = [
    rec(0x0001, u32(1)), rec(0x0002, u32(0x409)), rec(0x0014, u32(0x409)), rec(0x0003, u16(1252)),
    rec(0x0004, ascii('Project')), rec(0x0005, new Uint8Array(0)), rec(0x0040, new Uint8Array(0)),
    rec(0x0006, new Uint8Array(0)), rec(0x003d, new Uint8Array(0)), rec(0x0007, u32(0)), rec(0x0008, u32(0)),
  ];
  // PROJECTVERSION: the size field is a reserved 4, followed by major (u32) and minor (u16).
  parts.push(concat([u16(0x0009), u32(4), u32(1), u16(1)]));
  parts.push(rec(0x000c, new Uint8Array(0)), rec(0x003c, new Uint8Array(0)));
  parts.push(rec(0x000f, u16(modules.length)), rec(0x0013, u16(0xffff)));
  for (const m of modules) {
    parts.push(
      rec(0x0019, ascii(m.name)), rec(0x0047, wide(m.name)), rec(0x001a, ascii(m.name)), rec(0x0032, wide(m.name)),
      rec(0x001c, new Uint8Array(0)), rec(0x0048, new Uint8Array(0)), rec(0x0031, u32(0)), rec(0x001e, u32(0)),
      rec(0x002c, u16(0xffff)), rec(m.kind === 'procedural' ? 0x0021 : 0x0022, new Uint8Array(0)), rec(0x002b, new Uint8Array(0)),
    );
  }
  parts.push(rec(0x0010, new Uint8Array(0)));
  return concat(parts);
}

function projectText(modules: readonly VbaModuleInput[]): string {
  const lines = ['ID="{00000000-0000-0000-0000-000000000000}"'];
  for (const m of modules) lines.push(m.kind === 'document' ? `Document=${m.name}/&H00000000` : `Module=${m.name}`);
  lines.push('Name="Project"', 'HelpContextID="0"', 'VersionCompatible32="393222000"', '', '[Host Extender Info]',
    '&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000', '', '[Workspace]');
  for (const m of modules) lines.push(`${m.name}=0, 0, 0, 0, C`);
  return `${lines.join('\r\n')}\r\n`;
}

/** The streams of a VBA project under `prefix` (e.g. "Macros" for .doc, "_VBA_PROJECT_CUR" for .xls, "" for vbaProject.bin). */
export function vbaProjectEntries(prefix: string, modules: readonly VbaModuleInput[]): CfbInputEntry[] {
  const p = prefix === '' ? '' : `${prefix}/`;
  const entries: CfbInputEntry[] = [
    { path: `${p}PROJECT`, data: ascii(projectText(modules)) },
    { path: `${p}PROJECTwm`, data: concat([...modules.flatMap((m) => [ascii(`${m.name}\u0000`), wide(`${m.name}\u0000`)]), u16(0)]) },
    // _VBA_PROJECT: version 0xFFFF tells Office to recompile from source (no p-code needed).
    { path: `${p}VBA/_VBA_PROJECT`, data: Uint8Array.of(0xcc, 0x61, 0xff, 0xff, 0x00, 0x00, 0x00) },
    { path: `${p}VBA/dir`, data: ovbaCompress(dirStream(modules)) },
  ];
  for (const m of modules) {
    const source = `Attribute VB_Name = "${m.name}"\r\n${m.code.replace(/\r?\n/g, '\r\n')}\r\n`;
    entries.push({ path: `${p}VBA/${m.name}`, data: ovbaCompress(ascii(source)) });
  }
  return entries;
}

export function buildVbaProjectBin(modules: readonly VbaModuleInput[]): Uint8Array {
  return buildCfb(vbaProjectEntries('', modules));
}
