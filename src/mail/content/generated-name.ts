/**
 * Machine-generated mailbox names ("snytvkoqu@", "yplgnbm@"): snowshoe senders mint a random mailbox per message
 * so no address builds a reputation, and put a company's or product's name in front of it. People's mailboxes are
 * words, names or initials plus a name; role mailboxes are words. So a local part counts as generated only when it
 * is all letters, cannot be read (a run of five consonants, or at most one letter in five a vowel), and is not
 * derived from the display name shown with it (the name's words, their first letters or their consonants).
 */

const VOWELS = /[aeiou]/g;

/** The consonant skeleton of a word ("smith" → "smth"): how people shorten their names into mailboxes. */
function skeleton(w: string): string {
  return w.replace(/[aeiou]/g, '');
}

/** Is the mailbox a string of random letters unrelated to the display name? Returns the mailbox, or null. */
export function generatedMailbox(localPart: string | null, displayName: string | null): string | null {
  if (localPart === null || displayName === null) return null;
  const t = localPart.toLowerCase();
  // letters only: numbered, dotted and tagged mailboxes (VERP bounces, "reply+token") are a service's, not this trick
  if (!/^[a-z]{6,24}$/.test(t)) return null;
  // three equal letters in a row is a typed placeholder ("zzzzcc"), not a generator's output
  if (/(.)\1\1/.test(t)) return null;
  const vowels = (t.match(VOWELS) ?? []).length;
  const run = Math.max(...t.split(/[aeiou]+/).map((s) => s.length));
  if (run < 5 && vowels / t.length > 0.2) return null;
  const name = displayName.toLowerCase().normalize('NFD').replace(/[^a-z]+/g, ' ').trim();
  const words = name.split(' ').filter((w) => w.length >= 3);
  // a display name made of no words at all (initials, symbols) shows nothing the mailbox could contradict
  if (words.length === 0) return null;
  if (name.replace(/ /g, '').includes(t)) return null;
  const derived = words.some((w) => t.includes(w.slice(0, 4)) || (skeleton(w).length >= 3 && t.includes(skeleton(w))));
  const initials = name.split(' ').map((w) => w[0] ?? '').join('');
  if (derived || (initials.length >= 2 && t.startsWith(initials))) return null;
  return t;
}
