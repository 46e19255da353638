import { buildCfb, concat } from './cfb-writer.js';
import { buildVbaProjectBin, vbaProjectEntries } from './vba-project.js';
import { buildZip, type ZipFileInput } from './zip-writer.js';

/** Word and Excel documents: OOXML written by hand (the parts Word needs), OLE .xls through the CFB writer. */

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL_BASE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function paragraphs(texts: readonly string[]): string {
  return texts.map((t) => `<w:p><w:r><w:t xml:space="preserve">${xmlEscape(t)}</w:t></w:r></w:p>`).join('');
}

interface DocxParts {
  body: string;
  macro?: Uint8Array;
  settingsRels?: string;
  title?: string;
}

function docx(parts: DocxParts): Uint8Array {
  const macro = parts.macro !== undefined;
  const mainType = macro ? 'application/vnd.ms-word.document.macroEnabled.main+xml' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
  const files: ZipFileInput[] = [
    {
      name: '[Content_Types].xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${macro ? '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>' : ''}<Override PartName="/word/document.xml" ContentType="${mainType}"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`,
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="${REL_BASE}/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId1" Type="${REL_BASE}/officeDocument" Target="word/document.xml"/></Relationships>`,
    },
    {
      name: 'docProps/core.xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${xmlEscape(parts.title ?? '')}</dc:title><dc:creator>Admin</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2024-03-15T09:30:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2024-03-15T09:30:00Z</dcterms:modified></cp:coreProperties>`,
    },
    {
      name: 'docProps/app.xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Office Word</Application><AppVersion>16.0000</AppVersion></Properties>`,
    },
    {
      name: 'word/_rels/document.xml.rels',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_BASE}/settings" Target="settings.xml"/>${macro ? '<Relationship Id="rId9" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>' : ''}</Relationships>`,
    },
    {
      name: 'word/document.xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:document xmlns:w="${W_NS}" xmlns:r="${R_NS}"><w:body>${parts.body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>`,
    },
    {
      name: 'word/settings.xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:settings xmlns:w="${W_NS}" xmlns:r="${R_NS}">${parts.settingsRels !== undefined ? '<w:attachedTemplate r:id="rId1"/>' : ''}<w:defaultTabStop w:val="800"/><w:compat/></w:settings>`,
    },
  ];
  if (parts.settingsRels !== undefined) files.push({ name: 'word/_rels/settings.xml.rels', data: parts.settingsRels });
  if (parts.macro !== undefined) files.push({ name: 'word/vbaProject.bin', data: parts.macro });
  return buildZip(files);
}

/** Wraps plain statements in an auto-run procedure unless the caller already wrote procedures. */
function withAutoRun(macro: string, autoOpen: boolean, entry: string): string {
  if (/^\s*(Public\s+|Private\s+)?(Sub|Function)\s/im.test(macro) || !autoOpen) return macro;
  return `Sub ${entry}()\r\n${macro}\r\nEnd Sub`;
}

/**
 * Word macro document. `macro` is VBA: either whole procedures, or statements that are wrapped in
 * `Sub AutoOpen()` when `autoOpen` (default true).
 */
export function buildDocm(opts: { macro: string; autoOpen?: boolean; text?: readonly string[] }): Uint8Array {
  const code = withAutoRun(opts.macro, opts.autoOpen ?? true, 'AutoOpen');
  const bin = buildVbaProjectBin([{ name: 'ThisDocument', kind: 'document', code: '' }, { name: 'NewMacros', kind: 'procedural', code }]);
  return docx({ body: paragraphs(opts.text ?? ['This document was created in an earlier version of Microsoft Office Word.', 'To view the content, please click "Enable Editing" and then "Enable Content".']), macro: bin });
}

/** .docx whose settings relationship pulls its template from `url` (template injection). */
export function buildDocxRemoteTemplate(url: string, opts: { text?: readonly string[] } = {}): Uint8Array {
  const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_BASE}/attachedTemplate" Target="${xmlEscape(url)}" TargetMode="External"/></Relationships>`;
  return docx({ body: paragraphs(opts.text ?? ['Job description — Senior Blockchain Engineer', 'Please review the attached role details and salary range.']), settingsRels: rels });
}

/** .docx with a DDEAUTO field, the instruction split across runs as Word writes it. */
export function buildDocxDde(cmd: string, opts: { text?: readonly string[] } = {}): Uint8Array {
  const [a, b] = [cmd.slice(0, Math.ceil(cmd.length / 2)), cmd.slice(Math.ceil(cmd.length / 2))];
  const field = `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DDEAUTO </w:instrText></w:r><w:r><w:instrText xml:space="preserve">${xmlEscape(a)}</w:instrText></w:r><w:r><w:instrText xml:space="preserve">${xmlEscape(b)} "Loading"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Loading</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`;
  return docx({ body: paragraphs(opts.text ?? ['Quarterly compliance update']) + field });
}

export function buildCleanDocx(opts: { title?: string; paragraphs?: readonly string[] } = {}): Uint8Array {
  const title = opts.title ?? 'Meeting notes';
  return docx({ title, body: paragraphs([title, ...(opts.paragraphs ?? ['Attendees: operations, compliance.', 'Next review scheduled for next month.'])]) });
}

function colName(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function buildCleanXlsx(opts: { sheet?: string; rows?: readonly (readonly (string | number)[])[] } = {}): Uint8Array {
  const rows = opts.rows ?? [['Date', 'Asset', 'Amount'], ['2024-03-01', 'BTC', 1.25], ['2024-03-02', 'ETH', 14.5]];
  const sheetXml = rows.map((row, r) => `<row r="${r + 1}">${row.map((v, c) => {
    const ref = `${colName(c)}${r + 1}`;
    return typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${xmlEscape(v)}</t></is></c>`;
  }).join('')}</row>`).join('');
  return buildZip([
    { name: '[Content_Types].xml', data: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>' },
    { name: '_rels/.rels', data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_BASE}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    { name: 'xl/workbook.xml', data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${R_NS}"><sheets><sheet name="${xmlEscape(opts.sheet ?? 'Sheet1')}" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    { name: 'xl/_rels/workbook.xml.rels', data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_BASE}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>` },
    { name: 'xl/worksheets/sheet1.xml', data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetXml}</sheetData></worksheet>` },
  ]);
}

function biff(id: number, data: Uint8Array): Uint8Array {
  const h = new Uint8Array(4);
  new DataView(h.buffer).setUint16(0, id, true);
  new DataView(h.buffer).setUint16(2, data.length, true);
  return concat([h, data]);
}

/** OLE .xls: a BIFF8 Workbook stream (globals, one sheet) plus a VBA project with Workbook_Open. */
export function buildXlsWithMacro(opts: { macro: string; autoOpen?: boolean }): Uint8Array {
  const bof = (dt: number): Uint8Array => {
    const d = new Uint8Array(16);
    const v = new DataView(d.buffer);
    v.setUint16(0, 0x0600, true);
    v.setUint16(2, dt, true);
    v.setUint16(4, 0x0dbb, true);
    v.setUint16(6, 0x07cc, true);
    return biff(0x0809, d);
  };
  const sheetName = new Uint8Array(Buffer.from('Sheet1', 'latin1'));
  const globalsWithoutSheet = concat([bof(0x0005), biff(0x0042, Uint8Array.of(0xe4, 0x04))]);
  const boundSheetLen = 4 + 8 + sheetName.length;
  const sheetOffset = globalsWithoutSheet.length + boundSheetLen + 4;
  const bs = new Uint8Array(8 + sheetName.length);
  new DataView(bs.buffer).setUint32(0, sheetOffset, true);
  bs[4] = 0;
  bs[5] = 0;
  bs[6] = sheetName.length;
  bs[7] = 0;
  bs.set(sheetName, 8);
  const workbook = concat([globalsWithoutSheet, biff(0x0085, bs), biff(0x000a, new Uint8Array(0)), bof(0x0010), biff(0x000a, new Uint8Array(0))]);
  const code = withAutoRun(opts.macro, opts.autoOpen ?? true, 'Workbook_Open');
  return buildCfb([
    { path: 'Workbook', data: workbook },
    ...vbaProjectEntries('_VBA_PROJECT_CUR', [{ name: 'ThisWorkbook', kind: 'document', code }, { name: 'Sheet1', kind: 'document', code: '' }]),
  ]);
}
