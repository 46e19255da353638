import type { Tlp } from '../tlp.js';

type Marking = Record<string, unknown>;

const TLP1 = (id: string, color: string): Marking => ({
  type: 'marking-definition', spec_version: '2.1', id, created: '2017-01-20T00:00:00.000Z', definition_type: 'tlp',
  name: `TLP:${color.toUpperCase()}`, definition: { tlp: color },
});

/**
 * The marking-definition object spearwatch writes for each level: STIX 2.1's predefined TLP markings where one
 * exists (CLEAR is TLP 1.0 WHITE), and the OASIS TLP 2.0 extension marking for AMBER+STRICT, which 1.0 lacks.
 */
export const TLP_MARKINGS: Record<Tlp, Marking> = {
  clear: TLP1('marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9', 'white'),
  green: TLP1('marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da', 'green'),
  amber: TLP1('marking-definition--f88d31f6-486f-44da-b317-01333bde0b82', 'amber'),
  'amber+strict': {
    type: 'marking-definition', spec_version: '2.1', id: 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
    created: '2022-10-01T00:00:00.000Z', name: 'TLP:AMBER+STRICT',
    extensions: { 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d': { extension_type: 'property-extension', tlp_2_0: 'amber+strict' } },
  },
  red: TLP1('marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed', 'red'),
};

export function markingId(t: Tlp): string {
  return TLP_MARKINGS[t].id as string;
}
