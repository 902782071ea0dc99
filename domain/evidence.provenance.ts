/**
 * Which procedure drew a screenshot: stored with each screenshot
 * (`capture_evidence.provenance`) and said in the notice's evidence list,
 * because an officer citing a picture must know whether the platform served
 * what it shows at capture time or it was drawn later from the stored files.
 * The one list of these codes: migration 0014's CHECK constraint is compared
 * with it by test/store/evidence-provenance.test.ts.
 */
export const SCREENSHOT_PROVENANCES = [
  /**
   * Chromium loaded the item page from the platform and photographed it in
   * that load, images and styles as the platform served them then (PNG).
   */
  'live-page',
  /**
   * Chromium was given the HTML exactly as stored (fetched once, over HTTP) at
   * its URL; its images and styles were loaded live from the platform (PNG).
   */
  'stored-html-live-assets',
  /**
   * Drawn after the verdict by the evidence worker from stored files only: the
   * stored HTML and the stored images, every other request refused, so the
   * platform was not asked again (JPEG by default, `evidence.format`).
   */
  'stored-page',
] as const;

export type ScreenshotProvenance = (typeof SCREENSHOT_PROVENANCES)[number];

/** Whether the picture was drawn from the stored HTML (its evidence row then names that file). */
export function drawnFromStoredHtml(p: ScreenshotProvenance): boolean {
  return p !== 'live-page';
}
