/**
 * HTTP errors of the API, and the status each domain error maps to. Every error
 * body is `{ error: <code>, message, issues? }`.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError, type Issue } from '../domain/errors.js';
import { IllegalTransitionError } from '../enforcement/notice.state.js';

export type { Issue };

/** The HTTP status of each kind of domain error the services throw. */
const STATUS_OF: Record<DomainError['kind'], number> = { invalid: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409 };

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

/** A request-validation error carrying zod's issues (see route.registry.ts). */
export class ValidationError extends Error {
  statusCode = 400;
  constructor(readonly where: string, readonly issues: Issue[]) {
    super(`invalid ${where}: ${issues.map((i) => `${i.field || '(root)'}: ${i.message}`).join('; ')}`);
    this.name = 'ValidationError';
  }
}

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
    const fe = err as FastifyError;
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      // Fastify's own client errors: bad JSON, unsupported media type, body too large…
      return reply.code(fe.statusCode).send({ error: fe.statusCode === 415 ? 'unsupported_media_type' : 'bad_request', message: fe.message });
    }
    req.log.error({ err }, 'request failed');
    return reply.code(500).send({ error: 'internal', message: 'internal error' });
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).send({ error: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` }));
}
