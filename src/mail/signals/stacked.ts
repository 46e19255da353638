import type { Signal } from '../types.js';
import { signal } from '../verdict.js';

/**
 * Cheap ways to hide where a mail comes from, where it leads or what it says, grouped in families (an abused TLD
 * counts once whether the sender or a link is on it). Honest mail uses one now and then (a marketing shortener, a
 * picture on imgur, a hidden preview line); a message that stacks two different ones was built to get past
 * reputation checks and filters.
 */
const FAMILY: Readonly<Record<string, string>> = {
  'link.shortener': 'shortener',
  'link.open-redirect': 'redirect',
  'link.image-host': 'image host',
  'link.free-hosting': 'free hosting',
  'link.abused-tld': 'abused TLD',
  'sender.abused-tld': 'abused TLD',
  'link.ip-host': 'IP link',
  'sender.dynamic-dns': 'dynamic DNS',
  'sender.free-hosting-domain': 'free hosting',
  'sender.generated-mailbox': 'generated sender',
  'sender.generated-domain': 'generated sender',
  'sender.random-case-mailbox': 'generated sender',
  // a random tag per copy hides that the copies are one mailing from duplicate detection
  'content.random-tag': 'random tag',
  // hiding what the mail says from filters while the reader still reads it
  'content.hidden-text': 'hidden text',
  'content.offscreen-text': 'hidden text',
  'content.image-only': 'text in pictures',
  'content.zero-width': 'disguised words',
  'content.obfuscated-words': 'disguised words',
  'content.styled-letters': 'disguised words',
  'content.mixed-script-words': 'disguised words',
};

export function stackedEvasion(signals: Signal[]): void {
  const families = new Map<string, string>();
  for (const s of signals) {
    const f = FAMILY[s.id];
    if (f !== undefined && !families.has(f)) families.set(f, s.evidence.slice(0, 80));
  }
  if (families.size < 2) return;
  signals.push(signal('evasion.stacked', `${families.size} different tricks to hide where the mail comes from, leads or what it says (${[...families.keys()].join(', ')})`,
    [...families.entries()].map(([f, e]) => `${f}: ${e}`).join('; ')));
}
