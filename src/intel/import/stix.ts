import { SpearwatchError } from '../../core/index.js';
import { isStixId } from '../ids.js';
import { INTEL_LIMITS } from '../limits.js';
import { extractAtoms } from '../stix/pattern-atoms.js';
import { PatternSyntaxError } from '../stix/pattern-lexer.js';
import { parsePattern } from '../stix/pattern-parser.js';
import type { ComparisonNode, ObservationNode } from '../stix/pattern-ast.js';
import { unsafeRegex } from '../stix/pattern-eval.js';
import { maxTlp, parseTlp, TLP_MARKING_IDS, type Tlp } from '../tlp.js';
import { emptyBatch, type IntelBatch } from '../types.js';
import type { NormaliseOptions } from '../values.js';
import { isRecord, isoTime, optString } from './read.js';

export interface StixImportOptions extends NormaliseOptions {
  file: string;
  /** Source name; default: the bundle creator's identity name, else the file name. */
  source?: string;
  /** Minimum TLP applied to every object (markings in the file can only raise it). */
  tlp?: Tlp;
  /** File name without extension, the last-resort source name. */
  fallbackSource: string;
}

type Obj = Record<string, unknown>;

function fail(opts: StixImportOptions, where: string, reason: string): never {
  throw new SpearwatchError('SW_INPUT_INVALID', `${opts.file}: ${where}: ${reason}`);
}

function markingTlp(def: Obj): Tlp | null {
  const d = def.definition;
  if (def.definition_type === 'tlp' && isRecord(d) && typeof d.tlp === 'string') return parseTlp(d.tlp);
  if (isRecord(def.extensions)) {
    for (const ext of Object.values(def.extensions)) if (isRecord(ext) && typeof ext.tlp_2_0 === 'string') return parseTlp(ext.tlp_2_0);
  }
  if (typeof def.name === 'string' && /^TLP:/i.test(def.name)) return parseTlp(def.name);
  return null;
}

function stringArray(v: unknown, opts: StixImportOptions, where: string, field: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) fail(opts, where, `${field} must be a list of strings`);
  return (v).slice(0, INTEL_LIMITS.aliasesPerActor);
}

function collectRegexes(o: ObservationNode, out: string[]): void {
  const cmp = (c: ComparisonNode): void => {
    if (c.kind === 'and' || c.kind === 'or') {
      cmp(c.left);
      cmp(c.right);
    } else if (c.kind === 'test' && c.op === 'MATCHES' && !Array.isArray(c.value) && c.value.kind === 'string') out.push(c.value.value);
  };
  if (o.kind === 'observation') cmp(o.comparison);
  else if (o.kind === 'qualified') collectRegexes(o.inner, out);
  else {
    collectRegexes(o.left, out);
    collectRegexes(o.right, out);
  }
}

/**
 * STIX 2.0 and 2.1 bundles (or a single object) to store records. Structural faults (objects not a list, an
 * object without a valid type or id, wrong field types) refuse the whole file; unknown object types and bad
 * patterns are skipped with a reason.
 */
export function parseStix(doc: unknown, opts: StixImportOptions): IntelBatch {
  let objects: unknown[];
  if (isRecord(doc) && doc.type === 'bundle') {
    if (!Array.isArray(doc.objects)) fail(opts, 'bundle', '"objects" must be a list');
    objects = doc.objects as unknown[];
  } else if (isRecord(doc) && typeof doc.type === 'string' && isStixId(doc.id)) {
    objects = [doc];
  } else {
    fail(opts, 'document', 'not a STIX bundle or STIX object');
  }
  if (objects.length > INTEL_LIMITS.objectsPerFile) {
    throw new SpearwatchError('SW_INPUT_TOO_LARGE', `${opts.file}: ${objects.length} objects exceeds the limit of ${INTEL_LIMITS.objectsPerFile} per file`);
  }
  // First pass: structure, markings and identities (needed to name the source and resolve TLP).
  const markings = new Map<string, Tlp | null>();
  const identities = new Map<string, string>();
  objects.forEach((o, i) => {
    if (!isRecord(o)) fail(opts, `object ${i}`, 'not a JSON object');
    if (typeof o.type !== 'string' || !/^[a-z0-9-]{1,250}$/.test(o.type)) fail(opts, `object ${i}`, '"type" must be a STIX type name');
    if (!isStixId(o.id) || !o.id.startsWith(`${o.type}--`)) fail(opts, `object ${i} (${o.type})`, `"id" must be "${o.type}--<uuid>"`);
    if (o.type === 'marking-definition') markings.set(o.id, markingTlp(o));
    if (o.type === 'identity' && typeof o.name === 'string') identities.set(o.id, o.name);
  });
  let source = opts.source;
  if (source === undefined) {
    const creators = new Set(objects.map((o) => (o as Obj).created_by_ref).filter((x): x is string => typeof x === 'string'));
    const names = [...creators].map((c) => identities.get(c)).filter((x): x is string => x !== undefined);
    source = names.length === 1 ? names[0]! : opts.fallbackSource;
  }
  const batch = emptyBatch(opts.file, 'stix', source);
  batch.read = objects.length;
  const base: Tlp = opts.tlp ?? 'clear';

  for (const raw of objects) {
    const o = raw as Obj;
    const id = o.id as string;
    const type = o.type as string;
    const where = id;
    let tlp = base;
    for (const ref of stringArray(o.object_marking_refs, opts, where, 'object_marking_refs')) {
      const t = TLP_MARKING_IDS[ref] ?? markings.get(ref) ?? null;
      if (t !== null) tlp = maxTlp(tlp, t);
    }
    const created = o.created === undefined ? null : isoTime(o.created);
    const modified = o.modified === undefined ? created : isoTime(o.modified);
    if (o.created !== undefined && created === null) fail(opts, where, '"created" is not an RFC 3339 timestamp');
    if (o.modified !== undefined && modified === null) fail(opts, where, '"modified" is not an RFC 3339 timestamp');
    const revoked = o.revoked === true || o.x_mitre_deprecated === true;
    if (o.revoked !== undefined && typeof o.revoked !== 'boolean') fail(opts, where, '"revoked" must be a boolean');
    const needTimes = (): { created: string; modified: string } => {
      if (created === null || modified === null) fail(opts, where, '"created" and "modified" are required');
      return { created, modified };
    };
    switch (type) {
      case 'indicator': {
        const t = needTimes();
        if (typeof o.pattern !== 'string') fail(opts, where, '"pattern" must be a string');
        const patternType = o.pattern_type === undefined ? 'stix' : o.pattern_type;
        if (typeof patternType !== 'string') fail(opts, where, '"pattern_type" must be a string');
        if (o.confidence !== undefined && (typeof o.confidence !== 'number' || o.confidence < 0 || o.confidence > 100)) fail(opts, where, '"confidence" must be 0-100');
        const validFrom = o.valid_from === undefined ? null : isoTime(o.valid_from);
        const validUntil = o.valid_until === undefined ? null : isoTime(o.valid_until);
        if (o.valid_from !== undefined && validFrom === null) fail(opts, where, '"valid_from" is not a timestamp');
        if (o.valid_until !== undefined && validUntil === null) fail(opts, where, '"valid_until" is not a timestamp');
        let kind: 'atomic' | 'complex' = 'complex';
        let values: IntelBatch['indicators'][number]['values'] = [];
        if (patternType === 'stix') {
          let ast: ObservationNode;
          try {
            ast = parsePattern(o.pattern);
          } catch (e) {
            if (!(e instanceof PatternSyntaxError)) throw e;
            batch.skipped.push({ item: id, reason: `pattern syntax error: ${e.message}` });
            continue;
          }
          const atoms = extractAtoms(ast, opts);
          for (const bad of atoms.invalid) batch.warnings.push({ item: id, reason: `value ${JSON.stringify(bad.value)} on ${bad.path} dropped: ${bad.reason}` });
          if (atoms.complex) {
            batch.complexPatterns++;
            const regexes: string[] = [];
            collectRegexes(ast, regexes);
            for (const r of regexes) {
              const why = unsafeRegex(r);
              if (why !== null) batch.warnings.push({ item: id, reason: `MATCHES ${JSON.stringify(r)} kept but not evaluated: ${why}` });
            }
          } else {
            kind = 'atomic';
            values = atoms.atoms;
          }
        } else {
          batch.warnings.push({ item: id, reason: `pattern_type "${patternType}" stored but not evaluated` });
        }
        const labels = [...stringArray(o.labels, opts, where, 'labels'), ...stringArray(o.indicator_types, opts, where, 'indicator_types')];
        batch.indicators.push({
          stixId: id, source, name: optString(o.name), description: optString(o.description), pattern: o.pattern, patternType,
          patternKind: kind, values, confidence: typeof o.confidence === 'number' ? Math.round(o.confidence) : null, tlp,
          validFrom, validUntil, revoked, labels: [...new Set(labels)], firstSeen: null, lastSeen: null, ...t,
        });
        break;
      }
      case 'intrusion-set':
      case 'threat-actor': {
        const t = needTimes();
        if (typeof o.name !== 'string' || o.name.trim() === '') fail(opts, where, '"name" must be a non-empty string');
        batch.actors.push({
          ref: id, source, kind: type, name: o.name.trim(), aliases: stringArray(o.aliases, opts, where, 'aliases'),
          description: optString(o.description), tlp, revoked, modified: t.modified,
        });
        break;
      }
      case 'campaign': {
        const t = needTimes();
        if (typeof o.name !== 'string') fail(opts, where, '"name" must be a string');
        batch.campaigns.push({
          id, source, name: o.name, description: optString(o.description), aliases: stringArray(o.aliases, opts, where, 'aliases'),
          firstSeen: isoTime(o.first_seen), lastSeen: isoTime(o.last_seen), tlp, revoked, ...t,
        });
        break;
      }
      case 'malware': {
        const t = needTimes();
        const isFamily = o.is_family === undefined ? true : o.is_family;
        if (typeof isFamily !== 'boolean') fail(opts, where, '"is_family" must be a boolean');
        const name = typeof o.name === 'string' && o.name.trim() !== '' ? o.name.trim() : null;
        if (name === null) {
          batch.skipped.push({ item: id, reason: 'malware instance without a name' });
          break;
        }
        batch.malware.push({ id, source, name, aliases: stringArray(o.aliases ?? o.x_mitre_aliases, opts, where, 'aliases'), isFamily, tlp, revoked, ...t });
        break;
      }
      case 'relationship': {
        const t = needTimes();
        if (typeof o.relationship_type !== 'string') fail(opts, where, '"relationship_type" must be a string');
        if (!isStixId(o.source_ref) || !isStixId(o.target_ref)) fail(opts, where, '"source_ref" and "target_ref" must be STIX ids');
        batch.relationships.push({
          id, source, relationshipType: o.relationship_type, sourceRef: o.source_ref, targetRef: o.target_ref,
          confidence: typeof o.confidence === 'number' ? Math.round(o.confidence) : null, tlp, revoked, ...t,
        });
        break;
      }
      case 'identity': {
        const t = needTimes();
        if (typeof o.name !== 'string') fail(opts, where, '"name" must be a string');
        batch.identities.push({ id, name: o.name, identityClass: optString(o.identity_class), modified: t.modified });
        break;
      }
      case 'marking-definition': {
        // Marking definitions are immutable in STIX; `created` stands in for `modified`.
        const c = created ?? '1970-01-01T00:00:00.000Z';
        batch.markings.push({ id, tlp: markings.get(id) ?? null, name: optString(o.name), modified: c });
        break;
      }
      case 'observed-data': {
        const t = needTimes();
        const objs = o.objects ?? o.object_refs ?? null;
        batch.observedData.push({
          id, source, firstObserved: isoTime(o.first_observed), lastObserved: isoTime(o.last_observed),
          numberObserved: typeof o.number_observed === 'number' ? o.number_observed : null, objects: JSON.stringify(objs), tlp, modified: t.modified,
        });
        break;
      }
      case 'sighting':
        batch.skipped.push({ item: id, reason: 'sightings are recorded by scans, not imported' });
        break;
      default:
        batch.skipped.push({ item: id, reason: `type "${type}" is not stored by spearwatch` });
    }
  }
  return batch;
}
