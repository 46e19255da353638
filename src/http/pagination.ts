import { Type } from '@sinclair/typebox';
import { SpearwatchError } from '../core/index.js';

/**
 * Cursor pagination: the cursor is the opaque, base64url-encoded sort key of the last item of the previous
 * page, so pages stay stable while new items arrive (offsets would shift).
 */
export const PageQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 512 })),
});

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): (string | number)[] | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v;
  } catch {
    // fall through
  }
  throw new SpearwatchError('SW_USAGE', 'invalid cursor');
}

export function page<T>(items: T[], limit: number, key: (item: T) => (string | number)[]): { items: T[]; nextCursor: string | null } {
  const more = items.length > limit;
  const shown = more ? items.slice(0, limit) : items;
  return { items: shown, nextCursor: more && shown.length > 0 ? encodeCursor(key(shown[shown.length - 1]!)) : null };
}

function compareKeys(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

/**
 * One page of a list held in memory (organisations, users, tokens, actors, tags, exchanges: small next to mail),
 * in the order of `key`, starting after the cursor's key. The cursor names a position, not an item, so a page is
 * still right when the item it ended on has since been deleted.
 */
export function pageOf<T>(
  all: readonly T[], query: { cursor?: string | undefined; limit?: number | undefined }, key: (item: T) => (string | number)[], defaultLimit = 100,
): { items: T[]; nextCursor: string | null } {
  const sorted = [...all].sort((a, b) => compareKeys(key(a), key(b)));
  const after = decodeCursor(query.cursor);
  const start = after === undefined ? 0 : sorted.findIndex((x) => compareKeys(key(x), after) > 0);
  const limit = query.limit ?? defaultLimit;
  return page(start === -1 ? [] : sorted.slice(start, start + limit + 1), limit, key);
}

/** Query string of a list paginated in memory. */
export const ListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  cursor: Type.Optional(Type.String({ maxLength: 512 })),
});

export const NextCursor = Type.Union([Type.String(), Type.Null()]);
