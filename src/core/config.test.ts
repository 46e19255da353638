import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CONFIG_FILE, configKeys, envNameForKey, loadConfig } from './config.js';
import { SpearwatchError } from './errors.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function home(config?: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-config-'));
  if (config !== undefined) fs.writeFileSync(path.join(dir, CONFIG_FILE), JSON.stringify(config));
  return dir;
}

test('defaults apply when nothing is configured', () => {
  const c = loadConfig({ env: {}, home: home() });
  assert.equal(c.databaseUrl, undefined);
  assert.equal(c.server.port, 8080);
  assert.equal(c.logLevel, 'info');
  assert.equal(c.sources['server.port'], 'default');
  assert.equal(c.configFile, undefined);
});

test('layers: file < environment < flags, each recorded as the source of its key', () => {
  const h = home({ server: { port: 9000, host: '0.0.0.0' }, logLevel: 'warn' });
  const c = loadConfig({ env: { SPEARWATCH_SERVER__PORT: '9100', SPEARWATCH_MAIL__PARTNER_BRANDS: 'partner.example, bank.example' }, home: h, flags: { logLevel: 'debug' } });
  assert.equal(c.server.port, 9100);
  assert.equal(c.server.host, '0.0.0.0');
  assert.equal(c.logLevel, 'debug');
  assert.deepEqual(c.mail.partnerBrands, ['partner.example', 'bank.example']);
  assert.deepEqual([c.sources['server.port'], c.sources['server.host'], c.sources.logLevel], ['env', 'file', 'flag']);
  assert.equal(c.configFile, path.join(h, CONFIG_FILE));
});

test('SPEARWATCH_HOME chooses the home; --home overrides it', () => {
  const a = home();
  const b = home();
  assert.equal(loadConfig({ env: { SPEARWATCH_HOME: a } }).home, a);
  assert.equal(loadConfig({ env: { SPEARWATCH_HOME: a }, home: b }).home, b);
});

const unknownKeyCases: { name: string; run: () => unknown; key: string }[] = [
  { name: 'file top level', run: () => loadConfig({ env: {}, home: home({ databaseURL: 'x' }) }), key: 'databaseURL' },
  { name: 'file nested', run: () => loadConfig({ env: {}, home: home({ server: { prot: 1 } }) }), key: 'server.prot' },
  { name: 'environment', run: () => loadConfig({ env: { SPEARWATCH_SERVER_PORT: '1' }, home: home() }), key: 'SPEARWATCH_SERVER_PORT' },
];
for (const c of unknownKeyCases) {
  test(`an unknown key is an error that names it (${c.name})`, () => {
    assert.throws(c.run, (e: unknown) => e instanceof SpearwatchError && e.code === 'SW_CONFIG_INVALID' && e.message.includes(c.key));
  });
}

test('a value of the wrong type names its key', () => {
  assert.throws(
    () => loadConfig({ env: {}, home: home({ server: { port: 'eighty' } }) }),
    (e: unknown) => e instanceof SpearwatchError && e.code === 'SW_CONFIG_INVALID' && e.message.includes('server.port'),
  );
});

test('an explicit --config that does not exist is an error; a missing default file is not', () => {
  assert.throws(() => loadConfig({ env: {}, home: home(), configFile: '/nonexistent/sw.json' }), /cannot read configuration file/);
  assert.doesNotThrow(() => loadConfig({ env: {}, home: home() }));
});

test('docs/configuration.md lists every key with its environment variable', () => {
  const doc = fs.readFileSync(path.join(root, 'docs', 'configuration.md'), 'utf8');
  for (const key of configKeys()) {
    assert.ok(doc.includes(`\`${key}\``), `docs/configuration.md is missing ${key}`);
    assert.ok(doc.includes(envNameForKey(key)), `docs/configuration.md is missing ${envNameForKey(key)}`);
  }
});
