import net from 'node:net';
import type { Organization } from './types.js';

/**
 * Decides whether a Received hop is one of the organisation's own relays. The Received chain is trusted up to
 * the first hop from outside them; everything below that is what the sender claims.
 */
export interface RelayMatcher {
  isTrusted(hop: { ip?: string | null | undefined; host?: string | null | undefined }): boolean;
}

export function relayMatcher(org: Pick<Organization, 'trustedRelays'> | undefined): RelayMatcher {
  const list = new net.BlockList();
  const hosts = new Set<string>();
  const suffixes: string[] = [];
  for (const r of org?.trustedRelays ?? []) {
    const slash = r.indexOf('/');
    if (slash > 0) {
      const ip = r.slice(0, slash);
      const fam = net.isIP(ip) === 6 ? 'ipv6' : 'ipv4';
      list.addSubnet(ip, Number(r.slice(slash + 1)), fam);
    } else if (net.isIP(r) !== 0) {
      list.addAddress(r, net.isIP(r) === 6 ? 'ipv6' : 'ipv4');
    } else if (r.startsWith('*.')) {
      suffixes.push(r.slice(1));
    } else {
      hosts.add(r);
    }
  }
  return {
    isTrusted(hop) {
      const ip = hop.ip ?? undefined;
      if (ip !== undefined && net.isIP(ip) !== 0 && list.check(ip, net.isIP(ip) === 6 ? 'ipv6' : 'ipv4')) return true;
      const host = hop.host?.toLowerCase().replace(/\.$/, '');
      if (host === undefined || host === '') return false;
      return hosts.has(host) || suffixes.some((s) => host.endsWith(s));
    },
  };
}
