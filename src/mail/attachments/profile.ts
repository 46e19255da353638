import { shorten } from './bytes.js';
import type { Scan } from './scan.js';

/**
 * Apple configuration profiles (.mobileconfig). Phishing mails them under bland names: one tap installs a
 * mail/CalDAV account (calendar spam channel), a root certificate, a VPN or an MDM enrolment.
 */

const SEVERE = /com\.apple\.(security\.root|security\.pkcs1|mdm|vpn\.managed|vpn|webcontent-filter|proxy|dnsSettings)/;

export function analyzeProfile(s: Scan, text: string): void {
  const types = [...new Set([...text.matchAll(/<key>PayloadType<\/key>\s*<string>([^<]{1,100})<\/string>/g)].map((m) => m[1] ?? ''))].filter((x) => x !== 'Configuration');
  const severe = types.find((t) => SEVERE.test(t));
  s.report.find('mobileconfig', severe !== undefined ? 'critical' : 'high',
    severe !== undefined ? `Apple configuration profile installs ${severe} (device takeover or traffic interception).` : 'Apple configuration profile: one tap installs accounts or settings on the device.',
    shorten(types.join(', ') || 'configuration profile'));
  for (const m of text.matchAll(/<key>\w*(?:HostName|URL|ServerURL)<\/key>\s*<string>([^<]{1,300})<\/string>/g)) {
    const v = m[1] ?? '';
    s.budget.addUrl(/^https?:\/\//i.test(v) ? v : `https://${v}`);
  }
}
