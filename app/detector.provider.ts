/**
 * Builds the detector from the register in Postgres and rebuilds it when the
 * register changes, so every detect worker uses the register as imported.
 */
import { createHash } from 'node:crypto';
import { createDetector, type Detector } from '../detector/detector.js';
import type { DetectorConfig } from '../detector/detector.config.js';
import type { Db } from '../store/database.js';
import { loadRegistry } from '../store/registry.repository.js';

export const DETECTOR_ENGINE = 'text-2';

export interface DetectorHandle { detector: Detector; version: string }

export class DetectorProvider {
  private current?: { key: string; handle: DetectorHandle };
  private checkedAt = 0;

  constructor(private readonly db: Db, private readonly config: Partial<DetectorConfig>, private readonly recheckMs = 5_000) {}

  async get(): Promise<DetectorHandle> {
    if (this.current && Date.now() - this.checkedAt < this.recheckMs) return this.current.handle;
    const { rows } = await this.db.query(
      `SELECT (SELECT count(*) FROM trademarks) || '/' || (SELECT count(*) FROM geo_indications) || '/' || (SELECT count(*) FROM patents) || '/' ||
              COALESCE((SELECT max(imported_at) FROM (SELECT imported_at FROM trademarks UNION ALL SELECT imported_at FROM geo_indications
                UNION ALL SELECT imported_at FROM patents) t)::text, '') AS key`);
    const key = rows[0].key as string;
    this.checkedAt = Date.now();
    if (this.current?.key === key) return this.current.handle;
    const registry = await loadRegistry(this.db);
    const version = `${DETECTOR_ENGINE}+reg-${createHash('sha1').update(key).digest('hex').slice(0, 8)}`;
    this.current = { key, handle: { detector: createDetector(registry, this.config), version } };
    return this.current.handle;
  }
}
