import net from 'node:net';
import url from 'node:url';
import { LIMITS, SpearwatchError, UNSAFE_KEYS } from '../core/index.js';
import type { Organization } from './types.js';

const ID_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const LABEL_RE = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

function invalid(where: string, msg: string): SpearwatchError {
  return new SpearwatchError('SW_INPUT_INVALID', `${where}: ${msg}`);
}

/** Lowercase ASCII (punycode) host name, or null when it is not a syntactically valid one. */
export function normalizeHostname(input: string): string | null {
  let h = input.trim().toLowerCase().replace(/\.$/, '');
  if (h === '' || h.length > 253) return null;
  if (/[^\x00-\x7f]/.test(h)) {
    h = url.domainToASCII(h);
    if (h === '') return null;
  }
  const labels = h.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL_RE.test(l))) return null;
  return h;
}

/** A relay entry: IP, CIDR, host name or `*.` wildcard host; returned in canonical form. */
export function normalizeRelay(input: string): string | null {
  const s = input.trim().toLowerCase();
  const slash = s.indexOf('/');
  if (slash > 0) {
    const ip = s.slice(0, slash);
    const bitsText = s.slice(slash + 1);
    const family = net.isIP(ip);
    if (family === 0 || !/^\d{1,3}$/.test(bitsText)) return null;
    const bits = Number(bitsText);
    if (bits > (family === 4 ? 32 : 128)) return null;
    return `${ip}/${bits}`;
  }
  if (net.isIP(s) !== 0) return s;
  if (s.startsWith('*.')) {
    const rest = normalizeHostname(s.slice(2));
    return rest === null ? null : `*.${rest}`;
  }
  return normalizeHostname(s);
}

function stringArray(v: unknown, where: string, field: string, max: number): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw invalid(where, `"${field}" must be an array of strings`);
  if (v.length > max) throw new SpearwatchError('SW_INPUT_TOO_LARGE', `${where}: "${field}" has ${v.length} entries (limit ${max})`);
  return v.map((x, i) => {
    if (typeof x !== 'string') throw invalid(where, `"${field}"[${i}] must be a string`);
    return x;
  });
}

/** Validate and normalise one organisation from untrusted input (CLI flags or an import file). */
export function parseOrganization(raw: unknown, where: string): Organization {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid(where, 'must be an object');
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o)) if (UNSAFE_KEYS.has(k)) throw invalid(where, `forbidden key "${k}"`);
  const id = o.id;
  if (typeof id !== 'string' || !ID_RE.test(id)) {
    throw invalid(where, `"id" must be 1–64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit (got ${JSON.stringify(id)})`);
  }
  const name = o.name;
  if (typeof name !== 'string' || name.trim() === '' || name.length > 200) throw invalid(where, '"name" must be a non-empty string of at most 200 characters');
  const domains = stringArray(o.domains, where, 'domains', LIMITS.orgDomains).map((d) => {
    const n = normalizeHostname(d);
    if (n === null) throw invalid(where, `"domains": ${JSON.stringify(d)} is not a valid domain name`);
    return n;
  });
  if (domains.length === 0) throw invalid(where, '"domains" must list at least one domain');
  let authservId: string | null = null;
  if (o.authservId !== undefined && o.authservId !== null && o.authservId !== '') {
    if (typeof o.authservId !== 'string') throw invalid(where, '"authservId" must be a string');
    authservId = normalizeHostname(o.authservId) ?? (/^[a-z0-9._-]{1,253}$/i.test(o.authservId) ? o.authservId.toLowerCase() : null);
    if (authservId === null) throw invalid(where, `"authservId": ${JSON.stringify(o.authservId)} is not a valid host name`);
  }
  const trustedRelays = stringArray(o.trustedRelays, where, 'trustedRelays', LIMITS.orgTrustedRelays).map((r) => {
    const n = normalizeRelay(r);
    if (n === null) throw invalid(where, `"trustedRelays": ${JSON.stringify(r)} is not an IP, CIDR or host name`);
    return n;
  });
  return { id, name: name.trim(), domains: [...new Set(domains)], authservId, trustedRelays: [...new Set(trustedRelays)] };
}

/** Parse the org import file shape: a JSON array of organisations (extra keys ignored). */
export function parseOrganizationList(value: unknown, source: string): Organization[] {
  if (!Array.isArray(value)) throw invalid(source, 'must be a JSON array of organisations');
  if (value.length > LIMITS.orgImportCount) {
    throw new SpearwatchError('SW_INPUT_TOO_LARGE', `${source}: ${value.length} organisations (limit ${LIMITS.orgImportCount})`);
  }
  const orgs = value.map((v, i) => parseOrganization(v, `${source}[${i}]`));
  const seenId = new Map<string, number>();
  const seenDomain = new Map<string, string>();
  orgs.forEach((o, i) => {
    const prev = seenId.get(o.id);
    if (prev !== undefined) throw invalid(`${source}[${i}]`, `duplicate id "${o.id}" (also at [${prev}])`);
    seenId.set(o.id, i);
    for (const d of o.domains) {
      const owner = seenDomain.get(d);
      if (owner !== undefined) throw new SpearwatchError('SW_CONFLICT', `${source}[${i}]: domain ${d} is listed for both "${owner}" and "${o.id}"`);
      seenDomain.set(d, o.id);
    }
  });
  return orgs;
}
