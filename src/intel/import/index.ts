import type { Clock } from '../../core/index.js';
import { SpearwatchError } from '../../core/index.js';
import type { Db } from '../../store/index.js';
import { writeBatch } from '../store/writer.js';
import type { Tlp } from '../tlp.js';
import type { ImportFormat, ImportReport, IntelBatch } from '../types.js';
import type { NormaliseOptions } from '../values.js';
import { parseCsv, parseOfac } from './lists.js';
import { parseMispGalaxy } from './misp.js';
import { basenameNoExt, isRecord, parseJsonFile, parseYamlFile, readIntelFile } from './read.js';
import { parseStix } from './stix.js';
import { parseActorpack, parseTagpack } from './tagpack.js';

export type FormatOption = 'auto' | 'stix' | 'misp-galaxy' | 'tagpack' | 'ofac' | 'csv';

export interface ImportOptions extends NormaliseOptions {
  format?: FormatOption;
  source?: string;
  tlp?: Tlp;
}

function detectFormat(text: string, file: string): { format: ImportFormat; doc: unknown } {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{') || head.startsWith('[')) {
    const doc = parseJsonFile(text, file);
    if (Array.isArray(doc)) return { format: 'ofac', doc };
    if (isRecord(doc)) {
      if (doc.type === 'bundle' || (typeof doc.id === 'string' && doc.id.includes('--'))) return { format: 'stix', doc };
      if (Array.isArray(doc.values) && typeof doc.type === 'string') return { format: 'misp-galaxy', doc };
    }
    throw new SpearwatchError('SW_INPUT_INVALID', `${file}: JSON is neither a STIX bundle, a MISP galaxy nor an address list; pass --format`);
  }
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  const headerCells = firstLine.split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
  if (headerCells.includes('type') && headerCells.includes('value')) return { format: 'csv', doc: text };
  if (/^%YAML|^---|^[A-Za-z_][\w-]*\s*:/m.test(firstLine)) {
    const doc = parseYamlFile(text, file);
    if (isRecord(doc) && Array.isArray(doc.actors)) return { format: 'actorpack', doc };
    if (isRecord(doc) && Array.isArray(doc.tags)) return { format: 'tagpack', doc };
    throw new SpearwatchError('SW_INPUT_INVALID', `${file}: YAML is neither a TagPack nor an actorpack`);
  }
  return { format: 'ofac', doc: text };
}

/** Parse one file into records (no store access). */
export function parseIntelFile(file: string, opts: ImportOptions = {}): IntelBatch {
  const { text, mtime } = readIntelFile(file);
  const fallbackSource = basenameNoExt(file);
  const common = { ...opts, file, fallbackSource, mtime };
  let format: ImportFormat;
  let doc: unknown;
  switch (opts.format ?? 'auto') {
    case 'auto':
      ({ format, doc } = detectFormat(text, file));
      break;
    case 'stix':
    case 'misp-galaxy':
      format = opts.format as ImportFormat;
      doc = parseJsonFile(text, file);
      break;
    case 'tagpack':
      doc = parseYamlFile(text, file);
      format = isRecord(doc) && Array.isArray(doc.actors) ? 'actorpack' : 'tagpack';
      break;
    case 'ofac':
      format = 'ofac';
      doc = text.trimStart().startsWith('[') ? parseJsonFile(text, file) : text;
      break;
    case 'csv':
      format = 'csv';
      doc = text;
      break;
  }
  const strip = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  switch (format) {
    case 'stix':
      return parseStix(doc, strip(common));
    case 'misp-galaxy':
      return parseMispGalaxy(doc, strip(common));
    case 'tagpack':
      return parseTagpack(doc, strip(common));
    case 'actorpack':
      return parseActorpack(doc, strip(common));
    case 'ofac':
      if (Array.isArray(doc)) return parseOfac(doc as string[], strip(common));
      return parseOfac(String(doc), strip(common));
    case 'csv':
      return parseCsv(String(doc), strip(common));
  }
}

/** Import one file: parse fully, then write in one transaction (a bad file leaves the store untouched). */
export async function importIntelFile(db: Db, file: string, opts: ImportOptions, clock: Clock): Promise<ImportReport> {
  const batch = parseIntelFile(file, opts);
  return writeBatch(db, batch, clock.now().toISOString());
}
