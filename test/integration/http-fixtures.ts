import type { LightMyRequestResponse } from 'fastify';
import type { HttpFixture } from '../helpers/http.js';
import type { Role } from '../../src/identity/index.js';

/** Messages for the HTTP tests, addressed to the fixture's organisations (alpha-ex.example, bravo-ex.example). */
export function mailTo(org: 'alpha' | 'bravo', opts: { subject?: string; from?: string; html?: string; text?: string; date?: string; ip?: string } = {}): Buffer {
  const domain = `${org}-ex.example`;
  const from = opts.from ?? 'Security Team <security@alpha-ex-login.example>';
  const ip = opts.ip ?? '203.0.113.45';
  const date = opts.date ?? 'Tue, 14 Jul 2026 09:12:00 +0000';
  const head = [
    `Received: from mx.${domain} (mx.${domain} [192.0.2.10]) by store.${domain} with LMTP; ${date}`,
    `Received: from mail.attacker.example (mail.attacker.example [${ip}]) by mx.${domain} with ESMTP; ${date}`,
    `Authentication-Results: mx.${domain}; spf=fail smtp.mailfrom=attacker.example; dkim=none; dmarc=fail header.from=alpha-ex-login.example`,
    `From: ${from}`,
    `To: staff@${domain}`,
    `Delivered-To: staff@${domain}`,
    `Subject: ${opts.subject ?? 'Urgent: verify your wallet password'}`,
    `Date: ${date}`,
    `Message-ID: <${Math.random().toString(36).slice(2)}@attacker.example>`,
    'MIME-Version: 1.0',
  ];
  if (opts.html !== undefined) {
    return Buffer.from([...head, 'Content-Type: text/html; charset=utf-8', '', opts.html, ''].join('\r\n'));
  }
  const text = opts.text ?? 'Your account is suspended. Verify your password immediately at https://alpha-ex-login.example/login or lose access within 24 hours.';
  return Buffer.from([...head, 'Content-Type: text/plain; charset=utf-8', '', text, ''].join('\r\n'));
}

export interface Uploaded {
  id: string;
  file: string;
  report: { sha256: string; org: string | null; verdict: string; signals: { id: string }[]; subject: string | null };
}

export async function upload(f: HttpFixture, who: `${string}:${Role}`, raw: Buffer, query = ''): Promise<LightMyRequestResponse> {
  return f.app.inject({ method: 'POST', url: `/api/v1/messages${query}`, headers: { ...f.auth(who), 'content-type': 'message/rfc822' }, payload: raw });
}

export async function uploadOne(f: HttpFixture, who: `${string}:${Role}`, raw: Buffer): Promise<Uploaded> {
  const r = await upload(f, who, raw);
  if (r.statusCode !== 200) throw new Error(`upload failed: ${r.statusCode} ${r.body}`);
  return r.json<{ items: Uploaded[] }>().items[0]!;
}

/** A multipart/form-data body with the given files. */
export function multipart(files: { name: string; bytes: Buffer; field?: string }[], fields: Record<string, string> = {}): { body: Buffer; contentType: string } {
  const boundary = `----spearwatch${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'file'}"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    parts.push(f.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
