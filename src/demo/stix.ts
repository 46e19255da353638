/**
 * The intel the police had: a STIX 2.1 bundle that ties the attacker's IP to Lazarus Group through an indicator
 * and an `indicates` relationship, shared under TLP:AMBER by a (fictional) exchange ISAC.
 */
import type { Rng } from './rng.js';
import type { StixBundle } from './types.js';

/** The standard TLP 1.0 marking definitions are fixed objects in the STIX 2.1 specification (§7.2.1.4). */
const TLP_AMBER = {
  type: 'marking-definition',
  spec_version: '2.1',
  id: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  created: '2017-01-20T00:00:00.000Z',
  definition_type: 'tlp',
  name: 'TLP:AMBER',
  definition: { tlp: 'amber' },
};

export const LAZARUS = {
  name: 'Lazarus Group',
  aliases: ['Lazarus Group', 'HIDDEN COBRA', 'Guardians of Peace', 'ZINC', 'Diamond Sleet', 'Labyrinth Chollima'],
};

function iso(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, '.000Z');
}

export function buildStixBundle(rng: Rng, ip: string, scenarioStart: Date): StixBundle {
  const created = iso(new Date(scenarioStart.getTime() - rng.int(90, 200) * 86400000));
  const modified = iso(new Date(scenarioStart.getTime() - rng.int(10, 60) * 86400000));
  const identityId = `identity--${rng.uuid()}`;
  const setId = `intrusion-set--${rng.uuid()}`;
  const indicatorId = `indicator--${rng.uuid()}`;
  const common = { spec_version: '2.1', created_by_ref: identityId, object_marking_refs: [TLP_AMBER.id] };
  return {
    type: 'bundle',
    id: `bundle--${rng.uuid()}`,
    objects: [
      TLP_AMBER,
      { type: 'identity', spec_version: '2.1', id: identityId, created, modified: created, name: 'Korean Exchanges Threat Sharing Group (fictional)', identity_class: 'organization', sectors: ['financial-services'] },
      {
        type: 'intrusion-set', ...common, id: setId, created, modified,
        name: LAZARUS.name,
        aliases: LAZARUS.aliases,
        description: 'State-sponsored actor attributed to the DPRK; targets cryptocurrency exchanges and their staff with spear-phishing and trojanised documents.',
        primary_motivation: 'organizational-gain',
        goals: ['steal cryptocurrency'],
      },
      {
        type: 'indicator', ...common, id: indicatorId, created, modified,
        name: `Lazarus Group mail source ${ip}`,
        description: 'Source address of spear-phishing against financial organisations in Seoul.',
        indicator_types: ['malicious-activity', 'attribution'],
        pattern: `[ipv4-addr:value = '${ip}']`,
        pattern_type: 'stix',
        valid_from: created,
        confidence: 80,
      },
      { type: 'relationship', ...common, id: `relationship--${rng.uuid()}`, created, modified, relationship_type: 'indicates', source_ref: indicatorId, target_ref: setId },
    ],
  };
}
