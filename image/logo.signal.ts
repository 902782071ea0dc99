/**
 * Signal `image`: a registered logo seen in a listing image. Each match names
 * the trademark, the image, the box and how sure it is. A shop that is an
 * authorized seller of the mark may show its logo (FORMATS §4).
 */
import type { Trademark } from '../domain/registry.schema.js';
import type { Match } from '../domain/verdict.js';
import type { ImageLimits, ImageRefusal } from './image.guard.js';
import type { LogoIndex } from './logo.index.js';
import { loadListingImage } from './listing-images.loader.js';
import type { DetectInput, Signal } from '../detector/signal.js';

/** Options of {@link createLogoSignal}. */
export interface LogoSignalOptions {
  /** The register's trademarks (names and authorized sellers); logos of unknown assets are still reported. */
  trademarks?: Trademark[];
  /** Images looked at per listing. Default 6. */
  maxImages?: number;
  limits?: Partial<ImageLimits>;
  /** Told about every refused image (to record its reason). */
  onRefused?: (ref: string, refusal: ImageRefusal & { sha256?: string }) => void;
}

/** Shop-name key: case, spaces and punctuation folded (as the detector's seller check). */
export function shopKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

export class LogoSignal implements Signal {
  readonly name = 'image';
  readonly async = true;
  readonly costly = true;
  private readonly marks = new Map<string, Trademark>();

  constructor(private readonly index: Pick<LogoIndex, 'matchBytes'>, private readonly opts: LogoSignalOptions = {}) {
    for (const t of opts.trademarks ?? []) this.marks.set(t.id, t);
  }

  async evaluate(input: DetectInput): Promise<Match[]> {
    const best = new Map<string, Match>();
    const shop = shopKey(input.listing.shop?.name ?? '');
    for (const img of (input.images ?? []).slice(0, this.opts.maxImages ?? 6)) {
      const loaded = await loadListingImage(img, this.opts.limits);
      if (!loaded.ok) { this.opts.onRefused?.(img.ref, loaded); continue; }
      const res = await this.index.matchBytes(loaded.bytes);
      if (!res.ok) { this.opts.onRefused?.(img.ref, { ...res, sha256: loaded.sha256 }); continue; }
      for (const hit of res.hits) {
        const tm = this.marks.get(hit.assetId);
        if (tm && shop && tm.authorizedSellers.some((s) => shopKey(s) === shop)) continue;
        const prev = best.get(hit.assetId);
        if (prev && prev.score >= hit.confidence) continue;
        const { x, y, w, h } = hit.box;
        const how = hit.method === 'phash' ? 'the whole image is the logo' : `${hit.inliers} matching points${Math.abs(hit.rotationDeg) >= 3 ? `, rotated ${hit.rotationDeg}°` : ''}`;
        best.set(hit.assetId, {
          assetId: hit.assetId, assetType: 'trademark', signal: 'image', score: hit.confidence,
          evidence: `image ${img.ref} shows the registered logo of ${tm ? `"${tm.mark}" ` : ''}(${hit.logoId}) at x=${x} y=${y} ${w}x${h} px (${how}; confidence ${hit.confidence.toFixed(2)})${shop ? `; shop ${input.listing.shop.name} is not an authorized seller` : ''}`,
          imageRef: img.ref, box: hit.box,
        });
      }
    }
    return [...best.values()];
  }
}

/** The logo signal over a built index. */
export function createLogoSignal(index: Pick<LogoIndex, 'matchBytes'>, opts: LogoSignalOptions = {}): LogoSignal {
  return new LogoSignal(index, opts);
}
