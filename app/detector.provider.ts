/**
 * Builds the detector from the register in Postgres and rebuilds it when the
 * register changes, so every detect worker uses the register as imported.
 * The image signals plug in here: the registered logos are indexed once per
 * register version (signal `image`), and photos are compared with those of
 * confirmed counterfeits (image reuse). Logo matches are kept per image hash
 * and index (store/logo-match.repository.ts), so a photo is matched once.
 */
import { createHash } from 'node:crypto';
import { createDetector, type Detector } from '../detector/detector.js';
import type { DetectorConfig } from '../detector/detector.config.js';
import { createImageReuseSignal } from '../image/image-reuse.signal.js';
import { CachedLogoMatcher, LOGO_MATCHER_VERSION } from '../image/logo-match.cache.js';
import { createLogoSignal } from '../image/logo.signal.js';
import { buildRegistryLogoIndex } from '../image/registry.logos.js';
import type { Db } from '../store/database.js';
import { findConfirmedNearImages, recordImageRefusal, saveImageHashes } from '../store/image.repository.js';
import { cachedLogoMatch, saveLogoMatch } from '../store/logo-match.repository.js';
import { loadRegistry } from '../store/registry.repository.js';
import { registerVersionKey } from '../store/register-version.repository.js';
import type { Logger } from './logger.js';

export const DETECTOR_ENGINE = 'text-2+image-1';

export interface DetectorHandle { detector: Detector; version: string; logos: number }

export interface DetectorProviderOptions {
  /** The folder register `logo` paths are relative to (the register file's folder). */
  logosDir: string;
  /** Look for logos and reused photos in listing images. */
  images: boolean;
  logger?: Pick<Logger, 'warn'>;
  recheckMs?: number;
}

export class DetectorProvider {
  private current?: { key: string; handle: Promise<DetectorHandle> };
  private checkedAt = 0;

  constructor(private readonly db: Db, private readonly config: Partial<DetectorConfig>, private readonly opts: DetectorProviderOptions) {}

  async get(): Promise<DetectorHandle> {
    if (this.current && Date.now() - this.checkedAt < (this.opts.recheckMs ?? 5_000)) return this.current.handle;
    const key = await registerVersionKey(this.db);
    this.checkedAt = Date.now();
    if (this.current?.key === key) return this.current.handle;
    const handle = this.build(key);
    this.current = { key, handle };
    handle.catch(() => { if (this.current?.handle === handle) this.current = undefined; });
    return handle;
  }

  private async build(key: string): Promise<DetectorHandle> {
    const registry = await loadRegistry(this.db);
    const version = `${DETECTOR_ENGINE}+reg-${createHash('sha1').update(key).digest('hex').slice(0, 8)}`;
    if (!this.opts.images) return { detector: createDetector(registry, this.config), version, logos: 0 };
    const db = this.db;
    const warn = (o: object, m: string) => this.opts.logger?.warn(o, m);
    const index = await buildRegistryLogoIndex(registry, this.opts.logosDir, {}, (p) => warn(p, 'register logo not indexed'));
    // Each image is matched once per index: a re-scan that sees the same photo answers from Postgres.
    const matcher = new CachedLogoMatcher(index, `${LOGO_MATCHER_VERSION}+${version}`, {
      get: (sha256, key) => cachedLogoMatch(db, sha256, key),
      put: (sha256, key, result) => saveLogoMatch(db, sha256, key, result),
    });
    const logo = createLogoSignal(matcher, {
      trademarks: registry.trademarks,
      // A refused image (corrupt, bomb, wrong type) is recorded with its reason; the rest of the listing is still judged.
      onRefused: (ref, r) => void recordImageRefusal(db, { sha256: r.sha256, sourceUrl: ref, code: r.code, reason: r.reason }).catch(() => {}),
    });
    const reuse = createImageReuseSignal((phash, maxDistance, exclude) => findConfirmedNearImages(db, phash, maxDistance, exclude), {
      onHashed: (rows) => saveImageHashes(db, rows),
    });
    return { detector: createDetector(registry, this.config, { signals: [logo, reuse] }), version, logos: index.size };
  }
}
