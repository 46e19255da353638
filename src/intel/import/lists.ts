import { SpearwatchError } from '../../core/index.js';
import { INTEL_LIMITS } from '../limits.js';
import { isTlp, maxTlp, parseTlp, type Tlp } from '../tlp.js';
import { emptyBatch, type IntelBatch } from '../types.js';
import { detectValue, isIndicatorType, normaliseValue, type NormaliseOptions } from '../values.js';
import { actorLink, simpleIndicator } from './common.js';
import { actorKey } from '../actors.js';
import { isoTime } from './read.js';

type Opts = NormaliseOptions & { file: string; source?: string; tlp?: Tlp; mtime: string };

/**
 * OFAC SDN digital-currency address lists (one address per line, or a JSON list), as published by
 * 0xB10C/ofac-sanctioned-digital-currency-addresses. Bitcoin and ether addresses are indicators; the list is
 * authority data, so confidence is 100.
 */
export function parseOfac(doc: string[] | string, opts: Opts): IntelBatch {
  const entries = typeof doc === 'string' ? doc.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#')) : doc;
  if (entries.length > INTEL_LIMITS.objectsPerFile) {
    throw new SpearwatchError('SW_INPUT_TOO_LARGE', `${opts.file}: ${entries.length} entries exceeds the limit of ${INTEL_LIMITS.objectsPerFile}`);
  }
  const source = opts.source ?? 'ofac-sdn';
  const batch = emptyBatch(opts.file, 'ofac', source);
  batch.read = entries.length;
  entries.forEach((e, i) => {
    if (typeof e !== 'string') throw new SpearwatchError('SW_INPUT_INVALID', `${opts.file}: entry ${i}: must be a string`);
    const d = detectValue(e, opts);
    if (d === null || (d.type !== 'btc-address' && d.type !== 'eth-address')) {
      batch.skipped.push({ item: e.slice(0, 100), reason: 'not a bitcoin or ether address' });
      return;
    }
    batch.indicators.push(simpleIndicator({
      source, type: d.type, value: d.value, name: 'OFAC SDN sanctioned address', confidence: 100, tlp: opts.tlp ?? 'clear',
      validUntil: null, labels: ['sanctioned'], modified: opts.mtime,
    }));
  });
  return batch;
}

/** RFC 4180 CSV rows; a quoted field may contain commas, quotes ("") and newlines. */
export function parseCsvRows(text: string, file: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
      continue;
    }
    if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
      if (cells.length > INTEL_LIMITS.csvColumns) throw new SpearwatchError('SW_INPUT_TOO_LARGE', `${file}: line ${rowLine}: more than ${INTEL_LIMITS.csvColumns} columns`);
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      if (cells.some((x) => x !== '')) rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
      if (rows.length > INTEL_LIMITS.objectsPerFile) throw new SpearwatchError('SW_INPUT_TOO_LARGE', `${file}: more than ${INTEL_LIMITS.objectsPerFile} rows`);
    } else cell += c;
  }
  if (quoted) throw new SpearwatchError('SW_INPUT_INVALID', `${file}: line ${rowLine}: unterminated quoted field`);
  cells.push(cell);
  if (cells.some((x) => x !== '')) rows.push({ line: rowLine, cells });
  return rows;
}

const CSV_COLUMNS = ['type', 'value', 'actor', 'confidence', 'tlp', 'valid_until'];

/** CSV with a header naming at least `type` and `value` (`actor,confidence,tlp,valid_until` optional). */
export function parseCsv(text: string, opts: Opts & { fallbackSource: string }): IntelBatch {
  const rows = parseCsvRows(text.replace(/^\uFEFF/, ''), opts.file);
  const head = rows.shift();
  if (head === undefined) throw new SpearwatchError('SW_INPUT_INVALID', `${opts.file}: empty CSV (a header "type,value,…" is required)`);
  const cols = head.cells.map((c) => c.trim().toLowerCase());
  const idx = (name: string): number => cols.indexOf(name);
  if (idx('type') < 0 || idx('value') < 0) throw new SpearwatchError('SW_INPUT_INVALID', `${opts.file}: CSV header must name "type" and "value" columns (got ${cols.join(',')})`);
  const unknown = cols.filter((c) => !CSV_COLUMNS.includes(c));
  if (unknown.length > 0) throw new SpearwatchError('SW_INPUT_INVALID', `${opts.file}: unknown CSV column(s) ${unknown.join(', ')} (allowed: ${CSV_COLUMNS.join(', ')})`);
  const source = opts.source ?? opts.fallbackSource;
  const batch = emptyBatch(opts.file, 'csv', source);
  batch.read = rows.length;
  for (const r of rows) {
    const cell = (name: string): string => (idx(name) >= 0 ? (r.cells[idx(name)] ?? '').trim() : '');
    const item = `line ${r.line}`;
    const rawType = cell('type').toLowerCase();
    const rawValue = cell('value');
    let type;
    let value: string | null;
    if (rawType === '') {
      const d = detectValue(rawValue, opts);
      type = d?.type;
      value = d?.value ?? null;
    } else if (isIndicatorType(rawType)) {
      type = rawType;
      value = normaliseValue(rawType, rawValue, opts);
    } else {
      batch.skipped.push({ item, reason: `unknown indicator type "${rawType.slice(0, 40)}"` });
      continue;
    }
    if (type === undefined || value === null) {
      batch.skipped.push({ item, reason: `invalid ${type ?? 'value'} "${rawValue.slice(0, 100)}"` });
      continue;
    }
    let confidence: number | null = null;
    if (cell('confidence') !== '') {
      const n = Number(cell('confidence'));
      if (!Number.isInteger(n) || n < 0 || n > 100) {
        batch.skipped.push({ item, reason: 'confidence must be an integer 0-100' });
        continue;
      }
      confidence = n;
    }
    let tlp: Tlp = opts.tlp ?? 'clear';
    if (cell('tlp') !== '') {
      const t = parseTlp(cell('tlp'));
      if (t === null || !isTlp(t)) {
        batch.skipped.push({ item, reason: `unknown TLP "${cell('tlp').slice(0, 20)}"` });
        continue;
      }
      tlp = opts.tlp === undefined ? t : maxTlp(opts.tlp, t);
    }
    let validUntil: string | null = null;
    if (cell('valid_until') !== '') {
      validUntil = isoTime(cell('valid_until'));
      if (validUntil === null) {
        batch.skipped.push({ item, reason: 'valid_until is not an ISO-8601 date or time' });
        continue;
      }
    }
    const ind = simpleIndicator({ source, type, value, name: null, confidence, tlp, validUntil, labels: [], modified: opts.mtime });
    batch.indicators.push(ind);
    const actor = cell('actor');
    if (actor !== '' && actorKey(actor) !== '') {
      const link = actorLink(ind, `${source}:actor:${actorKey(actor)}`, actor, source, tlp);
      batch.actors.push(link.actor);
      batch.relationships.push(link.rel);
    }
  }
  return batch;
}
