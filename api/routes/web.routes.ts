/**
 * The web pages (plain HTML and vanilla JS from api/web, nothing from the
 * internet) and the OpenAPI document. The pages are public shells; all data
 * comes from the authorised API.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound } from '../http.errors.js';
import { defineRoute, type AnyRoute } from '../route.registry.js';

const WEB_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'web');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
};
/** The pages' Content-Security-Policy, also helmet's default for every response (api/app.ts). */
export const PAGE_CSP_DIRECTIVES: Record<string, string[]> = {
  'default-src': ["'self'"], 'script-src': ["'self'"], 'style-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'frame-src': ["'self'"], 'object-src': ["'none'"],
  'base-uri': ["'none'"], 'form-action': ["'self'"], 'frame-ancestors': ["'none'"],
};
const PAGE_CSP = Object.entries(PAGE_CSP_DIRECTIVES).map(([k, v]) => `${k} ${v.join(' ')}`).join('; ');

export function webRoutes(app: FastifyInstance): AnyRoute[] {
  const files = new Map<string, Buffer>();
  for (const f of readdirSync(WEB_DIR)) if (TYPES[path.extname(f)]) files.set(f, readFileSync(path.join(WEB_DIR, f)));
  const page = (url: string, file: string, summary: string) => defineRoute({
    method: 'GET', url, access: 'public', tags: ['web'], summary, produces: 'text/html',
    async handler({ reply }) {
      return reply.type(TYPES['.html']).header('content-security-policy', PAGE_CSP).header('x-frame-options', 'DENY')
        .header('cache-control', 'no-cache').send(files.get(file));
    },
  });
  return [
    page('/', 'index.html', 'Officer review page: queue, evidence beside the register entry, decisions, notices, statistics'),
    page('/platform', 'platform.html', 'Platform page: answer notices'),
    page('/admin', 'admin.html', 'Admin page: accounts (create, deactivate, reset password), cases, audit log'),
    page('/docs', 'docs.html', 'API route list (rendered from /docs/openapi.json); interactive docs at /docs/ui'),
    defineRoute({
      method: 'GET', url: '/web/:file', access: 'public', tags: ['web'], summary: 'Page scripts and styles', produces: 'text/javascript',
      params: z.object({ file: z.string().regex(/^[a-z0-9-]+\.(js|css)$/) }).strict(),
      async handler({ params, reply }) {
        const body = files.get(params.file);
        if (!body) throw notFound(`file ${params.file}`);
        return reply.type(TYPES[path.extname(params.file)]).header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').send(body);
      },
    }),
    defineRoute({
      method: 'GET', url: '/docs/openapi.json', access: 'public', tags: ['web'], summary: 'The OpenAPI 3 document of this API',
      async handler() { return (app as FastifyInstance & { swagger(): unknown }).swagger(); },
    }),
  ];
}
