import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnalysisContext, OrgLike } from './types.js';
import { DEFAULT_BRANDS } from './brands.js';

/** The repository root, from either src/ or dist/src/. */
export function repoRoot(): string {
  let d = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(d, 'package.json'))) d = path.dirname(d);
  return d;
}

export function fixture(...p: string[]): string {
  return path.join(repoRoot(), 'test', 'fixtures', 'mail', ...p);
}

export const ACME: OrgLike = {
  id: 'acme', name: 'Acme Exchange', domains: ['acme-exchange.com'], authservId: 'mx.acme-exchange.com', trustedRelays: ['10.0.0.0/8', 'mx1.acme-exchange.com'],
};

export function ctxFor(org: OrgLike | null = ACME): AnalysisContext {
  return { org, orgs: [ACME], partnerBrands: DEFAULT_BRANDS, authMode: 'offline' };
}

export function msg(headers: string, body = 'hello\n'): Buffer {
  return Buffer.from(headers.trim().replace(/\n/g, '\r\n') + '\r\n\r\n' + body.replace(/\n/g, '\r\n'));
}
