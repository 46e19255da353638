export { ROLES, type ApiTokenInfo, type Principal, type Role, type User } from './types.js';
export { hashPassword, verifyPassword, MIN_PASSWORD_LENGTH } from './passwords.js';
export { TOKEN_PREFIX } from './tokens.js';
export {
  authenticatePassword, createApiToken, createSession, deleteSession, listApiTokens, listUsers, parseRole,
  resolveApiToken, resolveSession, revokeApiToken, SESSION_TTL_MS, upsertUser,
} from './repo.js';
export { assertAdmin, assertCanWrite, assertOrgVisible, canSeeOrg, visibleOrgs } from './access.js';
