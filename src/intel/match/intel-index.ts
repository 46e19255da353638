import { formatCidr, parseCidr, parseIpv4, parseIpv6, v4Mapped } from '../ip.js';
import { domainChain, normaliseEmail, normaliseUrl, normaliseValue, type IndicatorType, type NormaliseOptions } from '../values.js';
import { Cidr4Index } from './cidr4.js';
import { Cidr6Index } from './cidr6.js';

/** How an observable reached an indicator. */
export type MatchVia = 'exact' | 'cidr' | 'parent-domain' | 'url-host' | 'email-domain' | 'pattern';

export interface Hit {
  /** Store row id of the indicator. */
  handle: number;
  /** The indicator value that matched (the CIDR, the parent domain…). */
  indicatorValue: string;
  indicatorType: IndicatorType;
  via: MatchVia;
}

type Slot = number | number[];

/**
 * The in-memory index of atomic indicator values: exact hash maps per type, interval/prefix structures for
 * CIDRs. Holds only row ids; the matcher fetches details for the few rows that hit.
 */
export class IntelIndex {
  private readonly exact = new Map<IndicatorType, Map<string, Slot>>();
  readonly cidr4 = new Cidr4Index();
  readonly cidr6 = new Cidr6Index();
  private count = 0;
  /** Reused block-position buffer for IPv4 CIDR lookups (the matcher is single-threaded). */
  private readonly scratch: number[] = [];

  constructor(private readonly norm: NormaliseOptions = {}) {}

  get size(): number {
    return this.count;
  }

  /** Add a stored (already normalised) value. */
  add(handle: number, type: IndicatorType, value: string): void {
    this.count++;
    if (type === 'cidr') {
      const c = parseCidr(value);
      if (c === null) return;
      if (c.family === 4) this.cidr4.add(c.network as number, c.prefix, handle);
      else this.cidr6.add(c.network as bigint, c.prefix, handle);
      return;
    }
    let m = this.exact.get(type);
    if (m === undefined) {
      m = new Map();
      this.exact.set(type, m);
    }
    const cur = m.get(value);
    if (cur === undefined) m.set(value, handle);
    else if (Array.isArray(cur)) cur.push(handle);
    else m.set(value, [cur, handle]);
  }

  build(): void {
    this.cidr4.build();
  }

  /** Exact probe of a normalised value: the hot path, no allocation on a miss. */
  probeExact(type: IndicatorType, value: string, via: MatchVia, out: Hit[]): void {
    const slot = this.exact.get(type)?.get(value);
    if (slot === undefined) return;
    if (Array.isArray(slot)) for (const h of slot) out.push({ handle: h, indicatorValue: value, indicatorType: type, via });
    else out.push({ handle: slot, indicatorValue: value, indicatorType: type, via });
  }

  probeIpv4(n: number, text: string, via: MatchVia, out: Hit[]): void {
    this.probeExact('ipv4', text, via, out);
    const v: MatchVia = via === 'exact' ? 'cidr' : via;
    const pos = this.scratch;
    pos.length = 0;
    this.cidr4.lookup(n, pos);
    for (const i of pos) this.emitCidr4(i, v, out);
  }

  private emitCidr4(i: number, via: MatchVia, out: Hit[]): void {
    const h = this.cidr4.handlesAt(i);
    const text = this.cidr4.textAt(i);
    if (Array.isArray(h)) for (const x of h) out.push({ handle: x, indicatorValue: text, indicatorType: 'cidr', via });
    else out.push({ handle: h, indicatorValue: text, indicatorType: 'cidr', via });
  }

  private probeIp(text: string, via: MatchVia, out: Hit[]): boolean {
    const n4 = parseIpv4(text);
    if (n4 !== null) {
      this.probeIpv4(n4, text, via, out);
      return true;
    }
    const n6 = parseIpv6(text);
    if (n6 === null) return false;
    const mapped = v4Mapped(n6);
    if (mapped !== null) {
      const t = normaliseValue('ipv4', `${mapped >>> 24}.${(mapped >>> 16) & 255}.${(mapped >>> 8) & 255}.${mapped & 255}`)!;
      this.probeIpv4(mapped, t, via, out);
      return true;
    }
    this.probeExact('ipv6', normaliseValue('ipv6', text)!, via, out);
    const cs: { network: bigint; prefix: number; handle: number }[] = [];
    this.cidr6.lookup(n6, cs);
    for (const c of cs) out.push({ handle: c.handle, indicatorValue: formatCidr({ family: 6, network: c.network, prefix: c.prefix }), indicatorType: 'cidr', via: via === 'exact' ? 'cidr' : via });
    return true;
  }

  private probeDomain(domain: string, firstVia: MatchVia, out: Hit[]): void {
    const chain = domainChain(domain);
    chain.forEach((d, i) => this.probeExact('domain', d, i === 0 ? firstVia : firstVia === 'exact' ? 'parent-domain' : firstVia, out));
  }

  /** All hits for one observable, normalising it first. Unknown or invalid values hit nothing. */
  probe(type: string, raw: string, out: Hit[]): void {
    switch (type) {
      case 'ipv4':
      case 'ipv6':
      case 'ip':
        this.probeIp(raw.trim().replace(/^\[|\]$/g, ''), 'exact', out);
        return;
      case 'cidr': {
        const c = parseCidr(raw.trim());
        if (c === null) return;
        if (c.family === 4) {
          const pos: number[] = [];
          this.cidr4.lookup(c.network as number, pos);
          for (const i of pos) {
            const p = this.cidr4.prefixAt(i);
            if (p <= c.prefix) this.emitCidr4(i, p === c.prefix ? 'exact' : 'cidr', out);
          }
        } else {
          const cs: { network: bigint; prefix: number; handle: number }[] = [];
          this.cidr6.lookup(c.network as bigint, cs);
          for (const x of cs) if (x.prefix <= c.prefix) out.push({ handle: x.handle, indicatorValue: formatCidr({ family: 6, network: x.network, prefix: x.prefix }), indicatorType: 'cidr', via: x.prefix === c.prefix ? 'exact' : 'cidr' });
        }
        return;
      }
      case 'domain': {
        const d = normaliseValue('domain', raw);
        if (d !== null) this.probeDomain(d, 'exact', out);
        return;
      }
      case 'url': {
        const u = normaliseUrl(raw);
        if (u === null) return;
        this.probeExact('url', u.url, 'exact', out);
        if (!this.probeIp(u.host, 'url-host', out)) {
          const d = normaliseValue('domain', u.host);
          if (d !== null) this.probeDomain(d, 'url-host', out);
        }
        return;
      }
      case 'email': {
        const e = normaliseEmail(raw);
        if (e === null) return;
        this.probeExact('email', e.email, 'exact', out);
        this.probeDomain(e.domain, 'email-domain', out);
        return;
      }
      case 'sha256':
      case 'sha1':
      case 'md5':
      case 'btc-address':
      case 'eth-address': {
        const v = normaliseValue(type, raw, this.norm);
        if (v !== null) this.probeExact(type, v, 'exact', out);
        return;
      }
      default:
        return;
    }
  }
}
