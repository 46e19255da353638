import { loadMatcher, type Matcher } from '../../intel/index.js';
import type { Db } from '../../store/index.js';

/**
 * The intel matcher is an in-memory index built from the whole intel store (seconds at a million indicators), so
 * the server builds it once and reuses it: rebuilt after an import through the API, and at most this old when
 * the store changed behind the server's back (a CLI import).
 */
const MAX_AGE_MS = 60_000;

const cache = new WeakMap<Db, { matcher: Promise<Matcher>; at: number }>();

export function intelMatcher(db: Db): Promise<Matcher> {
  const c = cache.get(db);
  if (c !== undefined && Date.now() - c.at < MAX_AGE_MS) return c.matcher;
  const matcher = loadMatcher(db);
  cache.set(db, { matcher, at: Date.now() });
  matcher.catch(() => cache.delete(db));
  return matcher;
}

export function invalidateIntel(db: Db): void {
  cache.delete(db);
}
