import { SpearwatchError } from '../core/index.js';
import type { Principal } from './types.js';

/** Organisations a principal may see in full: all for admins, its own otherwise. */
export function visibleOrgs(p: Principal): 'all' | string[] {
  return p.role === 'admin' ? 'all' : [p.orgId];
}

export function canSeeOrg(p: Principal, orgId: string): boolean {
  return p.role === 'admin' || p.orgId === orgId;
}

/** Refuse with 404 rather than 403, so that another organisation's objects cannot be probed for existence. */
export function assertOrgVisible(p: Principal, orgId: string, what: string): void {
  if (!canSeeOrg(p, orgId)) throw new SpearwatchError('SW_NOT_FOUND', `${what} not found`);
}

export function assertCanWrite(p: Principal): void {
  if (p.role === 'viewer') throw new SpearwatchError('SW_FORBIDDEN', 'viewers cannot change anything');
}

export function assertAdmin(p: Principal): void {
  if (p.role !== 'admin') throw new SpearwatchError('SW_FORBIDDEN', 'only admins can do this');
}
