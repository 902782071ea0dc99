/**
 * Authorisation of every request: the route's `access` rule against the
 * caller's account, found from `Authorization: Bearer <token>` or the
 * `ipwatch_session` cookie (parsed by @fastify/cookie). Anonymous → 401, wrong role → 403, before any
 * body is validated. Cookie-authenticated writes must carry
 * `X-Requested-With: ipwatch` (a header no cross-site form can send).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccountRow } from '../store/account.repository.js';
import type { Db } from '../store/database.js';
import { authenticate } from '../enforcement/account.service.js';
import { forbidden, unauthorized } from './http.errors.js';
import type { RouteConfig } from './route.registry.js';

export const SESSION_COOKIE = 'ipwatch_session';
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_VALUE = 'ipwatch';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller, set on every non-public route. */
    account?: AccountRow;
    /** The token the caller presented (for logout). */
    token?: string;
  }
}

/** Max-Age rather than Expires, so a browser whose clock differs from the server's keeps the cookie as long as the session. */
export function setSessionCookie(reply: FastifyReply, token: string, maxAgeSeconds: number, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure, maxAge: Math.max(0, Math.floor(maxAgeSeconds)) });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, '', { path: '/', httpOnly: true, sameSite: 'strict', secure, maxAge: 0 });
}

function presentedToken(req: FastifyRequest): { token: string; via: 'bearer' | 'cookie' } | undefined {
  const auth = req.headers.authorization;
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    return m ? { token: m[1], via: 'bearer' } : undefined;
  }
  const cookie = req.cookies?.[SESSION_COOKIE];
  return cookie ? { token: cookie, via: 'cookie' } : undefined;
}

export function installAuthGuard(app: FastifyInstance, db: Db, clock: () => Date): void {
  // Every route must declare who may call it.
  app.addHook('onRoute', (route) => {
    const access = (route.config as RouteConfig | undefined)?.access;
    if (!access) throw new Error(`route ${route.method} ${route.url} has no access rule`);
  });

  app.addHook('onRequest', async (req) => {
    const access = (req.routeOptions.config as RouteConfig | undefined)?.access;
    if (!access || access === 'public') return;
    const presented = presentedToken(req);
    if (!presented) throw unauthorized();
    const account = await authenticate(db, presented.token, clock());
    if (!account) throw unauthorized('session expired or invalid; log in again');
    if (!access.includes(account.role)) throw forbidden(`role ${account.role} may not ${req.method} ${req.routeOptions.url}`);
    if (presented.via === 'cookie' && !['GET', 'HEAD', 'OPTIONS'].includes(req.method) && req.headers[CSRF_HEADER] !== CSRF_VALUE) {
      throw forbidden(`cookie-authenticated writes need the header ${CSRF_HEADER}: ${CSRF_VALUE}`);
    }
    req.account = account;
    req.token = presented.token;
  });
}
