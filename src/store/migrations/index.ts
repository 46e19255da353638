import type { Migration } from '../types.js';
import { m0001 } from './0001_organisations.js';
import { m0002 } from './0002_mail.js';
import { m0010 } from './0010_intel.js';
import { m0020 } from './0020_chain.js';
import { m0021 } from './0021_chain_key_prefixes.js';
import { m0030 } from './0030_campaigns.js';
import { m0050 } from './0050_identity.js';
import { m0051 } from './0051_inbox_order.js';
import { m0052 } from './0052_mail_per_org.js';
import { m0053 } from './0053_mail_search.js';
import { m0011 } from './0011_intel_malware.js';
import { m0060 } from './0060_trace.js';
import { m0061 } from './0061_trace_frontier_tx.js';
import { m0070 } from './0070_chain_packed_outputs.js';
import { m0071 } from './0071_chain_address_lists.js';
import { m0072 } from './0072_chain_cluster_ids_by_address.js';
import { m0073 } from './0073_chain_key_chunks.js';

/**
 * Every schema change, in order. Add a file `NNNN_<what>.ts` per change and list it here; never edit a
 * migration that has shipped.
 */
export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0010, m0011, m0020, m0021, m0030, m0050, m0051, m0052, m0053, m0060, m0061, m0070, m0071, m0072, m0073];
