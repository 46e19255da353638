/** Traffic Light Protocol 2.0 levels, least to most restricted. */
export const TLP_LEVELS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
export type Tlp = (typeof TLP_LEVELS)[number];

export function isTlp(v: unknown): v is Tlp {
  return typeof v === 'string' && (TLP_LEVELS as readonly string[]).includes(v);
}

export function tlpRank(t: Tlp): number {
  return TLP_LEVELS.indexOf(t);
}

/** The more restrictive of two levels. */
export function maxTlp(a: Tlp, b: Tlp): Tlp {
  return tlpRank(a) >= tlpRank(b) ? a : b;
}

/** Parse "TLP:AMBER+STRICT", "white", "Amber" … into a level (TLP 1.0 WHITE is TLP 2.0 CLEAR). */
export function parseTlp(text: string): Tlp | null {
  const t = text.trim().toLowerCase().replace(/^tlp:\s*/, '');
  if (t === 'white') return 'clear';
  return isTlp(t) ? t : null;
}

/**
 * Well-known marking-definition ids: the STIX 2.1 predefined TLP 1.0 markings (section 7.2.1.4) and the
 * TLP 2.0 extension markings published by OASIS (extension-definition--60a3c5c5-…).
 */
export const TLP_MARKING_IDS: Readonly<Record<string, Tlp>> = {
  'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9': 'clear',
  'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da': 'green',
  'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82': 'amber',
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed': 'red',
  'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487': 'clear',
  'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb': 'green',
  'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421': 'amber',
  'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003': 'amber+strict',
  'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1': 'red',
};
