import { shorten, utf8 } from './bytes.js';
import type { Scan } from './scan.js';
import { attr, tags, texts } from './xml.js';
import type { ZipDirectory } from './zip.js';
import type { EntryReader } from './zip-analyze.js';

/**
 * OOXML: remote template injection (external attachedTemplate/oleObject/frame relationships, the technique of
 * Lazarus/Kimsuky lures), DDE fields, macro projects and embedded objects. Parts are read through the budgeted
 * reader; only binary parts become members.
 */

const REMOTE_TYPES = /\/(attachedTemplate|oleObject|frame|subDocument|package)$/i;
const XML_PART_MAX = 4 * 1024 * 1024;

function isRemote(target: string): boolean {
  return /^(https?|ftp|mhtml|ms-\w+):/i.test(target) || /^(\\\\|\/\/)[^\\/]/.test(target) || /^file:\/\/\/?\\\\|^file:\/\/[^/]/i.test(target);
}

export function analyzeOoxml(s: Scan, dir: ZipDirectory, read: EntryReader, type: string): void {
  const r = s.report;
  for (const e of dir.entries) {
    if (e.isDir) continue;
    const lower = e.name.toLowerCase();
    const isXml = lower.endsWith('.xml') || lower.endsWith('.rels') || lower.endsWith('.vml');
    if (isXml) {
      if (e.size > XML_PART_MAX) continue;
      if (!(lower.endsWith('.rels') || /^(word|xl|ppt)\/(document|settings|header\d*|footer\d*|footnotes|endnotes|externallinks\/externallink\d*|slides\/slide\d*|worksheets\/sheet\d*|workbook)\.xml$/.test(lower) || lower.startsWith('xl/macrosheets/'))) {
        continue;
      }
      const bytes = read(e);
      if (bytes === null) continue;
      const xml = utf8(bytes);
      if (lower.endsWith('.rels')) relationships(s, e.name, xml);
      else if (lower.startsWith('xl/macrosheets/')) r.find('xlm-macro', 'high', 'Workbook contains an Excel 4.0 (XLM) macro sheet.', e.name);
      else if (lower.startsWith('xl/externallinks/') && /<(?:\w+:)?ddeLink\b/.test(xml)) {
        const t = tags(xml, 'ddeLink')[0] ?? '';
        r.find('dde', 'high', 'Workbook has a DDE link that launches a program.', shorten(`${attr(t, 'ddeService') ?? ''}|${attr(t, 'ddeTopic') ?? ''}`));
      } else dde(s, e.name, xml);
      continue;
    }
    if (!s.canAddMember()) break;
    if (lower.startsWith('xl/macrosheets/')) r.find('xlm-macro', 'high', 'Workbook contains an Excel 4.0 (XLM) macro sheet.', e.name);
    if (lower.endsWith('vbaproject.bin')) r.find('vba-macro', 'high', 'Document carries a VBA macro project.', e.name);
    if (/\/embeddings\/oleobject\d*\.bin$/.test(lower)) r.find('ole-object', 'medium', 'Document embeds an OLE object (packager and Equation Editor exploits use these).', e.name);
    if (/\/activex\/activex\d*\.(bin|xml)$/.test(lower)) r.find('activex', 'medium', 'Document embeds an ActiveX control.', e.name);
    if (/^(word|xl|ppt)\/media\//.test(lower) || lower === 'docprops/thumbnail.jpeg' || lower === 'docprops/thumbnail.wmf' || lower.endsWith('/fonttable.bin')) {
      s.addMember({ path: e.name, size: e.size, data: null });
      continue;
    }
    s.addMember({ path: e.name, size: e.size, data: read(e), encrypted: e.encrypted });
  }
  if (type === 'ooxml' && dir.entries.some((e) => e.name === 'EncryptionInfo')) r.flag('encrypted-document');
}

function relationships(s: Scan, part: string, xml: string): void {
  for (const t of tags(xml, 'Relationship')) {
    const mode = attr(t, 'TargetMode');
    const target = attr(t, 'Target') ?? '';
    const relType = attr(t, 'Type') ?? '';
    if (mode?.toLowerCase() !== 'external') continue;
    if (/^(https?|ftp):/i.test(target)) s.budget.addUrl(target);
    if (REMOTE_TYPES.test(relType)) {
      const kind = REMOTE_TYPES.exec(relType)?.[1] ?? 'template';
      if (isRemote(target)) {
        s.report.find('remote-template', 'critical', `Document loads a remote ${kind} when opened (template injection: fetches macros or exploits from the attacker's server).`, shorten(`${part}: ${target}`, 200));
      } else {
        s.report.find('external-relationship', 'low', `Document references an external local ${kind}.`, shorten(`${part}: ${target}`, 200));
      }
    } else if (!/\/hyperlink$/i.test(relType)) {
      s.report.find('external-relationship', 'low', 'Document references an external resource.', shorten(`${part}: ${relType.replace(/^.*\//, '')} ${target}`, 200));
    }
  }
}

function dde(s: Scan, part: string, xml: string): void {
  // Field codes are split across runs: join every instrText and every fldSimple instruction before matching.
  const instr = [...texts(xml, 'instrText'), ...tags(xml, 'fldSimple').map((t) => attr(t, 'w:instr') ?? attr(t, 'instr') ?? '')].join('');
  const m = /\b(DDEAUTO|DDE)\b\s*([^]{0,200})/i.exec(instr);
  if (m !== null) {
    s.report.find('dde', 'high', `Document has a ${m[1]?.toUpperCase() ?? 'DDE'} field that runs a command when fields update.`, shorten(`${part}: ${m[0]}`, 200));
  }
}
