/** Shared request schemas and the dependencies every route module receives. */
import { z } from 'zod';
import { isKindType, kindTypes } from '../../kinds/kind.registry.js';
import type { AppConfig } from '../../config/config.schema.js';
import type { EvidenceStore } from '../../store/evidence.store.js';
import type { Db } from '../../store/database.js';
import { actorOf, type Actor } from '../../enforcement/account.service.js';
import type { FastifyRequest } from 'fastify';
import type { AccountRow } from '../../store/account.repository.js';
import { dateProblem } from '../../enforcement/date.parser.js';

/** What route modules need. */
export interface RouteDeps {
  db: Db;
  config: AppConfig;
  evidence: EvidenceStore;
  clock: () => Date;
}

export const idParam = z.object({ id: z.coerce.number().int().positive().max(2 ** 53 - 1) }).strict();
export const text = (max = 2000) => z.string().trim().min(1, '不能为空 must not be empty').max(max);
export const optText = (max = 200) => z.string().trim().min(1, '不能为空（不用时请省略该参数） must not be empty (leave the parameter out instead)').max(max).optional();
/** An installed kind of right's id (read per request, so a plug-in kind installed at start is known). */
export const assetType = z.string().max(40).superRefine((v, ctx) => {
  if (!isKindType(v)) ctx.addIssue({ code: 'custom', message: `未知的权利类型 unknown kind of right; one of ${kindTypes().join(', ')}` });
});
export const limit = (def = 50, max = 500) => z.coerce.number().int().min(1).max(max).default(def);
export const offset = z.coerce.number().int().min(0).default(0);

/** `YYYY-MM-DD` (Asia/Shanghai) or an ISO date-time, a real calendar date in 2000-2100 (no roll-over). */
export const strictDate = z.string().max(40).superRefine((v, ctx) => {
  const problem = dateProblem(v);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
export const dateBound = strictDate.optional();

export const actor = (account: AccountRow, req: FastifyRequest): Actor & { id: number } => actorOf(account, req.ip) as Actor & { id: number };

export const ok = z.object({ ok: z.literal(true) });
