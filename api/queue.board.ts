/**
 * The queue dashboard (Bull Board) at /admin/queues, for admins only. Bull
 * Board's Fastify plugin declares its own routes; they are given the admin
 * access rule as they are declared, so the auth guard treats them like every
 * other route (401 anonymous, 403 other roles).
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { RouteConfig } from './route.registry.js';

export const QUEUE_BOARD_PATH = '/admin/queues';

export async function registerQueueBoard(app: FastifyInstance, queues: Queue[]): Promise<void> {
  const adapter = new FastifyAdapter();
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter: adapter, options: { uiConfig: { boardTitle: 'ipwatch queues' } } });
  adapter.setBasePath(QUEUE_BOARD_PATH);
  await app.register(async (scope) => {
    // Every route declared in this scope (and the plugins it registers) is admin-only.
    const declare = scope.route;
    const access: RouteConfig = { access: ['admin'] };
    scope.route = function (this: FastifyInstance, opts: RouteOptions) {
      return declare.call(this, { ...opts, config: { ...(opts.config as object), ...access } as never });
    } as typeof scope.route;
    await scope.register(adapter.registerPlugin() as never, { prefix: QUEUE_BOARD_PATH });
  });
}
