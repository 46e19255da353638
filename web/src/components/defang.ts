/** Show a URL or host so nobody can click or paste it by accident: https://a.b → hxxps://a[.]b. */
export function defang(url: string): string {
  const m = /^([a-z][a-z0-9+.-]{0,30}):(\/\/)?([^/?#]*)([\s\S]*)$/i.exec(url);
  if (m === null) return url.replace(/\./g, '[.]');
  const scheme = (m[1] ?? '').toLowerCase();
  const web = scheme === 'http' || scheme === 'https';
  const shown = web ? scheme.replace('tt', 'xx') : `${scheme}[:]`;
  return `${shown}${web ? ':' : ''}${m[2] ?? ''}${(m[3] ?? '').replace(/\./g, '[.]').replace(/@/g, '[@]')}${m[4] ?? ''}`;
}

export function defangHost(host: string): string {
  return host.replace(/\./g, '[.]');
}

/** Free text (signal evidence, details) with every URL in it defanged. */
export function defangText(text: string): string {
  return text.replace(/\b(?:https?|ftp):\/\/[^\s<>"']{1,2000}/gi, (u) => defang(u));
}
