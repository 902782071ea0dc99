/**
 * The notice printer's Chromium: a page that asks for anything (prefetch,
 * speculation rules, an image) reaches no listener, and a burst of PDF
 * requests runs at most PDF_RENDERS_AT_ONCE Chromiums at a time.
 */
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.loader.js';
import { PDF_RENDERS_AT_ONCE, htmlToPdf, pdfRenderStats } from '../../enforcement/notice.print.js';

let listener: Server;
let port: number;
const seen: string[] = [];
const executablePath = loadConfig({ env: {} }).browser.executablePath;

beforeAll(async () => {
  listener = createServer((s) => { seen.push(`${s.remoteAddress}`); s.destroy(); });
  await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
  port = (listener.address() as { port: number }).port;
});
afterAll(async () => { await new Promise((r) => listener.close(r)); });

describe('notice PDF', () => {
  it('draws a page that asks for the network without any request leaving Chromium', async () => {
    const at = `http://127.0.0.1:${port}`;
    const html = `<!doctype html><html><head><meta charset="utf-8"><link rel="prefetch" href="${at}/prefetch"><link rel="preconnect" href="${at}">
      <script type="speculationrules">{"prefetch":[{"source":"list","urls":["${at}/spec"]}],"prerender":[{"source":"list","urls":["${at}/pre"]}]}</script></head>
      <body><h1>通知</h1><img src="${at}/img.png"><a href="${at}/a">链接</a></body></html>`;
    const pdf = await htmlToPdf(html, executablePath);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Chromium is closed once the PDF is returned: whatever it would fetch on its own had to happen before.
    expect(seen).toEqual([]);
  });

  it(`runs at most ${PDF_RENDERS_AT_ONCE} Chromiums for a burst of requests`, async () => {
    pdfRenderStats.peak = 0;
    const pdfs = await Promise.all(Array.from({ length: 6 }, (_, i) => htmlToPdf(`<!doctype html><p>第${i + 1}份</p>`, executablePath)));
    expect(pdfs.every((p) => p.subarray(0, 5).toString() === '%PDF-')).toBe(true);
    expect(pdfRenderStats.peak).toBe(PDF_RENDERS_AT_ONCE);
    expect(pdfRenderStats.active).toBe(0);
  });
});
