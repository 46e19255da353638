import crypto from 'node:crypto';

export function sha256Hex(data: Uint8Array | string): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

export function sha1Hex(data: Uint8Array | string): string {
  return crypto.createHash('sha1').update(data).digest('hex');
}

export function md5Hex(data: Uint8Array | string): string {
  return crypto.createHash('md5').update(data).digest('hex');
}
