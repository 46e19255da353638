/** Four fictional exchanges (three Korean, one international) with staff, relays and authserv ids. */
import type { Rng } from './rng.js';
import type { DemoOrg, OrgImport, PartnerBrand, Staff } from './types.js';
import {
  englishFirstNames, englishLastNames, internationalStems, internationalSuffixes, koreanGivenNames, koreanStems, koreanSurnames,
  koreanSuffixes, koreanTlds, partnerBrands, roles,
} from './data/names.js';

/** Documentation prefixes (RFC 5737): each org's relays get a /28 in one, so they can never be real hosts. */
const TEST_NETS = ['192.0.2', '198.51.100', '203.0.113'];

type LocalPartStyle = (first: string, last: string) => string;
const localPartStyles: readonly LocalPartStyle[] = [
  (f, l) => `${f}.${l}`,
  (f, l) => `${f.charAt(0)}${l}`,
  (f, l) => `${l}.${f}`,
  (f, l) => `${f}${l.charAt(0)}`,
];

interface OrgIdentity {
  id: string;
  name: string;
  localName: string;
  domains: string[];
  country: DemoOrg['country'];
  tzOffset: number;
  koreanShare: number;
}

function koreanIdentity(rng: Rng, used: Set<string>): OrgIdentity {
  for (;;) {
    const [stemKo, stem] = rng.pick(koreanStems);
    const [suffix, suffixKo, suffixDomain] = rng.pick(koreanSuffixes);
    const label = `${stem}${suffixDomain}`.toLowerCase();
    if (used.has(stem)) continue;
    used.add(stem);
    const primary = `${label}.${rng.pick(koreanTlds)}`;
    const domains = [primary];
    if (rng.chance(0.5)) domains.push(primary.endsWith('.com') ? `${label}.co.kr` : `${stem.toLowerCase()}-corp.com`);
    return { id: stem.toLowerCase(), name: `${stem} ${suffix}`, localName: `${stemKo}${suffixKo}`, domains, country: 'KR', tzOffset: 540, koreanShare: 0.85 };
  }
}

function internationalIdentity(rng: Rng, used: Set<string>): OrgIdentity {
  const stem = rng.pick(internationalStems.filter((s) => !used.has(s)));
  used.add(stem);
  const [suffix, domainTail] = rng.pick(internationalSuffixes);
  const primary = `${stem.toLowerCase()}${domainTail}`;
  const country = rng.pick(['SG', 'HK', 'JP'] as const);
  const tz = country === 'JP' ? 540 : 480;
  const domains = [primary];
  if (rng.chance(0.6)) domains.push(`${stem.toLowerCase()}-group.com`);
  return { id: stem.toLowerCase(), name: `${stem} ${suffix}`, localName: `${stem} ${suffix}`, domains, country, tzOffset: tz, koreanShare: 0.3 };
}

function makeStaff(rng: Rng, org: OrgIdentity, count: number): Staff[] {
  const style = rng.pick(localPartStyles);
  const staff: Staff[] = [];
  const locals = new Set<string>();
  const roleList = [...roles.slice(0, 8), ...rng.shuffle(roles.slice(8))].slice(0, count);
  roleList.forEach(([role, , team], i) => {
    const korean = rng.chance(org.koreanShare);
    let name: string;
    let first: string;
    let last: string;
    if (korean) {
      const [surKo, sur] = rng.pick(koreanSurnames);
      const [givenKo, given] = rng.pick(koreanGivenNames);
      name = `${surKo}${givenKo}`;
      first = given;
      last = sur;
    } else {
      first = rng.pick(englishFirstNames);
      last = rng.pick(englishLastNames);
      name = `${first} ${last}`;
    }
    let local = style(first.toLowerCase(), last.toLowerCase());
    for (let n = 2; locals.has(local); n++) local = `${style(first.toLowerCase(), last.toLowerCase())}${n}`;
    locals.add(local);
    // Business development and marketing sit on the secondary (group) domain when there is one, so that
    // every domain the organisation declares is used by somebody.
    const secondary = org.domains[1];
    const onSecondary = secondary !== undefined && (team === 'Business Development' || team === 'Marketing' || i === count - 1);
    const domain = onSecondary ? secondary : (org.domains[0] ?? '');
    staff.push({
      id: `${org.id}-${String(i + 1).padStart(2, '0')}`,
      orgId: org.id,
      name,
      latinName: `${first} ${last}`,
      address: `${local}@${domain}`,
      role,
      team,
      lang: korean ? 'ko' : 'en',
    });
  });
  return staff;
}

export function generateOrgs(rng: Rng): DemoOrg[] {
  const used = new Set<string>();
  const identities = [koreanIdentity(rng, used), koreanIdentity(rng, used), koreanIdentity(rng, used), internationalIdentity(rng, used)];
  const nets = rng.shuffle(TEST_NETS);
  const layouts: DemoOrg['layout'][] = ['maildir', 'mbox', 'eml', 'eml'];
  return identities.map((id, i) => {
    const primary = id.domains[0] ?? '';
    const net = nets[i % nets.length] ?? '192.0.2';
    const base = 16 * ((i + rng.int(0, 3) * 4) % 16);
    const ip = (k: number): string => `${net}.${base + k}`;
    const officeCidr = `10.${rng.int(16, 250)}.0.0/16`;
    const mx = { host: `mx${rng.int(1, 2)}.${primary}`, ip: ip(2) };
    const submission = { host: `smtp.${primary}`, ip: ip(3) };
    const store = { host: `mail.${primary}`, ip: ip(4) };
    const staff = makeStaff(rng, id, rng.int(10, 15));
    return {
      id: id.id,
      name: id.name,
      domains: id.domains,
      authservId: store.host,
      trustedRelays: [mx.host, submission.host, store.host, `${net}.${base}/28`, officeCidr],
      localName: id.localName,
      country: id.country,
      tzOffset: id.tzOffset,
      staff,
      mx,
      submission,
      store,
      officeCidr,
      layout: layouts[i] ?? 'eml',
    };
  });
}

/** Two partner brands every exchange works with; lookalike detection should protect these too. */
export function generatePartners(rng: Rng): PartnerBrand[] {
  return rng.sample(partnerBrands, 2).map(([name, domain]) => ({ name, domains: [domain] }));
}

/** The `spearwatch org import` file content. */
export function orgsImportJson(orgs: readonly DemoOrg[]): OrgImport[] {
  return orgs.map((o) => ({ id: o.id, name: o.name, domains: [...o.domains], authservId: o.authservId, trustedRelays: [...o.trustedRelays] }));
}
