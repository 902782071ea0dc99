/**
 * The review and takedown service (issue 5): builds the Fastify app with
 * every route, its access rule and schemas, the OpenAPI document at
 * /docs/openapi.json, and the web pages at / (officers) and /platform.
 * Security headers come from @fastify/helmet, cookies from @fastify/cookie,
 * login limits from @fastify/rate-limit (api/login.guard.ts), the JSON
 * nesting limit from api/json.guard.ts.
 * Routes and roles: api/README.md.
 */
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/config.schema.js';
import type { EvidenceStore } from '../store/evidence.store.js';
import type { Db } from '../store/database.js';
import { installAuthGuard } from './auth.guard.js';
import { installErrorHandlers } from './http.errors.js';
import { installJsonGuard } from './json.guard.js';
import { installLoginGuard } from './login.guard.js';
import { registerRoute, type Access, type AnyRoute, type RouteConfig } from './route.registry.js';
import { accountRoutes } from './routes/account.routes.js';
import { authRoutes } from './routes/auth.routes.js';
import type { RouteDeps } from './routes/common.js';
import { evidenceRoutes } from './routes/evidence.routes.js';
import { metaRoutes } from './routes/meta.routes.js';
import { noticeRoutes } from './routes/notice.routes.js';
import { reviewRoutes } from './routes/review.routes.js';
import { statsRoutes } from './routes/stats.routes.js';
import { PAGE_CSP_DIRECTIVES, webRoutes } from './routes/web.routes.js';
import { deskRoutes } from './routes/desk.routes.js';
import { campaignRoutes } from './routes/campaign.routes.js';
import { healthRoutes } from './routes/health.routes.js';
import { registerQueueBoard } from './queue.board.js';
import type { Operations } from '../app/operations.js';

/** What the API needs from the rest of the system. */
export interface ApiDeps {
  db: Db;
  config: AppConfig;
  evidence: EvidenceStore;
  /** A pino logger, or false for none (tests). */
  logger?: Logger | false;
  /** The time, injectable for tests (deadlines, sessions). */
  clock?: () => Date;
  /** Campaigns, runs, health, metrics and the queue dashboard (app/operations.ts); without it those routes are absent. */
  ops?: Operations;
}

/** One registered route and who may call it (the permission matrix test walks this). */
export interface RouteEntry { method: string; url: string; access: Access | undefined }

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, with its access rule. */
    routeTable: RouteEntry[];
  }
}

/** Where @fastify/swagger-ui serves the interactive API documentation. */
export const DOCS_UI = '/docs/ui';

export async function buildApp(deps: ApiDeps): Promise<FastifyInstance> {
  const clock = deps.clock ?? (() => new Date());
  const app = Fastify({
    loggerInstance: deps.logger ? deps.logger : undefined,
    logger: deps.logger ? undefined : false,
    bodyLimit: 1024 * 1024,
    // Whose X-Forwarded-For to believe (config api.trustProxy: the proxies' addresses / CIDR ranges; default none).
    trustProxy: deps.config.api?.trustProxy ?? false,
    ajv: { customOptions: { removeAdditional: false } },
  } as Parameters<typeof Fastify>[0]) as unknown as FastifyInstance;

  // Interactive API docs (@fastify/swagger-ui) are public pages: mark its routes before the guard checks them.
  app.addHook('onRoute', (r) => { if (r.url.startsWith(DOCS_UI)) r.config = { ...(r.config as object), access: 'public' } as never; });
  const table: RouteEntry[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    for (const m of methods) if (m !== 'HEAD') table.push({ method: m, url: r.url, access: (r.config as RouteConfig | undefined)?.access });
  });

  installErrorHandlers(app);
  // JSON bodies nested deeper than any route takes are refused before they are parsed (api/json.guard.ts).
  installJsonGuard(app);
  // Cookies are parsed before the auth guard's onRequest hook reads them.
  await app.register(cookie);
  await app.register(helmet, {
    // The pages' own policy, for every response: the JSON API needs nothing more, and a route
    // that must differ (evidence, the printable notice) sets its own header.
    contentSecurityPolicy: { useDefaults: false, directives: PAGE_CSP_DIRECTIVES },
    // Evidence is shown in a same-origin frame of the officer page; pages themselves say DENY.
    frameguard: { action: 'sameorigin' },
    referrerPolicy: { policy: 'no-referrer' },
    // HSTS only matters behind https; harmless on loopback where browsers ignore it.
    hsts: { maxAge: 31_536_000, includeSubDomains: false },
  });
  await installLoginGuard(app, deps.config);
  installAuthGuard(app, deps.db, clock);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'ipwatch review and takedown API',
        version: '0.1.0',
        description: 'Review flagged listings, send takedown notices (E-Commerce Law arts. 42-45), record platform replies, report statistics. Log in with POST /api/auth/login; send `Authorization: Bearer <token>` (or the session cookie with `X-Requested-With: ipwatch` on writes).',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'ipwatch_session' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: DOCS_UI, uiConfig: { docExpansion: 'list', deepLinking: true, tryItOutEnabled: false }, staticCSP: true });

  const rd: RouteDeps = { db: deps.db, config: deps.config, evidence: deps.evidence, clock };
  const routes: AnyRoute[] = [
    ...authRoutes(rd), ...metaRoutes(rd), ...reviewRoutes(rd), ...noticeRoutes(rd), ...statsRoutes(rd),
    ...accountRoutes(rd), ...evidenceRoutes(rd), ...webRoutes(app), ...deskRoutes(rd), ...healthRoutes(rd, deps.ops),
    ...(deps.ops ? campaignRoutes(rd, deps.ops) : []),
  ];
  for (const r of routes) registerRoute(app, r);
  if (deps.ops) await registerQueueBoard(app, deps.ops.queues());
  await app.ready();
  return app;
}
