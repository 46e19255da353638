/** The scenario generator: deterministic, realistic mail for the demo, tests and evaluations. */
export { generateScenario, iterateMessages, DEFAULT_BENIGN, DEFAULT_START } from './scenario.js';
export { writeScenario, mboxrdEscape, type WriteResult } from './write.js';
export { orgsImportJson } from './orgs.js';
export { describeScenario } from './summary.js';
export { DEMO_LIMITS } from './limits.js';
export { LAZARUS } from './stix.js';
export { Rng } from './rng.js';
export type {
  AttemptTruth, CampaignTruth, DemoOrg, Infrastructure, MessageKind, NoiseOptions, OrgImport, PartnerBrand, Scenario,
  ScenarioMessage, ScenarioOptions, ScenarioTruth, Staff, StixBundle, Verdict,
} from './types.js';
