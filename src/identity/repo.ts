import { isoNow, SpearwatchError, type Clock } from '../core/index.js';
import type { Queryable } from '../store/index.js';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.js';
import { hashSecret, newApiToken, newSecret } from './tokens.js';
import { ROLES, type ApiTokenInfo, type Principal, type Role, type User } from './types.js';

const EMAIL_RE = /^[^\s@<>()[\]\\,;:"]{1,64}@[a-z0-9.-]{1,253}\.[a-z]{2,63}$/i;

/** Sessions last 12 hours: a working day, then log in again. */
export const SESSION_TTL_MS = 12 * 3600 * 1000;

export function parseRole(role: string): Role {
  if (!(ROLES as readonly string[]).includes(role)) throw new SpearwatchError('SW_USAGE', `role must be one of ${ROLES.join(', ')} (got ${role})`);
  return role as Role;
}

interface UserRow {
  id: number;
  email: string;
  org_id: string;
  role: string;
  created_at: string;
  disabled: number;
  password_hash?: string | null;
}

const toUser = (r: UserRow): User => ({ id: r.id, email: r.email, orgId: r.org_id, role: r.role as Role, createdAt: r.created_at, disabled: r.disabled === 1 });

async function requireOrgExists(q: Queryable, orgId: string): Promise<void> {
  if ((await q.get('SELECT id FROM organizations WHERE id = ?', [orgId])) === undefined) {
    throw new SpearwatchError('SW_NOT_FOUND', `no organisation "${orgId}" (see spearwatch org list)`);
  }
}

/** Create a user, or update its organisation, role and password when the e-mail exists. */
export async function upsertUser(
  q: Queryable,
  input: { email: string; orgId: string; role: Role; password?: string | undefined },
  clock?: Clock,
): Promise<{ user: User; created: boolean }> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL_RE.test(email)) throw new SpearwatchError('SW_USAGE', `not an e-mail address: ${input.email}`);
  if (input.password !== undefined && input.password.length < MIN_PASSWORD_LENGTH) {
    throw new SpearwatchError('SW_USAGE', `passwords need at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  await requireOrgExists(q, input.orgId);
  const hash = input.password === undefined ? null : await hashPassword(input.password);
  const existing = await q.get<UserRow>('SELECT id FROM users WHERE email = ?', [email]);
  if (existing === undefined) {
    await q.run('INSERT INTO users (email, org_id, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)', [email, input.orgId, input.role, hash, isoNow(clock)]);
  } else {
    await q.run('UPDATE users SET org_id = ?, role = ?, password_hash = COALESCE(?, password_hash) WHERE id = ?', [input.orgId, input.role, hash, existing.id]);
  }
  const row = await q.get<UserRow>('SELECT id, email, org_id, role, created_at, disabled FROM users WHERE email = ?', [email]);
  return { user: toUser(row!), created: existing === undefined };
}

export async function listUsers(q: Queryable, orgId?: string): Promise<User[]> {
  const rows = orgId === undefined
    ? await q.all<UserRow>('SELECT id, email, org_id, role, created_at, disabled FROM users ORDER BY email')
    : await q.all<UserRow>('SELECT id, email, org_id, role, created_at, disabled FROM users WHERE org_id = ? ORDER BY email', [orgId]);
  return rows.map(toUser);
}

/** Check a password; the same answer (null) for an unknown user, a wrong password and a disabled account. */
export async function authenticatePassword(q: Queryable, email: string, password: string): Promise<User | null> {
  const row = await q.get<UserRow>('SELECT id, email, org_id, role, created_at, disabled, password_hash FROM users WHERE email = ?', [email.trim().toLowerCase()]);
  const ok = await verifyPassword(password, row?.password_hash ?? null);
  return ok && row !== undefined && row.disabled === 0 ? toUser(row) : null;
}

export async function createSession(q: Queryable, userId: number, clock?: Clock): Promise<{ sessionId: string; csrfToken: string; expiresAt: string }> {
  const sessionId = newSecret();
  const csrfToken = newSecret();
  const now = clock?.now() ?? new Date();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS).toISOString();
  await q.run('DELETE FROM sessions WHERE expires_at < ?', [now.toISOString()]);
  await q.run('INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)', [hashSecret(sessionId), userId, csrfToken, now.toISOString(), expiresAt]);
  return { sessionId, csrfToken, expiresAt };
}

export async function deleteSession(q: Queryable, sessionId: string): Promise<void> {
  await q.run('DELETE FROM sessions WHERE id_hash = ?', [hashSecret(sessionId)]);
}

/** The principal behind a session cookie, with the CSRF token its unsafe requests must echo. */
export async function resolveSession(q: Queryable, sessionId: string, clock?: Clock): Promise<{ principal: Principal; csrfToken: string } | null> {
  const row = await q.get<UserRow & { csrf_token: string }>(
    `SELECT u.id, u.email, u.org_id, u.role, u.created_at, u.disabled, s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.id_hash = ? AND s.expires_at > ?`,
    [hashSecret(sessionId), isoNow(clock)],
  );
  if (row === undefined || row.disabled === 1) return null;
  return { principal: { kind: 'user', id: row.id, name: row.email, orgId: row.org_id, role: row.role as Role }, csrfToken: row.csrf_token };
}

export async function createApiToken(
  q: Queryable,
  input: { orgId: string; role: Role; name?: string | undefined; expiresAt?: string | undefined },
  clock?: Clock,
): Promise<{ token: string; info: ApiTokenInfo }> {
  await requireOrgExists(q, input.orgId);
  const t = newApiToken();
  const name = input.name ?? `token ${t.prefix}`;
  const now = isoNow(clock);
  await q.run(
    'INSERT INTO api_tokens (token_hash, prefix, name, org_id, role, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [t.hash, t.prefix, name, input.orgId, input.role, now, input.expiresAt ?? null],
  );
  const info = (await listApiTokens(q, input.orgId)).find((x) => x.prefix === t.prefix && x.createdAt === now)!;
  return { token: t.token, info };
}

interface TokenRow {
  id: number;
  name: string;
  prefix: string;
  org_id: string;
  role: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked: number;
}

const toToken = (r: TokenRow): ApiTokenInfo => ({
  id: r.id, name: r.name, prefix: r.prefix, orgId: r.org_id, role: r.role as Role,
  createdAt: r.created_at, expiresAt: r.expires_at, lastUsedAt: r.last_used_at, revoked: r.revoked === 1,
});

export async function listApiTokens(q: Queryable, orgId?: string): Promise<ApiTokenInfo[]> {
  const cols = 'id, name, prefix, org_id, role, created_at, expires_at, last_used_at, revoked';
  const rows = orgId === undefined
    ? await q.all<TokenRow>(`SELECT ${cols} FROM api_tokens ORDER BY id`)
    : await q.all<TokenRow>(`SELECT ${cols} FROM api_tokens WHERE org_id = ? ORDER BY id`, [orgId]);
  return rows.map(toToken);
}

export async function revokeApiToken(q: Queryable, id: number, orgId?: string): Promise<boolean> {
  const r = orgId === undefined
    ? await q.run('UPDATE api_tokens SET revoked = 1 WHERE id = ?', [id])
    : await q.run('UPDATE api_tokens SET revoked = 1 WHERE id = ? AND org_id = ?', [id, orgId]);
  return r.changes > 0;
}

export async function resolveApiToken(q: Queryable, token: string, clock?: Clock): Promise<Principal | null> {
  const now = isoNow(clock);
  const row = await q.get<TokenRow>(
    'SELECT id, name, prefix, org_id, role, created_at, expires_at, last_used_at, revoked FROM api_tokens WHERE token_hash = ?',
    [hashSecret(token)],
  );
  if (row === undefined || row.revoked === 1 || (row.expires_at !== null && row.expires_at <= now)) return null;
  // Record use at most once a minute per token, so that a busy script does not turn reads into writes.
  if (row.last_used_at === null || row.last_used_at.slice(0, 16) !== now.slice(0, 16)) {
    await q.run('UPDATE api_tokens SET last_used_at = ? WHERE id = ?', [now, row.id]);
  }
  return { kind: 'token', id: row.id, name: row.name, orgId: row.org_id, role: row.role as Role };
}
