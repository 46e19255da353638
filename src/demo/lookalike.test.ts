import { test } from 'node:test';
import assert from 'node:assert/strict';
import { domainToUnicode } from 'node:url';
import { Rng } from './rng.js';
import { makeLookalike } from './lookalike.js';

test('homoglyph lookalike is punycode whose Unicode form differs by one Cyrillic letter', () => {
  const l = makeLookalike('daonex.co.kr', 'homoglyph-punycode', new Rng(1));
  assert.match(l.domain, /^xn--.*\.co\.kr$/);
  const uni = domainToUnicode(l.domain);
  assert.equal(uni, l.display);
  assert.equal([...uni].filter((ch, i) => ch !== 'daonex.co.kr'[i]).length, 1);
});

test('typo and combosquat differ from the brand but keep it recognisable', () => {
  for (let seed = 0; seed < 20; seed++) {
    const t = makeLookalike('eunhatrade.com', 'typo', new Rng(seed));
    assert.notEqual(t.domain, 'eunhatrade.com');
    const c = makeLookalike('eunhatrade.com', 'combosquat', new Rng(seed));
    assert.match(c.domain, /eunhatrade/);
    assert.notEqual(c.domain, 'eunhatrade.com');
  }
});

test('brand-in-subdomain puts the whole brand domain left of a foreign registrable domain', () => {
  const l = makeLookalike('arkwellcustody.com', 'brand-in-subdomain', new Rng(3));
  assert.match(l.domain, /^[a-z]+\.arkwellcustody\.com\.[a-z0-9-]+\.[a-z]+$/);
});
