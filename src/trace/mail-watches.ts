import { getMeta, parseBitcoinAddress, type Network } from '../chain/index.js';
import { campaignsOfMessage } from '../campaigns/index.js';
import { flaggedObservables } from '../mail/index.js';
import type { Db } from '../store/index.js';
import { getTraceMeta, setTraceMeta } from './meta.js';
import { addWatch } from './watches.js';

export interface MailWatchSync {
  /** Watches created for addresses demanded in mail. */
  created: number;
  /** Addresses of another network than the chain index holds (a mainnet demand on a test chain): not watched. */
  otherNetwork: number;
}

/**
 * Bitcoin addresses demanded in flagged mail (extortion, fake invoices) are watched automatically for the
 * message's organisation, with the message — and its campaign, once campaigns have grouped it — as the case.
 * Incremental: only messages first scanned since the last sync are read.
 */
export async function syncMailWatches(db: Db): Promise<MailWatchSync> {
  const out: MailWatchSync = { created: 0, otherNetwork: 0 };
  const network = ((await getMeta(db, 'network')) ?? null) as Network | null;
  let since = (await getTraceMeta(db, 'mail-watch:since')) ?? null;
  for (;;) {
    const rows = await flaggedObservables(db, 'btc-address', since, 5_000);
    if (rows.length === 0) break;
    for (const r of rows) {
      if (network !== null && parseBitcoinAddress(r.value, network) === null) {
        out.otherNetwork++;
        continue;
      }
      const campaign = (await campaignsOfMessage(db, r.id))[0] ?? null;
      const label = r.subject ?? r.messageId ?? r.sha256.slice(0, 12);
      const w = await addWatch(db, {
        target: r.value, caseName: `mail: ${label.slice(0, 150)}`, org: r.org, messageId: r.id, messageSha256: r.sha256, campaignId: campaign?.id ?? null,
      });
      if (w.created) out.created++;
    }
    since = rows[rows.length - 1]?.firstScannedAt ?? since;
    if (rows.length < 5_000) break;
  }
  if (since !== null) await setTraceMeta(db, 'mail-watch:since', since);
  return out;
}
