/** Longest URL shown; the full value is in the analysis and the raw download. */
const SHOWN_CHARS = 300;

/**
 * A URL made safe to show: `https://login.evil.example/x` → `hxxps://login[.]evil[.]example/x`. Nobody can click
 * it, paste it into a browser by accident, or have a mail client or chat tool turn it back into a link.
 */
export function defang(url: string): string {
  const u = url.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, SHOWN_CHARS * 2);
  const m = /^([a-z][a-z0-9+.-]{0,30}):(\/\/)?([^/?#]*)([\s\S]*)$/i.exec(u);
  let out: string;
  if (m === null) out = u.replace(/\./g, '[.]');
  else {
    const scheme = m[1]!.toLowerCase();
    const shown = scheme === 'http' ? 'hxxp' : scheme === 'https' ? 'hxxps' : scheme === 'ftp' ? 'fxp' : `${scheme}[`;
    const sep = scheme === 'http' || scheme === 'https' || scheme === 'ftp' ? `:${m[2] ?? ''}` : `:]${m[2] ?? ''}`;
    out = `${shown}${sep}${m[3]!.replace(/\./g, '[.]').replace(/@/g, '[@]')}${m[4]!}`;
  }
  return out.length > SHOWN_CHARS ? `${out.slice(0, SHOWN_CHARS)}…` : out;
}

/** The host of a URL for a placeholder, or null. */
export function hostOf(url: string): string | null {
  const m = /^[a-z][a-z0-9+.-]{0,30}:\/\/(?:[^/?#@]*@)?([^/?#:]+)/i.exec(url.trim());
  return m === null ? null : m[1]!.toLowerCase();
}
