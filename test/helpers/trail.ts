import fs from 'node:fs';
import path from 'node:path';
import { BlkWriter, importBlocks, NETWORK_PARAMS, type SynthBlock } from '../../src/chain/index.js';
import { systemClock } from '../../src/core/index.js';
import { importIntelFile } from '../../src/intel/index.js';
import type { Db } from '../../src/store/index.js';
import { buildLaunderingScenario, importPrices, type LaunderingOptions, type LaunderingScenario } from '../../src/trace/index.js';
import { tempDir } from './stores.js';

export interface BuiltTrail {
  scenario: LaunderingScenario;
  dir: string;
  /** blk files: the whole chain, or the part before and after `splitAtTheft` when asked. */
  files: string[];
  tagsFile: string;
  pricesFile: string;
  blocks: SynthBlock[];
}

/** Build a laundering scenario on disk: blk files, its TagPack and its prices. */
export function writeTrail(opts: Omit<LaunderingOptions, 'onBlock'> & { splitBeforeTheft?: boolean; splitMiddle?: boolean }): BuiltTrail {
  const dir = tempDir('spearwatch-trail-');
  const blocks: SynthBlock[] = [];
  const scenario = buildLaunderingScenario({ ...opts, onBlock: (b) => blocks.push(b) });
  const files: string[] = [];
  const write = (name: string, list: SynthBlock[]): void => {
    const d = path.join(dir, name);
    const w = new BlkWriter(d, { magic: NETWORK_PARAMS[opts.network ?? 'regtest'].magic });
    for (const b of list) w.write(b.raw);
    w.close();
    files.push(...w.files);
  };
  if (opts.splitBeforeTheft === true) {
    const theftAt = blocks.findIndex((b) => b.txs.some((t) => t.txidHex === scenario.theft.txid));
    write('part1', blocks.slice(0, theftAt));
    if (opts.splitMiddle === true) {
      const mid = theftAt + Math.floor((blocks.length - theftAt) / 2);
      write('part2', blocks.slice(theftAt, mid));
      write('part3', blocks.slice(mid));
    } else write('part2', blocks.slice(theftAt));
  } else write('blocks', blocks);
  const tagsFile = path.join(dir, 'tags.yaml');
  const pricesFile = path.join(dir, 'prices.csv');
  fs.writeFileSync(tagsFile, scenario.tagpack);
  fs.writeFileSync(pricesFile, scenario.pricesCsv);
  return { scenario, dir, files, tagsFile, pricesFile, blocks };
}

/** Import the whole trail (chain, tags, prices) into a store. */
export async function loadTrail(db: Db, t: BuiltTrail): Promise<void> {
  await importBlocks(db, t.files, 'blk', { network: t.scenario.network });
  await importIntelFile(db, t.tagsFile, {}, systemClock);
  await importPrices(db, t.pricesFile);
}
