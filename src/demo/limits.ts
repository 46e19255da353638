/** Caps on generator options, so a typo in an eval script cannot ask for a scenario that fills the disk. */
export const DEMO_LIMITS = {
  /** 100k benign copies is ~2 GB of mail; more than any evaluation needs. */
  maxBenign: 100_000,
  /** Attempts are placed on distinct days of the campaign window; 100 extra is already absurd. */
  maxExtraAttempts: 100,
  /** There are three mass-phishing themes; more mailings reuse them with new infrastructure. */
  maxMassMailings: 20,
} as const;
