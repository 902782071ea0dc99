/**
 * A process's Prometheus metrics on a listener of their own
 * (config `api.metrics`: host, default 127.0.0.1, and port), so the scraper
 * needs neither a session nor the public API port, and `/metrics` on the API
 * port can stay admin-only. With `tokenFile` (required off loopback, checked
 * by the config schema) every scrape must send `Authorization: Bearer <token>`;
 * the token is read from the file once at start (a secrets mount, `*_FILE`
 * style), never from the config file itself. A worker also serves
 * `/healthz` there (200 ok, 503 degraded, JSON naming the failing part):
 * without the token, so a container's HEALTHCHECK needs no secret, and
 * with no secret in its answer (app/health.service.ts workerHealth).
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from '../config/config.schema.js';

/** What the listener serves (app/operations.ts `metrics()`, or a worker's container `metrics.render()`). */
export type RenderMetrics = () => Promise<{ contentType: string; body: string }>;

/** What `/healthz` serves: a status and the checks (public, no secrets). */
export type RenderHealth = () => Promise<{ status: 'ok' | 'degraded'; checks: Record<string, unknown> }>;

/** A running metrics listener. */
export interface MetricsServer { url: string; close(): Promise<void> }

/** Shortest token accepted from `tokenFile`. */
export const MIN_TOKEN_LENGTH = 16;

function readToken(file: string): string {
  const token = readFileSync(file, 'utf8').trim();
  if (token.length < MIN_TOKEN_LENGTH) throw new Error(`api.metrics.tokenFile ${file}: the token must be at least ${MIN_TOKEN_LENGTH} characters`);
  return token;
}

/** Equal in constant time (both sides hashed first, so lengths do not leak either). */
const sameToken = (a: string, b: string) => timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

/** Hosts only this machine can reach. */
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * Starts the listener when a port is given (`port`, else `api.metrics.port`);
 * undefined otherwise. Host and token file are `api.metrics`'s. The API process
 * calls it with its config; a worker with its `--metrics-port`.
 */
export async function startMetricsServer(config: AppConfig, render: RenderMetrics, port = config.api.metrics?.port, health?: RenderHealth): Promise<MetricsServer | undefined> {
  const metrics = { ...config.api.metrics, port };
  if (metrics.port === undefined) return undefined;
  // The config schema checks this for api.metrics.port; a worker's --metrics-port is checked here.
  if (!metrics.tokenFile && !LOOPBACK.has(metrics.host)) throw new Error(`a metrics listener on ${metrics.host} (off loopback) needs api.metrics.tokenFile (a bearer token for the scraper)`);
  const token = metrics.tokenFile ? readToken(metrics.tokenFile) : undefined;
  const server: Server = createServer((req, res) => {
    const at = req.url?.split('?')[0];
    if (req.method === 'GET' && at === '/healthz' && health) {
      health().then(
        (h) => res.writeHead(h.status === 'ok' ? 200 : 503, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(h)),
        () => res.writeHead(503, { 'content-type': 'application/json; charset=utf-8' }).end('{"status":"degraded","checks":{}}'),
      );
      return;
    }
    if (req.method !== 'GET' || at !== '/metrics') { res.writeHead(404).end(); return; }
    if (token) {
      const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
      if (!m || !sameToken(m[1], token)) {
        res.writeHead(401, { 'www-authenticate': 'Bearer', 'content-type': 'text/plain; charset=utf-8' }).end('需要令牌 bearer token required\n');
        return;
      }
    }
    render().then(
      (r) => res.writeHead(200, { 'content-type': r.contentType }).end(r.body),
      () => res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('指标读取失败 metrics failed\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(metrics.port, metrics.host, () => { server.off('error', reject); resolve(); });
  });
  const bound = server.address() as AddressInfo;
  return {
    url: `http://${bound.address.includes(':') ? `[${bound.address}]` : bound.address}:${bound.port}/metrics`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
