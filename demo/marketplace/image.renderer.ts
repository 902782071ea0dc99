/**
 * Deterministic product images: an SVG recipe (background, product shape,
 * optional logo and CJK text) rendered to JPEG by sharp/librsvg. Text uses the
 * system font "Noto Sans CJK SC" (apt fonts-noto-cjk) so OCR has something to read.
 */
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import type { ImageShape, ImageSpec } from './catalog.types.js';
import { hash32, Rng } from './prng.util.js';

/** Image edge length in pixels. */
export const IMAGE_SIZE = 480;

/** Simple Icons colours of the logos in demo/logos. */
const LOGO_COLORS: Record<string, string> = { anta: '#D70010', lining: '#C5242C', nike: '#111111', adidas: '#000000', huawei: '#FF0000', xiaomi: '#FF6900' };
const logoPaths = new Map<string, string | null>();

/** The `d` of a demo logo's path (demo/logos/<slug>.svg), or null when there is none. */
function logoPath(slug: string): string | null {
  if (!logoPaths.has(slug)) {
    let d: string | null = null;
    if (/^[a-z0-9]+$/.test(slug)) {
      try {
        const svg = readFileSync(new URL(`../logos/${slug}.svg`, import.meta.url), 'utf8');
        d = /<path[^>]*\sd="([^"]+)"/.exec(svg)?.[1] ?? null;
      } catch {
        d = null;
      }
    }
    logoPaths.set(slug, d);
  }
  return logoPaths.get(slug) ?? null;
}

function esc(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** SVG of the product in a 480 box, centred near (240, 270); drawn scaled 0.9 so the bottom text line stays clear. */
function shapeSvg(shape: ImageShape, c: string): string {
  const dark = 'rgba(0,0,0,0.25)';
  switch (shape) {
    case 'shoe':
      return `<path d="M90 300 L110 210 Q150 200 190 230 L260 255 Q330 265 390 285 Q405 300 395 320 L95 320 Z" fill="${c}"/><rect x="85" y="318" width="320" height="22" rx="10" fill="#fafafa" stroke="${dark}"/><path d="M170 235 L200 275 M195 242 L225 282 M220 250 L250 290" stroke="#fff" stroke-width="5"/>`;
    case 'shirt':
      return `<path d="M170 130 L120 150 L70 210 L115 245 L145 215 L145 390 L335 390 L335 215 L365 245 L410 210 L360 150 L310 130 Q240 175 170 130 Z" fill="${c}"/>`;
    case 'phone':
      return `<rect x="165" y="110" width="150" height="300" rx="22" fill="#222"/><rect x="175" y="135" width="130" height="250" rx="8" fill="${c}"/><circle cx="240" cy="122" r="4" fill="#555"/>`;
    case 'earbuds':
      return `<rect x="150" y="180" width="180" height="140" rx="60" fill="#fafafa" stroke="${dark}" stroke-width="3"/><circle cx="205" cy="240" r="28" fill="${c}"/><circle cx="275" cy="240" r="28" fill="${c}"/>`;
    case 'teabox':
      return `<rect x="150" y="150" width="180" height="240" rx="6" fill="${c}"/><rect x="140" y="130" width="200" height="40" rx="6" fill="${c}" stroke="${dark}" stroke-width="3"/><rect x="175" y="210" width="130" height="120" fill="#fffaf0" opacity="0.85"/>`;
    case 'teacup':
      return `<ellipse cx="240" cy="370" rx="150" ry="25" fill="${dark}"/><path d="M140 210 L340 210 Q335 350 240 360 Q145 350 140 210 Z" fill="${c}"/><ellipse cx="240" cy="210" rx="100" ry="18" fill="#f0e6d0"/>`;
    case 'bottle':
      return `<path d="M215 90 L265 90 L265 160 Q320 190 320 250 L320 400 L160 400 L160 250 Q160 190 215 160 Z" fill="${c}"/><rect x="175" y="250" width="130" height="90" fill="#fff8e7"/>`;
    case 'zongzi':
      return `<path d="M240 130 L370 360 L110 360 Z" fill="${c}"/><path d="M150 290 L330 290 M175 245 L305 245" stroke="#e8d9a8" stroke-width="8"/>`;
    case 'bag':
      return `<path d="M140 140 L340 140 L350 390 L130 390 Z" fill="${c}"/><path d="M140 140 L160 125 L180 140 L200 125 L220 140 L240 125 L260 140 L280 125 L300 140 L320 125 L340 140" fill="none" stroke="${dark}" stroke-width="4"/><rect x="170" y="220" width="140" height="100" rx="10" fill="#fff" opacity="0.85"/>`;
    case 'shell':
      return `<ellipse cx="240" cy="270" rx="160" ry="110" fill="${c}"/><path d="M110 250 Q240 180 370 250 M100 290 Q240 220 380 290 M120 330 Q240 270 360 330" stroke="#fff" stroke-width="4" fill="none" opacity="0.6"/>`;
    case 'fruit':
      return `<circle cx="240" cy="275" r="130" fill="${c}"/><path d="M240 145 Q280 100 320 120 Q290 160 240 150 Z" fill="#3c8d40"/>`;
    case 'bowl':
      return `<circle cx="195" cy="240" r="35" fill="#f5f0e6"/><circle cx="260" cy="230" r="35" fill="#f5f0e6"/><circle cx="225" cy="200" r="32" fill="#f5f0e6"/><path d="M100 250 L380 250 Q370 380 240 385 Q110 380 100 250 Z" fill="${c}"/>`;
    case 'vase':
      return `<path d="M210 110 L270 110 L265 150 Q350 210 320 330 Q300 400 240 400 Q180 400 160 330 Q130 210 215 150 Z" fill="${c}"/>`;
    case 'machine':
      return `<rect x="120" y="150" width="240" height="220" rx="14" fill="${c}"/><rect x="145" y="175" width="120" height="80" rx="6" fill="#222"/><circle cx="310" cy="200" r="16" fill="#fff"/><circle cx="310" cy="245" r="16" fill="#fff"/>`;
    case 'tray':
      return `<rect x="80" y="240" width="320" height="90" rx="12" fill="${c}"/><path d="M110 260 L370 260 M110 285 L370 285 M110 310 L370 310" stroke="${dark}" stroke-width="5"/>`;
    case 'mat':
      return `<rect x="90" y="160" width="300" height="200" rx="20" fill="${c}"/><path d="M90 210 L390 210 M90 260 L390 260 M90 310 L390 310" stroke="#fff" stroke-width="6" opacity="0.6"/>`;
    case 'book':
      return `<rect x="150" y="120" width="190" height="260" fill="${c}"/><rect x="140" y="120" width="20" height="260" fill="${dark}"/>`;
    case 'speaker':
      return `<rect x="130" y="160" width="220" height="200" rx="40" fill="${c}"/><circle cx="240" cy="260" r="60" fill="#222"/><circle cx="240" cy="260" r="20" fill="#555"/>`;
  }
}

/** A flat logo-like shape (clean look-alike), in a corner or on the product. */
function decoySvg(kind: string, rng: Rng): string {
  const s = rng.int(90, 140), x = rng.pick([20, 480 - s - 20, 180]), y = rng.pick([20, 480 - s - 40, 190]);
  const fill = rng.pick(['#111111', '#c0392b', '#1f4e79', '#d35400']);
  const k = s / 100;
  const path = (d: string) => `<path transform="translate(${x} ${y}) scale(${k})" d="${d}" fill="${fill}"/>`;
  switch (kind) {
    case 'crescent': return path('M60 5 A45 45 0 1 0 95 70 A35 35 0 1 1 60 5 Z');
    case 'stripes': return path('M10 80 L30 20 L45 20 L25 80 Z M40 80 L60 20 L75 20 L55 80 Z M70 80 L90 20 L100 20 L85 80 Z');
    case 'star': return path('M50 0 L61 35 L98 35 L68 57 L79 91 L50 70 L21 91 L32 57 L2 35 L39 35 Z');
    case 'tick': return path('M5 55 L20 40 L40 60 L85 10 L100 25 L40 90 Z');
    default: return `<circle cx="${x + s / 2}" cy="${y + s / 2}" r="${s / 2.4}" fill="none" stroke="${fill}" stroke-width="${s / 9}"/>`;
  }
}

/** The SVG document of an image recipe. */
export function productSvg(spec: ImageSpec, size = IMAGE_SIZE): string {
  const rng = new Rng(spec.seed);
  const dx = rng.int(-20, 20);
  const dy = rng.int(-10, 10);
  const rot = rng.int(-8, 8);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 480 480">`,
    `<rect width="480" height="480" fill="${esc(spec.background)}"/>`,
    `<g transform="translate(${24 + dx} ${dy}) scale(0.9) rotate(${rot} 240 270)">${shapeSvg(spec.shape, esc(spec.color))}</g>`,
  ];
  const d = spec.logo ? logoPath(spec.logo) : null;
  if (spec.logo && d && spec.logoPlacement === 'corner') {
    const s = spec.logoSize ?? 110, m = 18, c = spec.logoCorner ?? 1;
    const x = c % 2 ? 480 - s - m : m, y = c >= 2 ? 480 - s - m : m;
    parts.push(`<rect x="${x - 6}" y="${y - 6}" width="${s + 12}" height="${s + 12}" rx="10" fill="#ffffff" opacity="0.9"/><g transform="translate(${x} ${y}) scale(${s / 24})"><path d="${esc(d)}" fill="${LOGO_COLORS[spec.logo] ?? '#222'}"/></g>`);
  } else if (spec.logo && d) {
    parts.push(`<circle cx="${240 + dx}" cy="${243 + dy}" r="62" fill="#ffffff" opacity="0.92"/><g transform="translate(${192 + dx} ${195 + dy}) scale(4)"><path d="${esc(d)}" fill="${LOGO_COLORS[spec.logo] ?? '#222'}"/></g>`);
  }
  if (spec.decoy) parts.push(decoySvg(spec.decoy, new Rng(spec.seed ^ 0x5bd1e995)));
  const ys = [452, 72, 118];
  spec.text.slice(0, 3).forEach((line, i) => {
    const fontSize = line.length > 12 ? 26 : line.length > 8 ? 32 : 40;
    parts.push(`<text x="240" y="${ys[i]}" font-family="Noto Sans CJK SC" font-weight="bold" font-size="${fontSize}" text-anchor="middle" fill="#1a1a1a">${esc(line)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

/** Renders one product image as JPEG. */
export async function renderProductImage(spec: ImageSpec, size = IMAGE_SIZE): Promise<Buffer> {
  return sharp(Buffer.from(productSvg(spec, size))).jpeg({ quality: 82 }).toBuffer();
}

/** In-memory cache of rendered images (nothing is written to disk); concurrent requests share one render. */
export class ImageCache {
  private readonly entries = new Map<string, Promise<Buffer>>();

  constructor(private readonly maxEntries = 1000) {}

  get(spec: ImageSpec): Promise<Buffer> {
    const key = String(hash32(JSON.stringify(spec)));
    let hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    hit = renderProductImage(spec);
    hit.catch(() => this.entries.delete(key));
    this.entries.set(key, hit);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return hit;
  }

  get size(): number {
    return this.entries.size;
  }
}
