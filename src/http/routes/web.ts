import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { Type } from '@sinclair/typebox';
import type { RoutePlugin } from '../types.js';
import { BODY_STYLE_HASH } from './html-sanitise.js';

/** web/dist, from dist/src/http/routes/ (compiled) — the dashboard `npm run build` makes. */
export const WEB_ROOT = fileURLToPath(new URL('../../../../web/dist/', import.meta.url));

/**
 * The dashboard's own policy: every script and stylesheet is a file from this origin, nothing inline (except the
 * message viewer's fixed stylesheet, by hash), no plugins, no framing of the app, and data only from the API.
 * Message bodies render in `<iframe sandbox="" srcdoc>`, which inherits this policy: no remote loads there either.
 */
export const APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  `style-src 'self' '${BODY_STYLE_HASH}'`,
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

export const webRoutes: RoutePlugin = async (app) => {
  await app.register(fastifyStatic, { root: WEB_ROOT, serve: false });
  app.addHook('onSend', async (_request, reply) => {
    void reply.header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');
  });
  const built = (): boolean => fs.existsSync(`${WEB_ROOT}index.html`);
  const page = {
    config: { public: true },
    schema: { hide: true, params: Type.Object({ '*': Type.Optional(Type.String({ maxLength: 200 })) }) },
  };

  app.get('/', page, async (_request, reply) => {
    if (!built()) {
      return reply.status(503).type('text/plain; charset=utf-8').send('The dashboard is not built: run `npm run build`. The API is at /api/v1 (see /api/v1/openapi.json).\n');
    }
    return reply
      .header('content-security-policy', APP_CSP)
      .header('x-frame-options', 'DENY')
      .sendFile('index.html', { maxAge: 0 });
  });

  app.get('/assets/*', page, async (request, reply) => {
    const rel = request.params['*'] ?? '';
    // Vite names assets by content hash: a plain name, never a path.
    if (!/^[A-Za-z0-9._-]+\.(js|css|svg|png|woff2?)$/.test(rel)) return reply.callNotFound();
    return reply
      .header('content-security-policy', APP_CSP)
      .sendFile(`assets/${rel}`, { maxAge: 365 * 24 * 3600 * 1000, immutable: true });
  });
};
