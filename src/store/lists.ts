/** Split a list into chunks (IN lists stay under both engines' parameter limits). */
export function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `?, ?, …`: the parameters of an IN list or a VALUES row of `n` items. */
export function placeholders(n: number): string {
  return new Array(n).fill('?').join(', ');
}
