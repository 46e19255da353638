/**
 * Actor names are merged across sources by a normalised key only: "Lazarus Group", "Lazarus group" and the
 * GraphSense id "lazarusgroup" are one actor; "APT 38" and "APT38" are one. Aliases never merge actors (MISP
 * lists Andariel, Bluenoroff and APT38 as Lazarus synonyms, MITRE keeps them apart): an alias is a link from
 * one source's record to a name, kept with its source, and lookups show every claim.
 */
export function actorKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** MISP's mitre-intrusion-set galaxy suffixes names with the ATT&CK id ("APT38 - G0082"). */
export function stripAttackSuffix(name: string): string {
  return name.replace(/\s+-\s+G\d{4}$/, '').trim();
}
