import { deflateSync } from 'fflate';
import { buildCfb, concat, type CfbInputEntry } from './cfb-writer.js';
import { xmlEscape } from './office.js';
import { buildZip } from './zip-writer.js';

/**
 * Hangul documents. HWP 5.0: compound file with FileHeader, DocInfo and BodyText/Section0 as raw-deflate
 * record streams (tag/level/size headers), BinData/BIN0001.eps and Scripts/DefaultJScript when asked.
 * HWPX: the OWPML zip layout.
 */

export interface HwpOptions {
  text: string;
  /** PostScript source for an embedded EPS (the Hangul exploit vector). */
  eps?: string;
  /** JScript run on open. */
  script?: string;
}

const TAG_BEGIN = 0x010;
const HWPTAG_DOCUMENT_PROPERTIES = TAG_BEGIN;
const HWPTAG_BIN_DATA = TAG_BEGIN + 2;
const HWPTAG_PARA_HEADER = TAG_BEGIN + 50;
const HWPTAG_PARA_TEXT = TAG_BEGIN + 51;

function record(tag: number, level: number, data: Uint8Array): Uint8Array {
  const h = new Uint8Array(4);
  new DataView(h.buffer).setUint32(0, (tag & 0x3ff) | ((level & 0x3ff) << 10) | (Math.min(data.length, 0xfff) << 20), true);
  if (data.length < 0xfff) return concat([h, data]);
  const ext = new Uint8Array(4);
  new DataView(ext.buffer).setUint32(0, data.length, true);
  return concat([h, ext, data]);
}

const wide = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf16le'));
const raw = (b: Uint8Array): Uint8Array => deflateSync(b, { level: 9 });

export function buildHwp(opts: HwpOptions): Uint8Array {
  const header = new Uint8Array(256);
  header.set(Buffer.from('HWP Document File', 'latin1'), 0);
  const hv = new DataView(header.buffer);
  hv.setUint32(32, 0x05000300, true); // version 5.0.3.0
  hv.setUint32(36, 0x1, true); // compressed
  const docProps = new Uint8Array(26);
  new DataView(docProps.buffer).setUint16(0, 1, true);
  const docInfo: Uint8Array[] = [record(HWPTAG_DOCUMENT_PROPERTIES, 0, docProps)];
  if (opts.eps !== undefined) {
    const ext = wide('eps');
    const bin = new Uint8Array(6 + ext.length);
    const bv = new DataView(bin.buffer);
    bv.setUint16(0, 0x0001, true); // embedding
    bv.setUint16(2, 1, true); // BinData id 1
    bv.setUint16(4, 3, true);
    bin.set(ext, 6);
    docInfo.push(record(HWPTAG_BIN_DATA, 0, bin));
  }
  const paragraphs = opts.text.split(/\r?\n/).map((line) => {
    const text = wide(`${line}\r`);
    const ph = new Uint8Array(22);
    new DataView(ph.buffer).setUint32(0, text.length / 2, true);
    return concat([record(HWPTAG_PARA_HEADER, 0, ph), record(HWPTAG_PARA_TEXT, 1, text)]);
  });
  const entries: CfbInputEntry[] = [
    { path: 'FileHeader', data: header },
    { path: 'DocInfo', data: raw(concat(docInfo)) },
    { path: 'BodyText/Section0', data: raw(concat(paragraphs)) },
    { path: 'PrvText', data: wide(opts.text.slice(0, 1000)) },
  ];
  if (opts.eps !== undefined) entries.push({ path: 'BinData/BIN0001.eps', data: raw(new Uint8Array(Buffer.from(opts.eps, 'latin1'))) });
  if (opts.script !== undefined) {
    const src = wide(opts.script);
    const len = new Uint8Array(4);
    new DataView(len.buffer).setUint32(0, src.length / 2, true);
    entries.push({ path: 'Scripts/DefaultJScript', data: raw(concat([len, src, new Uint8Array(8)])) });
    entries.push({ path: 'Scripts/JScriptVersion', data: raw(Uint8Array.of(0, 0, 0, 0, 1, 0, 0, 0)) });
  }
  return buildCfb(entries);
}

export function buildHwpx(opts: HwpOptions): Uint8Array {
  const paras = opts.text.split(/\r?\n/).map((l, i) => `<hp:p id="${i}" paraPrIDRef="0" styleIDRef="0"><hp:run charPrIDRef="0"><hp:t>${xmlEscape(l)}</hp:t></hp:run></hp:p>`).join('');
  const files = [
    { name: 'mimetype', data: 'application/hwp+zip', method: 0 as const },
    { name: 'version.xml', data: '<?xml version="1.0" encoding="UTF-8" standalone="yes" ?><hv:HCFVersion xmlns:hv="http://www.hancom.co.kr/hwpml/2011/version" tagetApplication="WORDPROCESSOR" major="5" minor="1" micro="0" buildNumber="1" os="1" application="Hancom Office Hangul"/>' },
    { name: 'META-INF/container.xml', data: '<?xml version="1.0" encoding="UTF-8" standalone="yes" ?><ocf:container xmlns:ocf="urn:oasis:names:tc:opendocument:xmlns:container"><ocf:rootfiles><ocf:rootfile full-path="Contents/content.hpf" media-type="application/hwpml-package+xml"/></ocf:rootfiles></ocf:container>' },
    { name: 'Contents/content.hpf', data: `<?xml version="1.0" encoding="UTF-8" standalone="yes" ?><opf:package xmlns:opf="http://www.idpf.org/2007/opf/"><opf:manifest><opf:item id="header" href="Contents/header.xml" media-type="application/xml"/><opf:item id="section0" href="Contents/section0.xml" media-type="application/xml"/>${opts.eps !== undefined ? '<opf:item id="image1" href="BinData/image1.eps" media-type="application/postscript" isEmbeded="1"/>' : ''}</opf:manifest><opf:spine><opf:itemref idref="section0"/></opf:spine></opf:package>` },
    { name: 'Contents/header.xml', data: '<?xml version="1.0" encoding="UTF-8" standalone="yes" ?><hh:head xmlns:hh="http://www.hancom.co.kr/hwpml/2011/head" version="1.4" secCnt="1"/>' },
    { name: 'Contents/section0.xml', data: `<?xml version="1.0" encoding="UTF-8" standalone="yes" ?><hs:sec xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph">${paras}</hs:sec>` },
  ];
  if (opts.eps !== undefined) files.push({ name: 'BinData/image1.eps', data: opts.eps });
  if (opts.script !== undefined) files.push({ name: 'Scripts/sourceScripts', data: opts.script });
  return buildZip(files);
}
