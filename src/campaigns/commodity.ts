import { getDomain } from 'tldts';
import { ipv4ToInt } from '../core/index.js';
import { DEFAULT_BRANDS } from '../mail/index.js';
import { BIG_PROVIDER_DOMAINS, COMMODITY_CIDRS, COMMON_MAILERS, FREE_MAIL_DOMAINS, PUBLIC_HOSTING_DOMAINS, SHORTENER_DOMAINS } from './commodity-data.js';

/** Additions to the built-in commodity lists (per call or from `<home>/campaigns-commodity.json`). */
export interface CommodityExtra {
  domains?: readonly string[];
  cidrs?: readonly string[];
  mailers?: readonly string[];
}

/** Registrable domain (eTLD+1, ICANN suffixes only) of a host; null for IPs and junk. */
export function registrableOf(host: string): string | null {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (h === '' || h.length > 253) return null;
  return getDomain(h, { allowPrivateDomains: false });
}


interface Range { lo: number; hi: number }

function cidrRange(cidr: string): Range | null {
  const [ip, bitsText] = cidr.split('/');
  const base = ipv4ToInt(ip ?? '');
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (base === null || !Number.isInteger(bits) || bits < 0 || bits > 32) return null;
  const size = 2 ** (32 - bits);
  const lo = Math.floor(base / size) * size;
  return { lo, hi: lo + size - 1 };
}

/** Private, loopback, link-local, CGNAT, multicast and reserved space: never an attacker's public address. */
const NON_PUBLIC = ['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16', '224.0.0.0/3'];

/** The commodity lists plus the organisations' own domains, with fast membership tests. */
export class Commodity {
  private readonly domains = new Set<string>();
  private readonly platforms = new Set<string>();
  private readonly own = new Set<string>();
  private readonly ranges: Range[] = [];
  private readonly mailers: RegExp[] = [...COMMON_MAILERS];

  constructor(opts: { orgDomains?: readonly string[]; extra?: CommodityExtra } = {}) {
    const norm = (d: string): string => d.toLowerCase().replace(/\.$/, '');
    // the brands the scanner protects are legitimate services: their real domains are furniture in anyone's mail
    const brands = DEFAULT_BRANDS.flatMap((b) => b.domains);
    for (const d of [...FREE_MAIL_DOMAINS, ...SHORTENER_DOMAINS, ...BIG_PROVIDER_DOMAINS, ...brands, ...(opts.extra?.domains ?? [])]) this.domains.add(norm(d));
    for (const d of PUBLIC_HOSTING_DOMAINS) this.platforms.add(norm(d));
    for (const d of opts.orgDomains ?? []) this.own.add(norm(d));
    for (const c of [...COMMODITY_CIDRS, ...NON_PUBLIC, ...(opts.extra?.cidrs ?? [])]) {
      const r = cidrRange(c);
      if (r !== null) this.ranges.push(r);
    }
    for (const m of opts.extra?.mailers ?? []) this.mailers.push(new RegExp(`^${m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'i'));
  }

  private under(set: ReadonlySet<string>, host: string): boolean {
    let h = host.toLowerCase().replace(/\.$/, '');
    for (let i = 0; i < 12 && h !== ''; i++) {
      if (set.has(h)) return true;
      const dot = h.indexOf('.');
      if (dot < 0) return false;
      h = h.slice(dot + 1);
    }
    return false;
  }

  /**
   * How a host may link: `none` under free mail, shorteners, big providers and the organisations' own domains
   * (and for a hosting platform's own host); `host` for a tenant's host on a public hosting platform (the host is
   * theirs, the domain is not); `full` otherwise.
   */
  hostClass(host: string): 'none' | 'host' | 'full' {
    if (this.under(this.domains, host) || this.under(this.own, host)) return 'none';
    if (this.under(this.platforms, host)) return this.platforms.has(host.toLowerCase().replace(/^www\./, '').replace(/\.$/, '')) ? 'none' : 'host';
    return 'full';
  }

  /** Is this host (or a parent) a commodity domain of any kind (for sender and Reply-To domains)? */
  domain(host: string): boolean {
    return this.hostClass(host) !== 'full';
  }

  /** Is this host one of the organisations' own (an address there is spoofed, not the attacker's)? */
  ownDomain(host: string): boolean {
    return this.under(this.own, host);
  }

  ip(ip: string): boolean {
    const n = ipv4ToInt(ip);
    if (n === null) return ip.includes(':') ? /^(fe80|fc|fd|::1$|::$)/i.test(ip) : true;
    return this.ranges.some((r) => n >= r.lo && n <= r.hi);
  }

  commonMailer(mailer: string): boolean {
    return this.mailers.some((re) => re.test(mailer));
  }
}
