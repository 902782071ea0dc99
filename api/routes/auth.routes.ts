/** Log in (bearer token and session cookie), log out, who am I. */
import { z } from 'zod';
import { ROLES } from '../../domain/vocabulary.js';
import { login, logout } from '../../enforcement/account.service.js';
import { clearSessionCookie, setSessionCookie } from '../auth.guard.js';
import { ALL_ROLES, defineRoute, type AnyRoute } from '../route.registry.js';
import type { RouteDeps } from './common.js';

const accountOut = z.object({ id: z.number(), username: z.string(), displayName: z.string(), role: z.enum(ROLES), platform: z.string().nullable() });

export function authRoutes({ db, config, clock }: RouteDeps): AnyRoute[] {
  // Secure unless the operator turned it off for plain-http local use (config api.cookieSecure).
  const secure = config.api?.cookieSecure ?? true;
  return [
    defineRoute({
      method: 'POST', url: '/api/auth/login', access: 'public', tags: ['auth'],
      summary: 'Log in: returns a bearer token and sets the session cookie',
      body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }).strict(),
      response: z.object({ token: z.string(), expiresAt: z.string(), account: accountOut }),
      async handler({ body, req, reply }) {
        const now = clock();
        const r = await login(db, body.username, body.password, now, req.ip);
        setSessionCookie(reply, r.token, (r.expiresAt.getTime() - now.getTime()) / 1000, secure);
        const { id, username, displayName, role, platform } = r.account;
        return { token: r.token, expiresAt: r.expiresAt.toISOString(), account: { id, username, displayName, role, platform } };
      },
    }),
    defineRoute({
      method: 'POST', url: '/api/auth/logout', access: ALL_ROLES, tags: ['auth'],
      summary: 'Log out: ends this session', response: z.object({ ok: z.literal(true) }),
      async handler({ req, reply }) {
        await logout(db, req.token!);
        clearSessionCookie(reply, secure);
        return { ok: true };
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/auth/me', access: ALL_ROLES, tags: ['auth'],
      summary: 'The logged-in account', response: accountOut,
      async handler({ account }) {
        const { id, username, displayName, role, platform } = account;
        return { id, username, displayName, role, platform };
      },
    }),
  ];
}
