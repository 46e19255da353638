import { attemptKey, groupAttempts } from './attempts.js';
import { clusterAttempts } from './cluster.js';
import type { Commodity } from './commodity.js';
import { attemptFeatures, type Feature } from './links.js';
import type { Clustering, MessageFacts } from './types.js';

/** Attempt features from the facts of its copies. */
export function featuresOf(attempts: Clustering['attempts'], facts: ReadonlyMap<string, MessageFacts>, commodity: Commodity): Map<string, Feature[]> {
  const out = new Map<string, Feature[]>();
  for (const a of attempts) out.set(a.id, attemptFeatures(a.messages.map((m) => facts.get(m)).filter((f): f is MessageFacts => f !== undefined), commodity));
  return out;
}

/** The whole pure pipeline: messages' facts → attempts → campaigns (clean messages never take part). */
export function clusterMessages(facts: readonly MessageFacts[], commodity: Commodity): Clustering {
  const attempts = groupAttempts(facts);
  const byId = new Map(facts.map((f) => [f.id, f]));
  const features = featuresOf(attempts, byId, commodity);
  return { attempts, campaigns: clusterAttempts({ attempts, features }) };
}

export { attemptKey };
