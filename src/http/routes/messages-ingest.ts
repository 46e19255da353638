import { updateCampaignsWith, type CommodityExtra } from '../../campaigns/index.js';
import { systemClock, toSpearwatchError, type Clock } from '../../core/index.js';
import { finishReport, type IntelMatch as MailIntelMatch, type MessageReport } from '../../mail/index.js';
import type { Db, Queryable } from '../../store/index.js';
import { intelMatcher } from './intel-cache.js';
import { senderSeenBefore, storeAnalysed, type MessageIdValue } from './messages-query.js';

/** One analysed upload waiting to be stored. */
export interface Analysed {
  file: string;
  bytes: Uint8Array;
  report: MessageReport;
}

export interface Stored {
  id: MessageIdValue;
  file: string;
  report: MessageReport;
}

interface Entry {
  items: readonly Analysed[];
  resolve: (r: Stored[]) => void;
  reject: (e: unknown) => void;
}

export interface IngestLog {
  error(obj: unknown, msg: string): void;
}

/**
 * Where analysed uploads are stored: uploads that arrive while a write is under way are written together, in one
 * transaction that also updates the campaigns for them. Every commit costs a lock, a WAL append (and now and then
 * a checkpoint) or a round trip whatever it holds, and concurrent uploads are the load the server sees (a dropped
 * folder, a mail gateway posting as it receives). Each request's promise settles once its messages are committed
 * and in the campaigns, so an answered upload is visible in both, as before; one request's messages keep their
 * order.
 *
 * A batch that fails to store is retried request by request, so a bad message fails only its own request. The
 * campaign update runs in a savepoint: when it fails the messages are still stored (the failure is logged), and
 * campaigns catch up on the next update or `spearwatch campaigns rebuild`.
 */
export class UploadIngest {
  private queue: Entry[] = [];
  private running = false;

  constructor(
    private readonly db: Db,
    private readonly opts: { clock?: Clock | undefined; extraCommodity: CommodityExtra; log: IngestLog },
  ) {}

  /** Store these analysed uploads (one request's, in order); resolves with their ids. */
  store(items: readonly Analysed[]): Promise<Stored[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ items, resolve, reject });
      if (!this.running) void this.run();
    });
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        let all: Stored[];
        try {
          all = await this.write(batch.flatMap((e) => e.items));
        } catch (e) {
          if (batch.length === 1) batch[0]!.reject(e);
          else {
            for (const entry of batch) {
              try {
                entry.resolve(await this.write(entry.items));
              } catch (err) {
                entry.reject(err);
              }
            }
          }
          continue;
        }
        let i = 0;
        for (const entry of batch) entry.resolve(all.slice(i, (i += entry.items.length)));
      }
    } finally {
      this.running = false;
    }
  }

  /** Sender history and intel for each message, store them all in order, then update campaigns: one transaction. */
  private async write(items: readonly Analysed[]): Promise<Stored[]> {
    const matcher = await intelMatcher(this.db);
    const now = (this.opts.clock ?? systemClock).now().toISOString();
    return this.db.transaction(async (tx: Queryable) => {
      const out: Stored[] = [];
      for (const it of items) {
        // inside the transaction: a message sees the ones stored before it in the same batch
        const seen = it.report.org === null ? true : await senderSeenBefore(tx, it.report.org, it.report.from.address, it.report.sha256);
        const matches = await matcher.match(it.report.indicators);
        const asMail: MailIntelMatch[] = matches.map((m) => ({ ...m }));
        const report = finishReport(it.report, { history: { seen: () => seen }, intel: { match: () => asMail } });
        const id = await storeAnalysed(tx, report, it.bytes, now);
        if (report.org !== null && matches.length > 0) await matcher.recordSightings(tx, report.org, id, matches, now);
        out.push({ id, file: it.file, report });
      }
      await tx.run('SAVEPOINT upload_campaigns');
      try {
        const messages = out.map((o, k) => ({ id: o.id, report: o.report, raw: items[k]!.bytes, scannedAt: now }));
        await updateCampaignsWith(tx, messages, { extraCommodity: this.opts.extraCommodity, now: () => now });
        await tx.run('RELEASE SAVEPOINT upload_campaigns');
      } catch (e) {
        await tx.run('ROLLBACK TO SAVEPOINT upload_campaigns');
        await tx.run('RELEASE SAVEPOINT upload_campaigns');
        this.opts.log.error({ err: e }, `campaign update after upload failed: ${toSpearwatchError(e).message}`);
      }
      return out;
    });
  }
}
