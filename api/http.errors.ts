/**
 * HTTP errors of the API, and the status each domain error maps to. Every error
 * body is `{ error: <code>, message, issues? }`.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError, type Issue } from '../domain/errors.js';
import { IllegalTransitionError } from '../enforcement/notice.state.js';

export type { Issue };

/** The HTTP status of each kind of domain error the services throw. */
const STATUS_OF: Record<DomainError['kind'], number> = { invalid: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409, unavailable: 503 };

/** An error with an HTTP status and a stable machine-readable code. */
export class ApiError extends Error {
  constructor(readonly statusCode: number, readonly code: string, message: string, readonly issues?: Issue[]) {
    super(message);
    this.name = 'ApiError';
  }
}


export const badRequest = (message: string, issues?: Issue[]) => new ApiError(400, 'bad_request', message, issues);
export const unauthorized = (message = 'log in first') => new ApiError(401, 'unauthorized', message);
export const forbidden = (message = 'your role may not do this') => new ApiError(403, 'forbidden', message);
export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);
export const conflict = (message: string, code = 'conflict') => new ApiError(409, code, message);

/**
 * A request-validation error carrying zod's issues (see route.registry.ts):
 * each names its field path and says what is wrong in Chinese (zod's zh-CN
 * locale, or the schema's own message, Chinese first).
 */
export class ValidationError extends Error {
  statusCode = 400;
  constructor(readonly where: string, readonly issues: Issue[]) {
    super(`请求内容有误 invalid ${where}: ${issues.map((i) => `${i.field || '(root)'}: ${i.message}`).join('; ')}`);
    this.name = 'ValidationError';
  }
}

/** Postgres errors (SQLSTATE) that mean "your request, not our server": their status, code and message. */
const PG_STATUS: Record<string, [number, string, string]> = {
  '23505': [409, 'conflict', 'a concurrent request changed this first; reload and try again'],
  '40001': [409, 'conflict', 'a concurrent request changed this first; reload and try again'],
  '40P01': [409, 'conflict', 'a concurrent request changed this first; reload and try again'],
  '22P05': [400, 'bad_request', 'a text field contains a character that cannot be stored (NUL or other control character)'],
  '22021': [400, 'bad_request', 'a text field is not valid UTF-8 or contains a NUL character'],
  '22008': [400, 'bad_request', 'a date is out of range'],
  '22007': [400, 'bad_request', 'a date is not valid'],
  '22003': [400, 'bad_request', 'a number is out of range'],
};

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | Error, req, reply) => {
    if (err instanceof ApiError) {
      return reply.code(err.statusCode).send({ error: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) });
    }
    if (err instanceof DomainError) {
      return reply.code(STATUS_OF[err.kind]).send({ error: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) });
    }
    if (err instanceof ValidationError) {
      return reply.code(400).send({ error: 'bad_request', message: err.message, issues: err.issues });
    }
    if (err instanceof IllegalTransitionError) {
      return reply.code(409).send({ error: 'illegal_transition', message: err.message, from: err.from, event: err.event });
    }
    const pgCode = (err as { code?: unknown }).code;
    if (typeof pgCode === 'string' && PG_STATUS[pgCode]) {
      // A safety net: the services check first, but a race or an odd value must still get a clear 4xx.
      const [status, code, message] = PG_STATUS[pgCode];
      req.log.warn({ err }, 'database refused the request');
      return reply.code(status).send({ error: code, message });
    }
    const fe = err as FastifyError;
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      // Fastify's own client errors: bad JSON, unsupported media type, body too large…
      const code = fe.statusCode === 415 ? 'unsupported_media_type' : fe.statusCode === 413 ? 'payload_too_large' : fe.statusCode === 429 ? 'too_many_requests' : 'bad_request';
      return reply.code(fe.statusCode).send({ error: code, message: fe.message });
    }
    req.log.error({ err }, 'request failed');
    return reply.code(500).send({ error: 'internal', message: 'internal error' });
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).send({ error: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` }));
}
