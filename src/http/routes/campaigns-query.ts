import type { Queryable } from '../../store/index.js';
import type { MessageRow } from './messages-query.js';

/**
 * The campaigns a message takes part in. The campaigns domain exports views of a campaign but no reverse lookup
 * from a message, so this reads its membership table directly; the caller has already checked that the
 * message (and so its own membership) is visible.
 */
export async function campaignsOfMessage(db: Queryable, m: MessageRow): Promise<{ id: string; name: string }[]> {
  return db.all<{ id: string; name: string }>(
    'SELECT DISTINCT c.id, c.name FROM campaign_messages cm JOIN campaigns c ON c.id = cm.campaign_id WHERE cm.message_id = ? ORDER BY c.id',
    [m.id],
  );
}
