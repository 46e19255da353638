import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Clock, Config } from '../core/index.js';
import type { Db } from '../store/index.js';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

/** What every route plugin gets: the store and configuration, injected (no singletons). */
export interface AppDeps {
  db: Db;
  config: Config;
  clock?: Clock;
  /** Worker threads analysing uploads (default: one per core, at most 4); 0 or 1 analyses on the event loop. */
  analysisWorkers?: number;
}

export type RoutePlugin = (app: App, deps: AppDeps) => void | Promise<void>;
