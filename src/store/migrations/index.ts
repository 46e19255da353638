import type { Migration } from '../types.js';
import { m0001 } from './0001_organisations.js';
import { m0050 } from './0050_identity.js';

/**
 * Every schema change, in order. Add a file `NNNN_<what>.ts` per change and list it here; never edit a
 * migration that has shipped.
 */
export const MIGRATIONS: readonly Migration[] = [m0001, m0050];
