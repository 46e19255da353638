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
