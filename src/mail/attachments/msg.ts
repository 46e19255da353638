import { utf16le } from './bytes.js';
import { CfbError, type Cfb } from './cfb.js';
import type { Scan } from './scan.js';

/**
 * Outlook .msg items (MS-OXMSG) attached to mail, as forwarded lures are: the attachments inside are analysed
 * as members and links in the body are returned. Embedded .msg inside .msg are listed, not opened.
 */

function readUtf16(s: Scan, cfb: Cfb, path: string): string | null {
  const e = cfb.find(path);
  if (e === undefined) return null;
  try {
    return utf16le(cfb.read(e)).replace(/\u0000+$/, '');
  } catch (err) {
    if (err instanceof CfbError) s.report.parseError(err.reason, `Outlook item stream ${path} unreadable.`);
    return null;
  }
}

export function analyzeMsg(s: Scan, cfb: Cfb): void {
  const body = readUtf16(s, cfb, '__substg1.0_1000001F') ?? '';
  for (const u of body.slice(0, s.budget.limits.maxScanBytes).match(/https?:\/\/[^\s"'<>()|]{3,300}/gi) ?? []) s.budget.addUrl(u);
  const attachments = cfb.entries.filter((e) => e.type === 'storage' && !e.path.includes('/') && e.name.startsWith('__attach_version1.0_#'));
  for (const a of attachments) {
    if (!s.canAddMember()) break;
    const name = readUtf16(s, cfb, `${a.path}/__substg1.0_3707001F`) ?? readUtf16(s, cfb, `${a.path}/__substg1.0_3704001F`) ?? a.name;
    const dataEntry = cfb.find(`${a.path}/__substg1.0_37010102`);
    let data: Uint8Array | null = null;
    if (dataEntry !== undefined) {
      try {
        data = cfb.read(dataEntry);
      } catch (err) {
        if (!(err instanceof CfbError)) throw err;
        s.report.parseError(err.reason, `Outlook attachment ${name} unreadable.`);
      }
    }
    s.addMember({ path: name, size: data?.length ?? dataEntry?.size ?? 0, data });
  }
}
