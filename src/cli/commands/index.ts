import type { Command } from 'commander';
import { register as demo } from './demo.js';
import { register as doctor } from './doctor.js';
import { register as identity } from './identity.js';
import { register as intel } from './intel.js';
import { register as org } from './org.js';
import { register as serve } from './serve.js';
import { register as scan } from './scan.js';
import { register as chain } from './chain.js';
import { register as campaigns } from './campaigns.js';
import { register as trace } from './trace.js';

/** Every command group, in the order `spearwatch --help` lists them. Add one line per new command file. */
export const COMMANDS: ReadonlyArray<(program: Command) => void> = [org, identity, scan, intel, campaigns, chain, trace, serve, doctor, demo];
