import crypto from 'node:crypto';

/**
 * API tokens and session ids are 32 random bytes; only their SHA-256 is stored (a random secret of that size
 * needs no slow hash). Tokens carry a readable prefix so that a leaked one can be recognised in logs and revoked.
 */
export const TOKEN_PREFIX = 'swt_';

export function newSecret(): string {
  return crypto.randomBytes(32).toString('base64url');
}

export function newApiToken(): { token: string; prefix: string; hash: string } {
  const token = TOKEN_PREFIX + newSecret();
  return { token, prefix: token.slice(0, TOKEN_PREFIX.length + 6), hash: hashSecret(token) };
}

export function hashSecret(secret: string): string {
  return crypto.createHash('sha256').update(secret).digest('hex');
}
