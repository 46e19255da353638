import type { Command } from 'commander';
import { startServer } from '../../http/index.js';
import { action, intOption } from '../context.js';

export function register(program: Command): void {
  program
    .command('serve')
    .description('serve the REST API (/api/v1, OpenAPI at /api/v1/openapi.json) and the dashboard')
    .option('--host <host>', 'address to listen on (default 127.0.0.1, or server.host)')
    .option('--port <port>', 'port to listen on (default 8080, or server.port)', intOption('--port', 0))
    .action(
      action(
        async (ctx) => {
          const db = await ctx.store();
          const server = await startServer({ db, config: ctx.config }, { host: ctx.config.server.host, port: ctx.config.server.port, log: ctx.log });
          ctx.log.info(`spearwatch serving on ${server.url}`);
          await new Promise<void>((resolve) => server.app.server.on('close', () => resolve()));
        },
        (opts: { host?: string; port?: number }) => ({ server: { ...(opts.host === undefined ? {} : { host: opts.host }), ...(opts.port === undefined ? {} : { port: opts.port }) } }),
      ),
    );
}
