import type { Queryable } from '../store/index.js';

export async function getTraceMeta(q: Queryable, key: string): Promise<string | undefined> {
  const r = await q.get<{ value: string }>('SELECT value FROM trace_meta WHERE key = ?', [key]);
  return r?.value;
}

export async function setTraceMeta(q: Queryable, key: string, value: string): Promise<void> {
  await q.run('INSERT INTO trace_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
}
