/**
 * CoinJoin-like transactions are excluded from the multi-input heuristic: their inputs belong to several
 * owners by design. The test is the equal-value-outputs signature shared by the common implementations
 * (JoinMarket, Wasabi, Whirlpool), after Möser & Böhme, "Anonymous Alone? Measuring Bitcoin's Second-Generation
 * Anonymization Techniques" (IEEE EuroS&PW 2017), and BlockSci's `isCoinjoin` (Kalodner et al., "BlockSci",
 * USENIX Security 2020):
 *  - at least 2 inputs from at least 2 distinct input addresses;
 *  - the most frequent output value (above dust) occurs k ≥ 2 times, and at least k distinct input addresses
 *    fund the transaction (each participant brings an input);
 *  - the other outputs number at most k + 1 (one change per participant, plus a coordinator fee).
 * A two-output payment that happens to split into equal halves from one wallet does not qualify (one input
 * address). False negatives (PayJoin, equal-output-free mixes) remain; the heuristic is conservative on purpose.
 */
export interface CoinjoinInput {
  inputAddresses: readonly (number | null)[];
  outputValues: ArrayLike<number>;
  /** How many of inputAddresses are this transaction's (the first ones; all by default). */
  inputCount?: number;
  /** The number of distinct non-null input addresses, when the caller has counted them. */
  distinctInputs?: number;
}

/** Outputs at or below this are dust, ignored when looking for the common denomination (Core's dust limit). */
const DUST = 546;

export function isCoinjoinLike(tx: CoinjoinInput): boolean {
  const nIn = tx.inputCount ?? tx.inputAddresses.length;
  if (nIn < 2 || tx.outputValues.length < 2) return false;
  const distinctIn = tx.distinctInputs ?? new Set(tx.inputAddresses.slice(0, nIn).filter((a): a is number => a !== null)).size;
  if (distinctIn < 2) return false;
  const counts = new Map<number, number>();
  for (let i = 0; i < tx.outputValues.length; i++) {
    const v = tx.outputValues[i] as number;
    if (v > DUST) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  let k = 0;
  for (const c of counts.values()) if (c > k) k = c;
  if (k < 2) return false;
  if (distinctIn < k) return false;
  return tx.outputValues.length - k <= k + 1;
}
