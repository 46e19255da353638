export const ROLES = ['admin', 'analyst', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is asking. `admin` sees every organisation; `analyst` and `viewer` only their own (and campaigns across
 * organisations only as counts and shared indicators). `viewer` cannot change anything.
 */
export interface Principal {
  kind: 'user' | 'token';
  id: number;
  /** The user's e-mail or the token's name, for logs. */
  name: string;
  orgId: string;
  role: Role;
}

export interface User {
  id: number;
  email: string;
  orgId: string;
  role: Role;
  createdAt: string;
  disabled: boolean;
}

export interface ApiTokenInfo {
  id: number;
  name: string;
  prefix: string;
  orgId: string;
  role: Role;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revoked: boolean;
}
