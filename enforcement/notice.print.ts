/**
 * What the printable notice needs beyond its content: small evidence images
 * embedded as data: URIs (so the page and its PDF are self-contained), and the
 * PDF itself, rendered by the bundled Chromium (playwright-core).
 */
import sharp from 'sharp';
import pLimit from 'p-limit';
import { chromium } from 'playwright-core';
import { CLOSED_NETWORK_ARGS } from '../domain/chromium.network.js';
import type { EvidenceStore } from '../store/evidence.store.js';
import type { NoticeContent } from './notice.document.js';

/** Thumbnails printed per listing: the screenshot and the first images. */
const KINDS = new Set(['screenshot', 'image']);
const PER_ITEM = 3;

/** Small JPEG thumbnails (data: URIs) of each listing's screenshot and first images, by SHA-256. Unreadable files are left out. */
export async function noticeThumbnails(store: EvidenceStore, n: NoticeContent, width = 360): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const item of n.items) {
    const picks = item.evidence.filter((e) => e.sha256 && KINDS.has(e.kind) && /^image\//.test(e.mediaType ?? '')).slice(0, PER_ITEM);
    for (const e of picks) {
      if (out.has(e.sha256!)) continue;
      try {
        const jpeg = await sharp(await store.read(e.sha256!), { limitInputPixels: 80_000_000 })
          .resize({ width, height: width, fit: 'inside', withoutEnlargement: true }).flatten({ background: '#ffffff' }).jpeg({ quality: 72 }).toBuffer();
        out.set(e.sha256!, `data:image/jpeg;base64,${jpeg.toString('base64')}`);
      } catch { /* not an image sharp can read: the hash is still printed */ }
    }
  }
  return out;
}

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  // Page routes do not see prefetches: without a network of its own, Chromium has nowhere else to go.
  ...CLOSED_NETWORK_ARGS];

/** PDFs drawn at once per process: each is a Chromium, so a burst of requests for document.pdf waits its turn. */
export const PDF_RENDERS_AT_ONCE = 2;
const renders = pLimit(PDF_RENDERS_AT_ONCE);
/** Chromiums running for PDFs now, and the most at once since start (for tests and metrics). */
export const pdfRenderStats = { active: 0, peak: 0 };

/** Renders self-contained HTML to an A4 PDF in Chromium; no network (every request is refused). */
export function htmlToPdf(html: string, executablePath: string): Promise<Buffer> {
  return renders(async () => {
    pdfRenderStats.active++;
    pdfRenderStats.peak = Math.max(pdfRenderStats.peak, pdfRenderStats.active);
    try { return await drawPdf(html, executablePath); } finally { pdfRenderStats.active--; }
  });
}

async function drawPdf(html: string, executablePath: string): Promise<Buffer> {
  const browser = await chromium.launch({ executablePath, args: ARGS });
  try {
    const page = await browser.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    return Buffer.from(pdf);
  } finally {
    await browser.close();
  }
}
