import type { FastifyError, FastifyInstance } from 'fastify';
import { ERROR_CATALOGUE, SpearwatchError, toSpearwatchError, type ErrorCode } from '../core/index.js';

export interface ErrorBody {
  code: ErrorCode;
  message: string;
}

/** Map fastify's own errors (validation, body limit, bad JSON) onto the catalogue. */
function fromFastify(e: FastifyError): SpearwatchError | undefined {
  if (e.validation !== undefined) return new SpearwatchError('SW_USAGE', `invalid request: ${e.message}`);
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new SpearwatchError('SW_INPUT_TOO_LARGE', 'request body too large');
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new SpearwatchError('SW_USAGE', e.message);
  if (e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (e.statusCode === 400 && e.code?.startsWith('FST_'))) {
    return new SpearwatchError('SW_USAGE', e.message);
  }
  if (e.statusCode === 413) return new SpearwatchError('SW_INPUT_TOO_LARGE', e.message);
  if (e.statusCode === 415) return new SpearwatchError('SW_USAGE', e.message);
  return undefined;
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const e = error instanceof SpearwatchError ? error : fromFastify(error) ?? toSpearwatchError(error);
    const status = e.code === 'SW_USAGE' && error.statusCode === 415 ? 415 : ERROR_CATALOGUE[e.code].http;
    if (status >= 500) request.log.error({ err: error }, e.message);
    const body: ErrorBody = { code: e.code, message: status >= 500 && e.code === 'SW_INTERNAL' ? 'internal error' : e.message };
    void reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ code: 'SW_NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` } satisfies ErrorBody);
  });
}
