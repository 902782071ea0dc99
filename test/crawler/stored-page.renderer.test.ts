/**
 * Screenshots drawn from stored evidence, in real Chromium: the stored bytes
 * are decoded in their own charset, relative image URLs are answered from
 * the stored images, the page's scripts do not run, and nothing is fetched
 * from the network.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserPool } from '../../crawler/browser.pool.js';
import { LimitExceededError } from '../../crawler/errors.js';
import { needsSettling, renderStoredPage, storedDocument } from '../../crawler/stored-page.renderer.js';

let server: Server;
let base: string;
const hits: string[] = [];
let browser: BrowserPool;

/** A solid 60x40 PNG of one colour. */
const solid = (r: number, g: number, b: number) => sharp({ create: { width: 60, height: 40, channels: 3, background: { r, g, b } } }).png().toBuffer();

beforeAll(async () => {
  server = createServer((req, res) => { hits.push(req.url ?? '/'); res.writeHead(500).end(); });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = new BrowserPool({ executablePath: '/usr/bin/chromium-headless-shell', pages: 2, offlineHostRules: true, viewport: { width: 400, height: 300 } });
});
afterAll(async () => {
  await browser.close();
  server.close();
});

describe('storedDocument', () => {
  it('decodes GB18030 bytes and adds a base to the page URL', () => {
    const html = iconv.encode('<html><head><meta charset="gbk"><title>福州鱼丸</title></head><body>福州鱼丸</body></html>', 'gb18030');
    const doc = storedDocument({ url: 'https://item.example.cn/item.htm?id=1&x="', contentType: 'text/html', html });
    expect(doc).toContain('<head><base href="https://item.example.cn/item.htm?id=1&amp;x=&quot;">');
    expect(doc).toContain('<title>福州鱼丸</title>');
  });

  it('keeps a base the page names itself, and adds one to a fragment without a head', () => {
    const own = Buffer.from('<html><head><base href="https://cdn.example/"></head><body></body></html>');
    expect(storedDocument({ url: 'https://a.example/x', contentType: 'text/html; charset=utf-8', html: own })).toBe(own.toString());
    expect(storedDocument({ url: 'https://a.example/x', contentType: 'text/html', html: Buffer.from('<p>x</p>') })).toBe('<base href="https://a.example/x"><p>x</p>');
  });
});

describe('renderStoredPage', () => {
  it('draws the stored images at their relative URLs, runs no script and fetches nothing', async () => {
    const red = await solid(255, 0, 0);
    const html = Buffer.from(`<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/style.css">
      <style>body{margin:0;background:#fff} img{display:block;width:200px;height:150px}</style></head>
      <body><img src="img/1.png"><script>document.body.style.background = '#00f'; fetch('/beacon');</script>
      <img src="${base}/not-stored.png"></body></html>`);
    const shot = await renderStoredPage(browser, {
      platform: 'fixture', url: `${base}/shop/item/7`, contentType: 'text/html; charset=utf-8', html,
      images: new Map([[`${base}/shop/item/img/1.png`, { body: red, contentType: 'image/png' }]]),
    }, { format: 'png', quality: 80, fullPage: false, timeoutMs: 10_000, maxHeight: 2000 });
    const { data, info } = await sharp(shot).raw().toBuffer({ resolveWithObject: true });
    const px = (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3));
    expect(info.width).toBe(400);
    expect(px(100, 75)).toEqual([255, 0, 0]); // the stored image, found through the base URL
    expect(px(300, 50)).toEqual([255, 255, 255]); // the script that paints the page blue did not run
    expect(hits).toEqual([]); // neither the stylesheet, the beacon nor the unstored image reached the server
  });

  it('clips an endless page to the height limit and gives a JPEG', async () => {
    const html = Buffer.from('<html><body style="margin:0"><div style="height:50000px;background:#0a0"></div></body></html>');
    const shot = await renderStoredPage(browser, { platform: 'fixture', url: `${base}/long`, contentType: 'text/html', html, images: new Map() },
      { format: 'jpeg', quality: 70, fullPage: true, timeoutMs: 10_000, maxHeight: 3000 });
    const meta = await sharp(shot).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.height).toBe(3000);
  });

  it('draws the same pixels as Playwright\'s full-page screenshot, for a page that fits the screen and one taller and wider', async () => {
    const red = await solid(255, 0, 0);
    for (const [name, body] of [['fits', '<h1>安踏 运动鞋</h1><img src="a.png">'], ['tall and wide', '<div style="width:900px;height:1700px;background:linear-gradient(#0a0,#00a)">高</div><img src="a.png">']]) {
      const html = Buffer.from(`<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:8px">${body}</body></html>`);
      const stored = { platform: 'fixture', url: `${base}/p/${name}`, contentType: 'text/html', html, images: new Map([[`${base}/p/a.png`, { body: red, contentType: 'image/png' }]]) };
      const ours = await renderStoredPage(browser, stored, { format: 'png', quality: 80, fullPage: true, timeoutMs: 10_000, maxHeight: 12_000 });
      const theirs = await browser.withPage(async (p) => {
        await p.route('**/*', (r) => (r.request().url().endsWith('/a.png') ? r.fulfill({ status: 200, contentType: 'image/png', body: red }) : r.abort()));
        try {
          await p.setContent(storedDocument(stored), { waitUntil: 'load' });
          return await p.screenshot({ type: 'png', fullPage: true, animations: 'disabled' });
        } finally { await p.unrouteAll(); }
      });
      const a = await sharp(ours).raw().toBuffer({ resolveWithObject: true });
      const b = await sharp(theirs).raw().toBuffer({ resolveWithObject: true });
      expect({ w: a.info.width, h: a.info.height }, name).toEqual({ w: b.info.width, h: b.info.height });
      expect(a.data.equals(b.data), name).toBe(true);
      if (name !== 'fits') expect({ w: a.info.width, h: a.info.height }).toEqual({ w: 908, h: expect.any(Number) });
    }
  });

  it('leaves pages with animations or a focused field to Playwright\'s screenshot, which settles them', () => {
    expect(needsSettling('<style>@keyframes spin{to{transform:rotate(1turn)}} .s{animation:spin 1s infinite}</style>')).toBe(true);
    expect(needsSettling('<input autofocus name="q">')).toBe(true);
    expect(needsSettling('<html><body><h1>福州茉莉花茶</h1><img src="a.jpg"></body></html>')).toBe(false);
  });

  it('gives up with a limit error, naming the page, when drawing outlasts its time', async () => {
    const html = Buffer.from('<html><body style="margin:0"><div style="height:8000px;background:linear-gradient(#f00,#00f)"></div></body></html>');
    const err = await renderStoredPage(browser, { platform: 'fixture', url: `${base}/slow`, contentType: 'text/html', html, images: new Map() },
      { format: 'png', quality: 80, fullPage: true, timeoutMs: 1, maxHeight: 8000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LimitExceededError);
    expect((err as LimitExceededError).url).toBe(`${base}/slow`);
    // The page is still usable for the next draw.
    const ok = await renderStoredPage(browser, { platform: 'fixture', url: `${base}/ok`, contentType: 'text/html', html: Buffer.from('<p>ok</p>'), images: new Map() },
      { format: 'jpeg', quality: 80, fullPage: true, timeoutMs: 10_000, maxHeight: 2000 });
    expect((await sharp(ok).metadata()).format).toBe('jpeg');
  });
});
