/**
 * How a route is declared: method, URL, who may call it, zod schemas for
 * params / querystring / body (validated here, 400 on failure, published in
 * the OpenAPI document), and a handler that receives the parsed values and
 * the caller's account. Every route must say who may call it; the app refuses
 * to start otherwise. Validation messages are zod's zh-CN locale (a schema's
 * own message, written Chinese first, wins over it).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { fieldPath } from '../domain/errors.js';
import { ROLES } from '../domain/vocabulary.js';
import type { AccountRow, Role } from '../store/account.repository.js';
import { ValidationError } from './http.errors.js';
import { unsafeTextIssues } from './text.guard.js';

/** Who may call a route: anyone, or any of these roles. */
export type Access = 'public' | readonly Role[];

export const ALL_ROLES: readonly Role[] = ROLES;
export const STAFF: readonly Role[] = ['officer', 'admin'];

/**
 * zod's Chinese messages, built once. Passed to each parse rather than set with
 * z.config(), which is process-wide: the config loader and the feed parsers
 * keep their English messages for the operator's log.
 */
const ZH_CN = { error: z.locales.zhCN().localeError };

type Schema = z.ZodType | undefined;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler gets. `account` is null only on public routes. */
export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  account: AccountRow;
  req: FastifyRequest;
  reply: FastifyReply;
}

/** A declared route. */
export interface RouteSpec<P extends Schema = undefined, Q extends Schema = undefined, B extends Schema = undefined> {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  access: Access;
  summary: string;
  description?: string;
  tags: string[];
  params?: P;
  query?: Q;
  body?: B;
  /** The 200 response, for the OpenAPI document. */
  response?: z.ZodType;
  /** Media type of a non-JSON response (text/html, text/csv…), for the OpenAPI document. */
  produces?: string;
  handler(ctx: RouteContext<Out<P>, Out<Q>, Out<B>>): Promise<unknown>;
}

/** A route with its types erased, as kept in the route table. */
export type AnyRoute = RouteSpec<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined>;

export function defineRoute<P extends Schema = undefined, Q extends Schema = undefined, B extends Schema = undefined>(spec: RouteSpec<P, Q, B>): AnyRoute {
  return spec as unknown as AnyRoute;
}

/** Route config as seen by hooks (`req.routeOptions.config`). */
export interface RouteConfig { access?: Access }

function jsonSchema(s: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const out = z.toJSONSchema(s, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete out.$schema;
  return out;
}

const PARTS: Record<string, 'params' | 'query' | 'body'> = { params: 'params', querystring: 'query', body: 'body' };

export function registerRoute(app: FastifyInstance, spec: AnyRoute): void {
  const schema: Record<string, unknown> = { summary: spec.summary, tags: spec.tags };
  if (spec.description) schema.description = spec.description;
  if (spec.params) schema.params = jsonSchema(spec.params, 'input');
  if (spec.query) schema.querystring = jsonSchema(spec.query, 'input');
  if (spec.body) schema.body = jsonSchema(spec.body, 'input');
  if (spec.access !== 'public') schema.security = [{ bearer: [] }, { cookie: [] }];
  const roles = spec.access === 'public' ? 'anyone' : spec.access.join(', ');
  schema.description = `${spec.description ? `${spec.description}\n\n` : ''}Roles: ${roles}.`;
  if (spec.response) schema.response = { 200: jsonSchema(spec.response, 'output') };
  else if (spec.produces) schema.response = { 200: { description: spec.produces, content: { [spec.produces]: { schema: { type: 'string' } } } } };

  app.route({
    method: spec.method,
    url: spec.url,
    schema,
    config: { access: spec.access } satisfies RouteConfig,
    validatorCompiler: ({ httpPart }) => {
      const key = PARTS[httpPart ?? ''];
      const zs = key ? spec[key] : undefined;
      return (data: unknown) => {
        if (!zs) return { value: data };
        const where = httpPart === 'querystring' ? 'query' : httpPart!;
        const unsafe = unsafeTextIssues(data, where);
        if (unsafe.length) return { error: new ValidationError(where, unsafe) };
        const r = zs.safeParse(data ?? (key === 'body' ? undefined : {}), ZH_CN);
        if (r.success) return { value: r.data };
        return { error: new ValidationError(where, r.error.issues.map((i) => ({ where, field: fieldPath(i.path), message: i.message }))) };
      };
    },
    // Responses are built by the services; no fast-json-stringify pass that could drop fields.
    serializerCompiler: () => (data: unknown) => JSON.stringify(data),
    handler: async (req, reply) => {
      const out = await spec.handler({
        params: req.params as never, query: req.query as never, body: req.body as never,
        account: (req as FastifyRequest & { account?: AccountRow }).account as AccountRow, req, reply,
      });
      return out === undefined ? reply : out;
    },
  });
}
