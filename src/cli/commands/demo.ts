import type { Command } from 'commander';
import { action } from '../context.js';

export function register(program: Command): void {
  program
    .command('demo')
    .description('build the bundled demo scenario into a fresh home and run every capability on it')
    .action(
      action(async (ctx) => {
        ctx.log.info('demo: generator pending');
        await Promise.resolve();
      }),
    );
}
