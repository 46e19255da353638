import type { Db } from '../store/index.js';
import { syncInterest } from './interest.js';
import { TagBook } from './tags.js';

/** An exchange as the money trail knows it: a name, the tagged addresses the index has seen, and their clusters. */
export interface ExchangeView {
  name: string;
  taggedAddresses: string[];
  /** Clusters holding tagged addresses: every address in them counts as this exchange's (deposits included). */
  clusters: number[];
  sources: string[];
}

/** `spearwatch exchanges`: every exchange with a tag on an address the chain index holds. */
export async function listExchanges(db: Db): Promise<ExchangeView[]> {
  await syncInterest(db);
  const book = await TagBook.load(db);
  return [...book.exchanges()].map(([name, e]) => ({
    name, taggedAddresses: [...e.addresses].sort(), clusters: [...e.clusters].sort((a, b) => a - b), sources: [...e.sources].sort(),
  })).sort((a, b) => a.name.localeCompare(b.name));
}
