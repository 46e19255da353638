import { u64 } from './bytes.js';
import type { Scan } from './scan.js';

/**
 * OneNote sections (MS-ONESTORE): lures hide .hta/.bat/.wsf/.exe files behind a "double-click to view" image.
 * Embedded files live in FileDataStoreObject structures, found by their GUID header; each is analysed as a
 * member. Names are not stored next to the data, so members are numbered.
 */

// {BDE316E7-2665-4511-A4C4-8D4D0B7A9EAC} as stored (little-endian fields).
const FDSO = Buffer.from('e716e3bd65261145a4c48d4d0b7a9eac', 'hex');

export function analyzeOneNote(s: Scan, b: Uint8Array): void {
  s.report.find('onenote', 'medium', 'OneNote section: used to deliver embedded scripts and executables.', 'OneNote header GUID');
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  let at = buf.indexOf(FDSO);
  let n = 0;
  while (at >= 0 && s.canAddMember()) {
    const len = u64(b, at + 16) ?? 0;
    const start = at + 36;
    if (!Number.isFinite(len) || len > s.budget.limits.maxMemberBytes || start + len > b.length) {
      s.report.parseError('onenote-embedded-length', 'Embedded OneNote file with an impossible length.');
      break;
    }
    n += 1;
    s.addMember({ path: `embedded-${n}`, size: len, data: b.subarray(start, start + len) });
    at = buf.indexOf(FDSO, start + len);
  }
  if (n > 0) s.report.find('onenote-embedded-file', 'medium', `OneNote section carries ${n} embedded file(s).`, `${n} FileDataStoreObject(s)`);
}
