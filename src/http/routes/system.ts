import { Type } from '@sinclair/typebox';
import { VERSION } from '../../core/index.js';
import type { RoutePlugin } from '../types.js';

export const systemRoutes: RoutePlugin = (app, { db }) => {
  app.get('/api/v1/health', {
    config: { public: true },
    schema: {
      tags: ['system'],
      summary: 'Liveness and store reachability',
      response: { 200: Type.Object({ status: Type.Literal('ok'), version: Type.String(), store: Type.String(), schemaVersion: Type.Integer() }) },
    },
  }, async () => ({ status: 'ok' as const, version: VERSION, store: db.engine, schemaVersion: await db.schemaVersion() }));

  app.get('/api/v1/openapi.json', {
    config: { public: true },
    schema: { hide: true },
  }, () => app.swagger());
};
