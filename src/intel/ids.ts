import crypto from 'node:crypto';

/** spearwatch's UUIDv5 namespace for identifiers it derives (actors, generated indicators, org identities). */
const NAMESPACE = Buffer.from('6b1c6a52f3a84e0c9d3e2b7c5a1f0e42', 'hex');

/** RFC 9562 UUIDv5 of `name` in the spearwatch namespace: the same input always yields the same STIX id. */
export function uuidv5(name: string): string {
  const h = crypto.createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

export function stixId(type: string, name: string): string {
  return `${type}--${uuidv5(name)}`;
}

const STIX_ID = /^[a-z][a-z0-9-]*--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function isStixId(v: unknown): v is string {
  return typeof v === 'string' && v.length < 200 && STIX_ID.test(v);
}
