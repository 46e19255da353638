import assert from 'node:assert/strict';
import { httpFixture, type HttpFixture } from '../helpers/http.js';
import { engineTest } from '../helpers/stores.js';
import { mailTo, multipart, uploadOne } from './http-fixtures.js';
import type { Role } from '../../src/identity/index.js';

const ATTACKER_IP = '198.51.100.77';
const CSV = `type,value,actor,confidence,tlp\nipv4,${ATTACKER_IP},Lazarus Group,90,green\ndomain,alpha-ex-login.example,Lazarus Group,80,amber\n`;

async function importCsv(f: HttpFixture, who: `${string}:${Role}`, csv = CSV, query = ''): Promise<{ statusCode: number; items: Record<string, unknown>[] }> {
  const { body, contentType } = multipart([{ name: 'feed.csv', bytes: Buffer.from(csv) }]);
  const r = await f.app.inject({ method: 'POST', url: `/api/v1/intel/import${query}`, headers: { ...f.auth(who), 'content-type': contentType }, payload: body });
  return { statusCode: r.statusCode, items: r.statusCode === 200 ? r.json<{ items: Record<string, unknown>[] }>().items : [] };
}

engineTest('intel: import a file, look values up, list actors, export STIX within the TLP', async (_t, s) => {
  const f = await httpFixture(s);
  try {
    assert.equal((await importCsv(f, 'alpha:viewer')).statusCode, 403);
    const imp = await importCsv(f, 'alpha:analyst');
    assert.equal(imp.statusCode, 200);
    assert.equal(imp.items[0]!.format, 'csv');
    assert.equal(imp.items[0]!.file, 'feed.csv');
    assert.ok(Number(imp.items[0]!.created) >= 2, 'two indicators (and the actor they name)');

    const bad = await importCsv(f, 'alpha:analyst', 'type,colour\nipv4,red\n', '?format=csv');
    assert.equal(bad.items[0]!.file, 'feed.csv', 'errors name the uploaded file, not a server path');
    assert.equal(bad.statusCode, 200);
    assert.match(String((bad.items[0]!.error as { message: string }).message), /CSV header must name/);

    const look = await f.app.inject({ method: 'GET', url: `/api/v1/intel/lookup?value=${ATTACKER_IP}&value=login.alpha-ex-login.example&value=192.0.2.1`, headers: f.auth('bravo:viewer') });
    assert.equal(look.statusCode, 200, look.body);
    const items = look.json<{ items: { value: string; type: string; matches: { indicator: string; actors: { name: string }[] }[] }[] }>().items;
    assert.deepEqual(items.map((i) => [i.type, i.matches.length]), [['ipv4', 1], ['domain', 1], ['ipv4', 0]]);
    assert.equal(items[0]!.matches[0]!.actors[0]!.name, 'Lazarus Group');

    const actors = (await f.app.inject({ method: 'GET', url: '/api/v1/intel/actors', headers: f.auth('bravo:viewer') })).json<{ items: { name: string; indicators: number }[] }>();
    assert.ok(actors.items.some((a) => a.name === 'Lazarus Group'));

    const green = await f.app.inject({ method: 'GET', url: '/api/v1/intel/export?tlpMax=green', headers: f.auth('alpha:viewer') });
    assert.equal(green.statusCode, 200);
    assert.match(String(green.headers['content-type']), /application\/stix\+json/);
    const bundle = green.json<{ type: string; objects: { type: string; pattern?: string }[] }>();
    assert.equal(bundle.type, 'bundle');
    const patterns = bundle.objects.filter((o) => o.type === 'indicator').map((o) => o.pattern ?? '');
    assert.ok(patterns.some((p) => p.includes(ATTACKER_IP)));
    assert.ok(!patterns.some((p) => p.includes('alpha-ex-login.example')), 'the amber indicator stays home at tlpMax=green');
    assert.equal((await f.app.inject({ method: 'GET', url: '/api/v1/intel/export?tlpMax=black', headers: f.auth('alpha:viewer') })).statusCode, 400);
  } finally {
    await f.close();
  }
});

engineTest('an uploaded message is matched against intel, and sightings export only to their organisation', async (_t, s) => {
  const f = await httpFixture(s);
  try {
    await importCsv(f, 'alpha:admin');
    const up = await uploadOne(f, 'alpha:analyst', mailTo('alpha', { ip: ATTACKER_IP }));
    assert.ok(up.report.signals.some((x) => x.id === 'intel.match'), JSON.stringify(up.report.signals.map((x) => x.id)));
    const sightingsFor = async (who: `${string}:${Role}`): Promise<{ refs: string[]; identities: string[] }> => {
      const b = (await f.app.inject({ method: 'GET', url: '/api/v1/intel/export?tlpMax=red', headers: f.auth(who) })).json<{ objects: { type: string; name?: string; where_sighted_refs?: string[] }[] }>();
      return {
        refs: b.objects.filter((o) => o.type === 'sighting').flatMap((o) => o.where_sighted_refs ?? []),
        identities: b.objects.filter((o) => o.type === 'identity').map((o) => o.name ?? ''),
      };
    };
    const alpha = await sightingsFor('alpha:analyst');
    assert.ok(alpha.refs.length > 0, 'alpha sees its own sightings');
    const bravo = await sightingsFor('bravo:analyst');
    assert.deepEqual(bravo.refs, [], "bravo never learns what alpha saw");
    assert.ok(!bravo.identities.includes('Alpha Exchange'));
    const admin = await sightingsFor('alpha:admin');
    assert.ok(admin.refs.length >= alpha.refs.length);
  } finally {
    await f.close();
  }
});

engineTest('campaigns: uploads update them; an organisation sees its own part in full and only counts of the others', async (_t, s) => {
  const f = await httpFixture(s);
  try {
    const a1 = await uploadOne(f, 'alpha:analyst', mailTo('alpha', { ip: ATTACKER_IP, subject: 'Wallet audit for alpha', date: 'Mon, 06 Jul 2026 08:00:00 +0000' }));
    await uploadOne(f, 'bravo:analyst', mailTo('bravo', { ip: ATTACKER_IP, subject: 'Security notice for bravo staff', date: 'Wed, 08 Jul 2026 08:00:00 +0000' }));
    type View = { id: string; organizationCount: number; organizations: string[]; recipients: string[]; attemptList: { subject: string | null; recipients: string[] }[]; summary: string };
    const list = async (who: `${string}:${Role}`): Promise<View[]> => {
      const r = await f.app.inject({ method: 'GET', url: '/api/v1/campaigns', headers: f.auth(who) });
      assert.equal(r.statusCode, 200, r.body);
      return r.json<{ items: View[] }>().items;
    };
    const all = await list('alpha:admin');
    const both = all.find((c) => c.organizationCount === 2);
    assert.ok(both !== undefined, `a campaign spanning both organisations: ${JSON.stringify(all)}`);
    assert.ok(both.summary.length > 20);

    const detail = (await f.app.inject({ method: 'GET', url: `/api/v1/messages/${a1.id}`, headers: f.auth('alpha:analyst') })).json<{ campaigns: { id: string }[] }>();
    assert.deepEqual(detail.campaigns.map((c) => c.id), [both.id], 'the message links to its campaign');

    const asBravo = (await f.app.inject({ method: 'GET', url: `/api/v1/campaigns/${both.id}`, headers: f.auth('bravo:viewer') })).json<View>();
    assert.equal(asBravo.organizationCount, 2);
    assert.deepEqual(asBravo.organizations, ['bravo']);
    assert.ok(asBravo.recipients.every((r) => r.endsWith('@bravo-ex.example')));
    const text = JSON.stringify(asBravo);
    assert.doesNotMatch(text, /Wallet audit for alpha|staff@alpha-ex\.example/);
    assert.match(text, /Security notice for bravo staff/);

    const missing = await f.app.inject({ method: 'GET', url: '/api/v1/campaigns/no-such-campaign', headers: f.auth('alpha:admin') });
    assert.equal(missing.statusCode, 404);
    const p1 = (await f.app.inject({ method: 'GET', url: '/api/v1/campaigns?limit=1', headers: f.auth('alpha:admin') })).json<{ items: View[]; nextCursor: string | null }>();
    assert.equal(p1.items.length, 1);
  } finally {
    await f.close();
  }
});
