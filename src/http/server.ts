import type { Logger } from '../core/index.js';
import { buildApp } from './app.js';
import type { App, AppDeps } from './types.js';

export interface Server {
  app: App;
  url: string;
  close(): Promise<void>;
}

/** Listen, and close gracefully (finish in-flight requests, then the store) on SIGINT/SIGTERM. */
export async function startServer(deps: AppDeps, opts: { host: string; port: number; log: Logger; handleSignals?: boolean }): Promise<Server> {
  const app = await buildApp(deps, { logger: { level: deps.config.logLevel } });
  const address = await app.listen({ host: opts.host, port: opts.port });
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= app.close());
  if (opts.handleSignals !== false) {
    for (const sig of ['SIGINT', 'SIGTERM'] as const) {
      process.once(sig, () => {
        opts.log.info(`${sig}: shutting down`);
        void close();
      });
    }
  }
  return { app, url: address, close };
}
