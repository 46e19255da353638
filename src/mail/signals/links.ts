import type { Signal } from '../types.js';
import type { AnalyzedLink } from '../links/analyze.js';
import type { AttachmentResult } from '../attachment-adapter.js';
import { signal } from '../verdict.js';

/** Link and attachment flags turned into signals (each rule once per message, with the first evidence). */
const LINK_FLAG_SIGNALS: Record<string, string> = {
  'ip-host': 'link.ip-host', 'obfuscated-host': 'link.obfuscated-host', userinfo: 'link.userinfo', shortener: 'link.shortener',
  'open-redirect': 'link.open-redirect', 'data-url': 'link.data-url', 'javascript-url': 'link.javascript-url', ipfs: 'link.ipfs',
  'free-hosting': 'link.free-hosting', 'credential-path': 'link.credential-path', 'text-mismatch': 'link.text-mismatch',
  'form-action': 'link.form-action', 'abused-tld': 'link.abused-tld', 'text-mismatch-brand': 'link.text-mismatch-brand', 'password-form': 'link.password-form', punycode: 'link.punycode', 'nonstandard-port': 'link.nonstandard-port', 'meta-refresh': 'link.meta-refresh',
  'image-host': 'link.image-host', 'bucket-page': 'link.bucket-page',
};

export function linkSignals(links: AnalyzedLink[], out: Signal[]): void {
  const done = new Set<string>();
  for (const l of links) {
    for (const f of l.flags) {
      const id = LINK_FLAG_SIGNALS[f];
      if (id === undefined || done.has(id)) continue;
      done.add(id);
      const shown = l.displayText !== null && l.displayText !== '' ? ` (shown as "${l.displayText.slice(0, 80)}")` : '';
      out.push(signal(id, `link ${f}`, `${l.url.slice(0, 300)}${shown}`));
    }
    // a brand's domain in a path is how CDNs and archives name files; only with a login-looking path is it a lure
    if (l.lookalike !== null && (l.lookalike.technique !== 'in-path' || l.flags.includes('credential-path'))) {
      const id = l.lookalike.target.kind === 'org' ? 'lookalike.org' : 'lookalike.brand';
      if (!done.has(id)) {
        done.add(id);
        out.push(signal(id, `link host ${l.host} imitates ${l.lookalike.target.name} (${l.lookalike.technique})`, l.lookalike.evidence));
      }
      if (l.lookalike.target.kind === 'brand' && l.lookalike.technique === 'domain-in-subdomain' && !done.has('lookalike.brand-domain-in-host')) {
        done.add('lookalike.brand-domain-in-host');
        out.push(signal('lookalike.brand-domain-in-host', `link host ${l.host} starts with ${l.lookalike.target.name}'s own domain`, l.lookalike.evidence));
      }
    }
  }
}

export function attachmentSignals(results: AttachmentResult[], out: Signal[]): void {
  for (const a of results) {
    for (const f of a.findings.slice(0, 20)) {
      out.push(signal(`attachment.${f.id}`, `${a.filename ?? '(unnamed)'}: ${f.detail}`, f.evidence, f.severity));
    }
  }
}

