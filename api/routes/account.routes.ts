/** Account administration (admin only) and the audit log. */
import { z } from 'zod';
import { ROLES } from '../../domain/vocabulary.js';
import { listAudit } from '../../store/audit.repository.js';
import { accounts, changeAccount, createAccount } from '../../enforcement/account.service.js';
import { STAFF, defineRoute, type AnyRoute } from '../route.registry.js';
import { actor, idParam, limit, offset, optText, type RouteDeps } from './common.js';

const password = z.string().min(8, '至少 8 个字符 at least 8 characters').max(200);

export function accountRoutes({ db, clock }: RouteDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'GET', url: '/api/accounts', access: ['admin'], tags: ['accounts'], summary: 'All accounts',
      async handler() { return { accounts: await accounts(db) }; },
    }),
    defineRoute({
      method: 'POST', url: '/api/accounts', access: ['admin'], tags: ['accounts'],
      summary: 'Create an account (a platform account is bound to one platform)',
      body: z.object({
        username: z.string().regex(/^[A-Za-z0-9._@-]{2,64}$/, '须为 2-64 个字母、数字或 . _ @ - (2-64 letters, digits or . _ @ -)'),
        password, role: z.enum(ROLES),
        platform: optText(), displayName: optText(),
      }).strict(),
      async handler({ body, account, req, reply }) {
        reply.code(201);
        return createAccount(db, actor(account, req), body, clock());
      },
    }),
    defineRoute({
      method: 'PATCH', url: '/api/accounts/:id', access: ['admin'], tags: ['accounts'],
      summary: 'Change display name, password or active flag (deactivating or a new password ends its sessions)',
      params: idParam,
      body: z.object({ displayName: optText(), password: password.optional(), active: z.boolean().optional() }).strict()
        .refine((b) => Object.keys(b).length > 0, '没有要修改的内容 nothing to change'),
      async handler({ params, body, account, req }) {
        return changeAccount(db, actor(account, req), params.id, body, clock());
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/audit', access: STAFF, tags: ['accounts'],
      summary: 'The audit log: who did what, when (newest first)',
      query: z.object({
        action: optText(), accountId: z.coerce.number().int().positive().optional(), subjectType: optText(), subjectId: optText(),
        limit: limit(100, 1000), offset,
      }).strict(),
      async handler({ query }) { return listAudit(db, query); },
    }),
  ];
}
