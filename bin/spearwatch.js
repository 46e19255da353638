#!/usr/bin/env node
// Thin launcher: the CLI lives in the compiled package (npm ci builds it through the prepare script).
import { main } from '../dist/src/cli/main.js';

// A reader that goes away (`spearwatch … | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

process.exitCode = await main(process.argv.slice(2));
