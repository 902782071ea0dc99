/**
 * A hostile marketplace with a JSON search API, for the crawled-input tests:
 * result pages per keyword whose cards the test chooses, JD-style item pages
 * (`/<digits>.html`), and a log of every request line as it arrived (raw, undecoded).
 * Like a naive server, it decodes and normalises the path before routing,
 * so `..%2f..%2fadmin` reaches `/admin` (what the red team saw). A second
 * listener, `sink`, records every connection made to it: nothing may reach it.
 */
import { createServer, type Server } from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** One result card as the API serves it (any JSON the test wants). */
export type Card = Record<string, unknown>;

/** An item the API answers for, by id. */
export interface Item { title: string; shop: string; location?: string; attrs?: Record<string, string> }

export interface HostileJsonPlatform {
  url: string;
  /** Raw request targets, in arrival order. */
  requests: string[];
  /** The address nothing may connect to, and the connections it saw. */
  sink: { host: string; port: number; connections: number };
  close(): Promise<void>;
}

/** `pages` gives each keyword's result pages (cards), told the listener's address. */
export async function startHostileJsonPlatform(pages: (sink: { host: string; port: number }) => Record<string, Card[][]>, items: Record<string, Item>): Promise<HostileJsonPlatform> {
  const sink = { host: '127.0.0.1', port: 0, connections: 0 };
  const sinkServer = net.createServer((sock) => { sink.connections++; sock.destroy(); });
  await new Promise<void>((r) => sinkServer.listen(0, '127.0.0.1', r));
  sink.port = (sinkServer.address() as AddressInfo).port;
  const served = pages(sink);
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    let path: string;
    try {
      path = new URL(decodeURIComponent(req.url ?? '/'), 'http://x').pathname;
    } catch {
      path = '/';
    }
    const send = (status: number, type: string, body: string) => { res.writeHead(status, { 'content-type': type }); res.end(body); };
    const json = (v: unknown) => send(200, 'application/json; charset=utf-8', JSON.stringify(v));
    if (path === '/robots.txt') return send(200, 'text/plain', 'User-agent: *\nAllow: /\n');
    if (path === '/api/search') {
      const q = new URL(req.url ?? '/', 'http://x').searchParams;
      const results = served[q.get('q') ?? ''] ?? [];
      const page = Number(q.get('page'));
      return json({ data: { items: results[page - 1] ?? [], hasMore: page < results.length } });
    }
    const page = path.match(/^\/(\d+)\.html$/);
    const item = page ? items[page[1]] : undefined;
    if (item) {
      const rows = Object.entries(item.attrs ?? {}).map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('');
      return send(200, 'text/html; charset=utf-8', `<html><body><h1>${item.title}</h1><p class="shop">${item.shop}</p><p class="loc">${item.location ?? '浙江 杭州'}</p><p class="price">¥99.00</p><table>${rows}</table></body></html>`);
    }
    return send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`, requests, sink,
    async close() {
      await new Promise((r) => server.close(r));
      await new Promise((r) => sinkServer.close(r));
    },
  };
}

/** The platform config of that marketplace (before schema defaults): JD-style item URLs, `idPattern` `/(\\d+)\\.html`. */
export function hostilePlatformConfig(baseUrl: string, id = 'hostile-json'): Record<string, unknown> {
  return {
    id, name: '恶意平台（JSON 接口）', fetchMode: 'http', baseUrl, allowPrivateNetwork: true, robots: 'ignore',
    search: {
      url: '/api/search?q={keyword}&page={page}', format: 'json', firstPage: 1, pageSize: 4,
      pagination: { type: 'json', hasMorePath: 'data.hasMore' }, items: 'data.items', id: { path: 'id' },
      card: { title: { path: 'title' }, shopName: { path: 'shop' } },
    },
    item: {
      url: '/{id}.html', format: 'html', idPattern: '/(\\d+)\\.html',
      fields: {
        title: { selector: 'h1' }, price: { selector: '.price' }, shopName: { selector: '.shop' }, shopLocation: { selector: '.loc' },
        attributes: { rows: 'tr', name: 'th', value: 'td' },
      },
    },
    limits: { concurrency: 2, requestsPerSecond: 100, timeoutMs: 5000 },
  };
}
