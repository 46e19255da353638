/** Data goes to stdout (JSON with --json, a table otherwise); everything else goes to stderr. */

export function printJson(value: unknown, out: NodeJS.WritableStream = process.stdout): void {
  out.write(JSON.stringify(value, null, 2) + '\n');
}

/** One JSON object per line (for streams of results such as scanned messages). */
export function printJsonLine(value: unknown, out: NodeJS.WritableStream = process.stdout): void {
  out.write(JSON.stringify(value) + '\n');
}

/** Display width: East Asian wide characters (Hangul, CJK) take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xff60) ? 2 : 1;
  }
  return w;
}

function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

/** A plain aligned table; long cells are cut to `maxCell` columns. */
export function formatTable(headers: string[], rows: string[][], maxCell = 60): string {
  const cut = (s: string): string => {
    if (displayWidth(s) <= maxCell) return s;
    let out = '';
    for (const ch of s) {
      if (displayWidth(out + ch) > maxCell - 1) break;
      out += ch;
    }
    return out + '…';
  };
  const cells = [headers, ...rows].map((r) => r.map((c) => cut(c.replace(/[\r\n\t]+/g, ' '))));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => displayWidth(r[i] ?? ''))));
  const line = (r: string[]): string => r.map((c, i) => pad(c, widths[i] ?? 0)).join('  ').trimEnd();
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n') + '\n';
}

export function printTable(headers: string[], rows: string[][], out: NodeJS.WritableStream = process.stdout): void {
  out.write(formatTable(headers, rows));
}
