import crypto from 'node:crypto';

/**
 * PDF 1.7 writer: one page of text, optional actions, correct xref offsets. With `password` set, the file is
 * encrypted with the standard security handler (RC4 128-bit, revision 3: what phishing kits use); an empty
 * password gives a file every viewer opens without asking, whose strings scanners still see as ciphertext.
 */

export interface PdfOptions {
  /** Lines of text on the page. */
  text?: readonly string[];
  /** JavaScript; document-level (Names tree) unless `openAction` makes it the open action. */
  javascript?: string;
  /** Run `javascript` (or else `launch`) when the document opens. */
  openAction?: boolean;
  /** Program for a /Launch action (e.g. "cmd.exe"), with optional parameters. */
  launch?: string;
  launchParams?: string;
  /** Link annotations with /URI actions. */
  uris?: readonly string[];
  embeddedFile?: { name: string; data: Uint8Array | string };
  /** Benign view setting: open at page 1 fitted (a destination, not an action). */
  fitOnOpen?: boolean;
  title?: string;
  /** Encrypt with this user password ('' = opens without a prompt). */
  password?: string;
}

const PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

function md5(...parts: Uint8Array[]): Buffer {
  const h = crypto.createHash('md5');
  for (const p of parts) h.update(p);
  return h.digest();
}

function rc4(key: Uint8Array, data: Uint8Array): Buffer {
  const S = Array.from({ length: 256 }, (_, i) => i);
  let j = 0;
  for (let i = 0; i < 256; i++) {
    j = (j + (S[i] ?? 0) + (key[i % key.length] ?? 0)) & 0xff;
    [S[i], S[j]] = [S[j] ?? 0, S[i] ?? 0];
  }
  const out = Buffer.alloc(data.length);
  let a = 0;
  j = 0;
  for (let k = 0; k < data.length; k++) {
    a = (a + 1) & 0xff;
    j = (j + (S[a] ?? 0)) & 0xff;
    [S[a], S[j]] = [S[j] ?? 0, S[a] ?? 0];
    out[k] = (data[k] ?? 0) ^ (S[((S[a] ?? 0) + (S[j] ?? 0)) & 0xff] ?? 0);
  }
  return out;
}

const padded = (pw: string): Buffer => Buffer.concat([Buffer.from(pw, 'latin1').subarray(0, 32), PAD]).subarray(0, 32);

interface Security {
  key: Buffer;
  o: Buffer;
  u: Buffer;
  p: number;
  id: Buffer;
}

/** ISO 32000-1 Algorithms 2, 3 and 5 (revision 3, 128-bit RC4). */
function security(user: string, owner: string, id: Buffer): Security {
  const p = -3904; // print + copy allowed, the rest denied: a typical kit setting
  let ok = md5(padded(owner));
  for (let i = 0; i < 50; i++) ok = md5(ok);
  let o: Buffer = rc4(ok.subarray(0, 16), padded(user));
  for (let i = 1; i <= 19; i++) o = rc4(ok.subarray(0, 16).map((b) => b ^ i), o);
  const pb = Buffer.alloc(4);
  pb.writeInt32LE(p);
  let key = md5(padded(user), o, pb, id);
  for (let i = 0; i < 50; i++) key = md5(key.subarray(0, 16));
  key = key.subarray(0, 16);
  let u: Buffer = rc4(key, md5(PAD, id));
  for (let i = 1; i <= 19; i++) u = rc4(key.map((b) => b ^ i), u);
  return { key, o, u: Buffer.concat([u, Buffer.alloc(16)]), p, id };
}

export function pdfString(s: string): string {
  let out = '(';
  for (const ch of Buffer.from(s, 'latin1')) {
    if (ch === 0x28 || ch === 0x29 || ch === 0x5c) out += `\\${String.fromCharCode(ch)}`;
    else if (ch < 0x20 || ch > 0x7e) out += `\\${ch.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(ch);
  }
  return `${out})`;
}

type Body = (str: (s: string) => string, stream: (data: Buffer, dict: string) => string) => string;

export function buildPdf(opts: PdfOptions = {}): Uint8Array {
  const bodies: Body[] = [];
  const add = (body: Body): number => {
    bodies.push(body);
    return bodies.length;
  };
  const catalog = add(() => '');
  const pages = add(() => '');
  const page = add(() => '');
  const lines = opts.text ?? ['Document'];
  const content = Buffer.from(['BT', '/F1 12 Tf', '72 740 Td', '14 TL', ...lines.map((l) => `${pdfString(l)} '`), 'ET'].join('\n'), 'latin1');
  const contentObj = add((_s, stream) => stream(content, ''));
  const font = add(() => '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const js = opts.javascript;
  const jsObj = js === undefined ? 0 : add((str) => `<< /Type /Action /S /JavaScript /JS ${str(js)} >>`);
  const launch = opts.launch;
  const launchObj = launch === undefined ? 0 : add((str) => `<< /Type /Action /S /Launch /Win << /F ${str(launch)}${opts.launchParams !== undefined ? ` /P ${str(opts.launchParams)}` : ''} /O ${str('open')} >> >>`);
  const annots: number[] = [];
  (opts.uris ?? []).forEach((u, i) => {
    const y = 600 - i * 30;
    annots.push(add((str) => `<< /Type /Annot /Subtype /Link /Rect [72 ${y} 400 ${y + 20}] /Border [0 0 0] /A << /Type /Action /S /URI /URI ${str(u)} >> >>`));
  });
  if (launchObj !== 0 && !(opts.openAction === true && jsObj === 0)) {
    annots.push(add(() => `<< /Type /Annot /Subtype /Link /Rect [72 100 400 130] /Border [0 0 0] /A ${launchObj} 0 R >>`));
  }
  const names: ((str: (s: string) => string) => string)[] = [];
  if (jsObj !== 0 && opts.openAction !== true) names.push((str) => `/JavaScript << /Names [${str('init')} ${jsObj} 0 R] >>`);
  const ef = opts.embeddedFile;
  if (ef !== undefined) {
    const data = typeof ef.data === 'string' ? Buffer.from(ef.data, 'utf8') : Buffer.from(ef.data);
    const efObj = add((_s, stream) => stream(data, '/Type /EmbeddedFile'));
    const spec = add((str) => `<< /Type /Filespec /F ${str(ef.name)} /UF ${str(ef.name)} /EF << /F ${efObj} 0 R >> >>`);
    names.push((str) => `/EmbeddedFiles << /Names [${str(ef.name)} ${spec} 0 R] >>`);
  }
  let open = '';
  if (opts.openAction === true && jsObj !== 0) open = ` /OpenAction ${jsObj} 0 R`;
  else if (opts.openAction === true && launchObj !== 0) open = ` /OpenAction ${launchObj} 0 R`;
  else if (opts.fitOnOpen === true) open = ` /OpenAction [${page} 0 R /Fit]`;
  bodies[catalog - 1] = (str) => `<< /Type /Catalog /Pages ${pages} 0 R${open}${names.length > 0 ? ` /Names << ${names.map((n) => n(str)).join(' ')} >>` : ''} >>`;
  bodies[pages - 1] = () => `<< /Type /Pages /Kids [${page} 0 R] /Count 1 >>`;
  bodies[page - 1] = () => `<< /Type /Page /Parent ${pages} 0 R /MediaBox [0 0 612 792] /Contents ${contentObj} 0 R /Resources << /Font << /F1 ${font} 0 R >> >>${annots.length > 0 ? ` /Annots [${annots.map((a) => `${a} 0 R`).join(' ')}]` : ''} >>`;
  const title = opts.title ?? 'Document';
  const info = add((str) => `<< /Title ${str(title)} /Producer ${str('spearwatch demo')} /CreationDate ${str('D:20240315093000Z')} >>`);
  const id = md5(Buffer.from(`${title}\u0000${lines.join('\n')}`, 'utf8'));
  const sec = opts.password === undefined ? null : security(opts.password, 'owner-secret', id);
  const encrypt = sec === null ? 0 : bodies.length + 1;

  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  const emit = (num: number, body: string): void => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${num} 0 obj\n${body}\nendobj\n`;
  };
  bodies.forEach((body, i) => {
    const num = i + 1;
    const objKey = sec === null ? null : md5(sec.key, Buffer.from([num & 0xff, (num >> 8) & 0xff, (num >> 16) & 0xff, 0, 0])).subarray(0, 16);
    const str = (s: string): string => (objKey === null ? pdfString(s) : `<${rc4(objKey, Buffer.from(s, 'latin1')).toString('hex')}>`);
    const stream = (data: Buffer, dict: string): string => {
      const bytes = objKey === null ? data : rc4(objKey, data);
      return `<< ${dict}${dict === '' ? '' : ' '}/Length ${bytes.length} >>\nstream\n${bytes.toString('latin1')}\nendstream`;
    };
    emit(num, body(str, stream));
  });
  if (sec !== null) emit(encrypt, `<< /Filter /Standard /V 2 /R 3 /Length 128 /P ${sec.p} /O <${sec.o.toString('hex')}> /U <${sec.u.toString('hex')}> >>`);
  const count = offsets.length;
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${count + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  const idHex = id.toString('hex');
  out += `trailer\n<< /Size ${count + 1} /Root ${catalog} 0 R /Info ${info} 0 R /ID [<${idHex}> <${idHex}>]${encrypt !== 0 ? ` /Encrypt ${encrypt} 0 R` : ''} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

export function buildCleanPdfInvoice(opts: { company?: string; number?: string; amount?: string; currency?: string } = {}): Uint8Array {
  const company = opts.company ?? 'Northwind Cloud Services Ltd.';
  const number = opts.number ?? 'INV-2024-0315';
  const amount = opts.amount ?? '1,240.00';
  const currency = opts.currency ?? 'USD';
  return buildPdf({
    title: `Invoice ${number}`,
    fitOnOpen: true,
    text: [
      company, 'INVOICE', `Invoice number: ${number}`, 'Invoice date: 2024-03-15', 'Payment terms: 30 days', '',
      'Description                                  Amount', `Managed hosting, March 2024            ${amount} ${currency}`, '',
      `Total due: ${amount} ${currency}`, 'Thank you for your business.',
    ],
  });
}
