/**
 * Costly evidence after the verdict: the screenshot of a flagged capture,
 * drawn in Chromium from the capture's stored HTML and images (so it shows
 * exactly what was stored, and the platform sees no second request).
 */
import { ExtractionError } from '../crawler/errors.js';
import { renderStoredPage } from '../crawler/stored-page.renderer.js';
import type { EvidencePort } from '../queue/ports.js';
import { recordBlob, recordRenderedScreenshot, storedPageOfCapture } from '../store/evidence.repository.js';
import { screenshotMediaType } from '../store/media-type.sniffer.js';
import type { Container } from './container.js';

export function evidenceService(c: Pick<Container, 'db' | 'evidence' | 'browser' | 'platform'>): EvidencePort {
  return {
    async renderScreenshot(captureId) {
      const stored = await storedPageOfCapture(c.db, captureId);
      if (!stored?.html) throw new ExtractionError(`capture ${captureId} has no stored HTML to draw`, stored?.platform ?? '?', '');
      const platform = c.platform(stored.platform);
      const images = new Map<string, { body: Buffer; contentType: string }>();
      for (const img of stored.images) images.set(img.url, { body: await c.evidence.read(img.sha256), contentType: img.mediaType });
      const policy = platform.evidence;
      const body = await renderStoredPage(c.browser, {
        platform: platform.id, url: stored.html.url, contentType: stored.html.mediaType, html: await c.evidence.read(stored.html.sha256), images,
      }, { format: policy.format, quality: policy.quality, fullPage: policy.fullPage, timeoutMs: platform.limits.timeoutMs, maxHeight: 12_000 });
      const blob = await c.evidence.put(body);
      // Labelled by what the bytes are, not by what the policy asked for.
      await recordBlob(c.db, { sha256: blob.sha256, mediaType: screenshotMediaType(body), bytes: blob.bytes, path: blob.path });
      await recordRenderedScreenshot(c.db, captureId, { sha256: blob.sha256, sourceUrl: stored.html.url, renderedFrom: stored.html.sha256 });
      return { sha256: blob.sha256 };
    },
    async recordFailure(captureId, error) {
      const stored = await storedPageOfCapture(c.db, captureId);
      if (!stored?.html) return;
      await recordRenderedScreenshot(c.db, captureId, { sha256: null, sourceUrl: stored.html.url, renderedFrom: stored.html.sha256, error });
    },
  };
}
