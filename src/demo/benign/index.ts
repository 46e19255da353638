/** Benign mail mix: which kinds, how often, and filling up to the requested number of delivered copies. */
import type { Rng } from '../rng.js';
import type { DemoOrg } from '../types.js';
import type { Mailing } from '../envelope.js';
import type { GenContext } from './common.js';
import { hrInternal, internalInvite, internalMemoEn, internalMemoKo } from './internal.js';
import { hrSaas, newsletter, partnerUpdate, passwordReset, saasNotification, vendorInvoice } from './external.js';
import { externalInvite, internalForward, supportThread } from './threads.js';

export type { GenContext } from './common.js';

type Template = (ctx: GenContext, org: DemoOrg, rng: Rng) => Mailing;

const TEMPLATES: readonly (readonly [Template, number])[] = [
  [internalMemoKo, 14], [internalMemoEn, 8], [hrInternal, 5], [internalInvite, 6], [vendorInvoice, 8],
  [saasNotification, 12], [passwordReset, 5], [newsletter, 12], [hrSaas, 4], [partnerUpdate, 4],
  [supportThread, 8], [internalForward, 5], [externalInvite, 4],
];

/** Mailings whose delivered copies add up to exactly `count`. */
export function generateBenign(ctx: GenContext, count: number, rng: Rng): Mailing[] {
  const out: Mailing[] = [];
  let delivered = 0;
  for (let i = 0; delivered < count; i++) {
    const org = ctx.orgs[i % ctx.orgs.length];
    if (org === undefined) break;
    const template = rng.weighted(TEMPLATES);
    const m = template(ctx, org, rng.fork(`benign-${i}`));
    const room = count - delivered;
    if (m.deliverTo.length > room) m.deliverTo = m.deliverTo.slice(0, room);
    delivered += m.deliverTo.length;
    out.push(m);
  }
  return out;
}
