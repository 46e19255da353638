import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractAtoms } from './pattern-atoms.js';
import { evaluatePattern, unsafeRegex, type Sco } from './pattern-eval.js';
import { PatternSyntaxError } from './pattern-lexer.js';
import { parsePattern } from './pattern-parser.js';

/** Patterns from the STIX 2.1 specification (§9.9 examples) and real feeds: all must parse. */
const VALID = [
  "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
  "[email-message:from_ref.value MATCHES '.+\\\\@example\\\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$']",
  "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f' AND file:mime_type = 'application/x-pdf']",
  "[file:hashes.'SHA-256' = 'bf07a7fbb825fc0aae7bf4a1177b2b31fcf8a3feeaf7092761e18c859ee52a9c' OR file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f'] AND [file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
  "[file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar'] WITHIN 300 SECONDS",
  "[user-account:account_type = 'unix' AND user-account:user_id = '1007' AND user-account:account_login = 'Peter'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1008' AND user-account:account_login = 'Paul']",
  "[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\\\xd4\\\\xc3\\\\xb2\\\\xa1\\\\x02\\\\x00\\\\x04\\\\x00']",
  "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33/32']",
  "[domain-name:value = 'www.5z8.info' AND domain-name:resolves_to_refs[*].value = '198.51.100.1/32']",
  "[url:value = 'http://example.com/foo' OR url:value = 'http://example.com/bar']",
  "[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']",
  "[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\System\\\\CurrentControlSet\\\\Services\\\\WSALG2']",
  "[ipv4-addr:value ISSUBSET '198.51.100.0/24'] REPEATS 5 TIMES",
  "[file:size > 1024 AND file:created >= t'2016-01-01T00:00:00Z'] START t'2016-01-01T00:00:00Z' STOP t'2017-01-01T00:00:00.5Z'",
  "[process:pid IN (1, 2, -3) AND NOT EXISTS process:cwd]",
  "[file:name NOT LIKE 'report%.exe'] /* comment */ OR [artifact:payload_bin = b'aGVsbG8=' AND artifact:x_hex = h'0aff']",
  "([ipv4-addr:value = '10.0.0.1'] OR [ipv4-addr:value = '10.0.0.2']) AND [domain-name:value != 'x.example']",
];

const INVALID: [string, RegExp][] = [
  ["[ipv4-addr:value = '10.0.0.1'", /expected '\]'/],
  ["ipv4-addr:value = '10.0.0.1'", /expected '\[' or '\('/],
  ["[ipv4-addr:value = 10.0.0.1]", /unexpected|expected/],
  ["[ipv4-addr:value = 'unterminated]", /unterminated string/],
  ["[file:name = 'a\\n']", /invalid escape/],
  ["[file:hashes.'SHA-256' LIKE 5]", /LIKE needs a string literal/],
  ["[file:size > true]", /orderable literal/],
  ["[file:size = 1] WITHIN 0 SECONDS", /positive number/],
  ["[file:created = t'2016-13-01T00:00:00Z']", /invalid timestamp/],
  ["[file:x = h'abc']", /invalid hex/],
  ["[file:na-me = 'x']", /hyphens/],
  ["[ipv4-addr:value = '1'] AND", /expected '\[' or '\('/],
  ["[a:b = 'c'] garbage", /unexpected/],
  ['', /expected '\[' or '\('/],
];

test('STIX pattern grammar: spec examples parse', () => {
  for (const p of VALID) assert.doesNotThrow(() => parsePattern(p), p);
});

test('STIX pattern grammar: malformed patterns fail with the reason and offset', () => {
  for (const [p, re] of INVALID) {
    assert.throws(() => parsePattern(p), (e: unknown) => e instanceof PatternSyntaxError && re.test(e.message), p);
  }
});

test('deeply nested pattern refused (stack exhaustion attack)', () => {
  const deep = `${'('.repeat(10_000)}[a:b = 'c']${')'.repeat(10_000)}`;
  assert.throws(() => parsePattern(deep), /nested deeper than/);
  const deepCmp = `[${'('.repeat(10_000)}a:b = 'c'${')'.repeat(10_000)}]`;
  assert.throws(() => parsePattern(deepCmp), /nested deeper than/);
});

test('oversized pattern refused (work amplification attack)', () => {
  const many = `[${Array.from({ length: 6000 }, (_, i) => `ipv4-addr:value = '10.0.${i % 256}.${i % 200}'`).join(' OR ')}]`;
  assert.throws(() => parsePattern(many), /more than \d+ nodes|longer than/);
  assert.throws(() => parsePattern(`[a:b = '${'x'.repeat(70_000)}']`), /longer than/);
});

test('atomic patterns reduce to typed index values; anything else is complex', () => {
  const a = extractAtoms(parsePattern("[domain-name:value = 'WWW.Evil.example' OR ipv4-addr:value = '198.51.100.0/24'] OR [ipv4-addr:value IN ('10.0.0.1', '10.0.0.2')]"));
  assert.equal(a.complex, false);
  assert.deepEqual(a.atoms, [
    { type: 'domain', value: 'www.evil.example' }, { type: 'cidr', value: '198.51.100.0/24' }, { type: 'ipv4', value: '10.0.0.1' }, { type: 'ipv4', value: '10.0.0.2' },
  ]);
  assert.deepEqual(extractAtoms(parsePattern("[file:hashes.'SHA-256' = 'AEC070645FE53EE3B3763059376134F058CC337247C978ADD178B6CCDFB0019F']")).atoms,
    [{ type: 'sha256', value: 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f' }]);
  assert.deepEqual(extractAtoms(parsePattern("[ipv4-addr:value ISSUBSET '10.0.0.0/8']")).atoms, [{ type: 'cidr', value: '10.0.0.0/8' }]);
  assert.deepEqual(extractAtoms(parsePattern("[cryptocurrency-wallet:value = '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa']")).atoms, [{ type: 'btc-address', value: '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa' }]);
  assert.deepEqual(extractAtoms(parsePattern("[email-message:from_ref.value = 'Boss@Corp.example']")).atoms, [{ type: 'email', value: 'boss@corp.example' }]);
  for (const complex of [
    "[ipv4-addr:value = '10.0.0.1' AND domain-name:value = 'x.example']",
    "[ipv4-addr:value = '10.0.0.1'] AND [domain-name:value = 'x.example']",
    "[ipv4-addr:value != '10.0.0.1']",
    "[file:name = 'x.exe']",
    "[ipv4-addr:value = '10.0.0.1'] REPEATS 2 TIMES",
  ]) assert.equal(extractAtoms(parsePattern(complex)).complex, true, complex);
  const bad = extractAtoms(parsePattern("[domain-name:value = 'domain autuo.xicp.net' OR ipv4-addr:value = '60.10.1.115']"));
  assert.deepEqual(bad.atoms, [{ type: 'ipv4', value: '60.10.1.115' }]);
  assert.equal(bad.invalid.length, 1);
});

test('complex patterns evaluate against one message\'s observables', () => {
  const objs: Sco[] = [
    { type: 'domain-name', value: 'evil.example' },
    { type: 'ipv4-addr', value: '198.51.100.7' },
    { type: 'file', name: 'Final Report 2024.exe', hashes: { 'SHA-256': 'abc' } },
    { type: 'email-message', subject: '[IMPORTANT] Please Review Before Friday' },
  ];
  const cases: [string, boolean][] = [
    ["[domain-name:value = 'evil.example'] AND [ipv4-addr:value ISSUBSET '198.51.100.0/24']", true],
    ["[domain-name:value = 'evil.example'] AND [ipv4-addr:value = '203.0.113.1']", false],
    ["[ipv4-addr:value = '198.51.100.0/24']", true],
    ["[file:name MATCHES '^Final Report.+\\\\.exe$']", true],
    ["[file:name LIKE 'Final%.exe' AND file:hashes.sha256 = 'ABC']", true],
    ["[file:name LIKE 'Final%.pdf']", false],
    ["[email-message:subject MATCHES '^\\\\[IMPORTANT\\\\] Please Review Before']", true],
    ["[domain-name:value != 'good.example']", true],
    ["[domain-name:value NOT = 'evil.example']", false],
    ["[ipv4-addr:value = '198.51.100.7'] REPEATS 2 TIMES", false],
    ["[ipv4-addr:value = '198.51.100.7'] FOLLOWEDBY [domain-name:value = 'evil.example']", true],
    ["[file:size > 10]", false],
    ["[file:name = 'x' OR NOT EXISTS file:size]", true],
  ];
  for (const [p, want] of cases) assert.equal(evaluatePattern(parsePattern(p), objs), want, p);
});

test('ReDoS-shaped MATCHES refused, never run', () => {
  assert.match(unsafeRegex('(a+)+$') ?? '', /nested quantifier/);
  assert.match(unsafeRegex('(a|aa)*b') ?? '', /nested quantifier/);
  assert.match(unsafeRegex('(x)\\1') ?? '', /backreference/);
  assert.equal(unsafeRegex('^Final Report.+\\.exe$'), null);
  const evil = parsePattern("[file:name MATCHES '(a+)+$']");
  // Were the regex run, 40 a's and a '!' would backtrack for hours: finishing at all is the check.
  assert.equal(evaluatePattern(evil, [{ type: 'file', name: `${'a'.repeat(40)}!` }]), false);
});
