/**
 * The image evaluation set, generated deterministically (seeded) from the
 * real CC0 Simple Icons logos vendored in test/image/fixtures/simple_icons
 * (copied from shared/data/logos; its SOURCES.md gives origin and licence). Nothing is downloaded and nothing random is committed: the
 * same seed always yields the same images.
 *
 * - Registered logos (`registered`) under each transformation: resize, crop,
 *   recolour, small rotation, watermark, small in a corner of a product photo.
 * - Clean look-alikes: product photos with simple flat shapes (swooshes,
 *   stripes, circles, stars, ticks) and with *unregistered* logos, which must
 *   not be matched.
 * - Text in photos with known text, for OCR character accuracy.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { Rng } from '../../../demo/marketplace/prng.util.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Folder holding the logo SVGs used by the set (in the repository: a clone has no ../shared beside it). */
export const LOGO_DIR = path.resolve(here, '../fixtures/simple_icons');

/** The transformations of the positive cases. */
export const TRANSFORMS = ['resize', 'crop', 'recolour', 'rotate', 'watermark', 'corner'] as const;
export type Transform = (typeof TRANSFORMS)[number];

/** One evaluation image. */
export interface EvalCase {
  id: string;
  kind: Transform | 'lookalike' | 'unregistered' | 'text';
  /** Logo expected to be found (positives), else undefined. */
  logo?: string;
  /** Text drawn (text cases). */
  text?: string;
  bytes: Buffer;
}

/** Logos of the set: every SVG in the folder, sorted; the first ~70% are registered, the rest appear only as distractors. */
export function logoSlugs(): { registered: string[]; distractors: string[] } {
  const all = readdirSync(LOGO_DIR).filter((f) => f.endsWith('.svg')).map((f) => f.replace(/\.svg$/, '')).sort();
  const cut = all.length > 10 ? Math.ceil(all.length * 0.7) : all.length;
  return { registered: all.slice(0, cut), distractors: all.slice(cut) };
}

/** Bytes of a logo SVG. */
export function logoBytes(slug: string): Buffer {
  return readFileSync(path.join(LOGO_DIR, `${slug}.svg`));
}

/** The first path data and viewBox of a logo SVG. */
function logoParts(slug: string): { d: string[]; viewBox: string } {
  const svg = logoBytes(slug).toString('utf8');
  const d = [...svg.matchAll(/<path[^>]*\sd="([^"]+)"/g)].map((m) => m[1]);
  const viewBox = /viewBox="([^"]+)"/.exec(svg)?.[1] ?? '0 0 24 24';
  return { d, viewBox };
}

/** SVG fragment drawing a logo in box (x,y,s,s), colour `fill`, rotated `rot` degrees about its centre. */
export function logoSvg(slug: string, x: number, y: number, s: number, fill: string, rot = 0): string {
  const { d, viewBox } = logoParts(slug);
  const paths = d.map((p) => `<path d="${p}" fill="${fill}"/>`).join('');
  return `<g transform="rotate(${rot} ${x + s / 2} ${y + s / 2})"><svg x="${x}" y="${y}" width="${s}" height="${s}" viewBox="${viewBox}">${paths}</svg></g>`;
}

const BGS = ['#f4efe6', '#e8f1f8', '#fdf3e7', '#eef6ec', '#f7e9ef', '#ececec', '#fff8dc', '#e6eef0', '#2b2b2b', '#1f4e79'];
const INKS = ['#c0392b', '#2c3e50', '#27ae60', '#8e44ad', '#d35400', '#16a085', '#b7950b', '#111111', '#ffffff', '#e84393'];

/** A product-photo-like scene: textured gradient ground, a product body, optional extra SVG on top. */
export function photoSvg(rng: Rng, w: number, h: number, extra: string): string {
  const a = rng.pick(BGS.slice(0, 8)), b = rng.pick(BGS.slice(0, 8)), body = rng.pick(INKS.slice(0, 8));
  const cx = w / 2 + rng.int(-40, 40), cy = h / 2 + rng.int(-20, 40), rw = rng.int(Math.round(w * 0.25), Math.round(w * 0.38));
  const shapes = [
    `<rect x="${cx - rw}" y="${cy - rw * 0.8}" width="${2 * rw}" height="${1.6 * rw}" rx="${rng.int(4, 40)}" fill="${body}"/>`,
    `<ellipse cx="${cx}" cy="${cy}" rx="${rw}" ry="${rw * 0.7}" fill="${body}"/>`,
    `<path d="M${cx - rw} ${cy + rw * 0.5} L${cx - rw * 0.8} ${cy - rw * 0.4} Q${cx} ${cy - rw * 0.5} ${cx + rw} ${cy + rw * 0.2} L${cx + rw} ${cy + rw * 0.5} Z" fill="${body}"/>`,
  ];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">`
    + `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${a}"/><stop offset="1" stop-color="${b}"/></linearGradient>`
    + `</defs>`
    + `<rect width="${w}" height="${h}" fill="url(#g)"/>${rng.pick(shapes)}`
    + `<ellipse cx="${cx}" cy="${cy + rw * 0.9}" rx="${rw}" ry="${rw * 0.12}" fill="rgba(0,0,0,0.18)"/>`
    + `${extra}</svg>`;
}

/** Flat shapes that look like logos but are not any registered one. */
export function lookalikeShapes(rng: Rng, x: number, y: number, s: number, fill: string): string {
  const k = s / 100;
  const t = (d: string) => `<path transform="translate(${x} ${y}) scale(${k})" d="${d}" fill="${fill}"/>`;
  return rng.pick([
    t('M0 60 Q40 80 100 20 Q50 70 10 50 Z'), // swoosh-like curve
    t('M10 80 L30 20 L45 20 L25 80 Z M40 80 L60 20 L75 20 L55 80 Z M70 80 L90 20 L100 20 L85 80 Z'), // slanted stripes
    `<circle cx="${x + s / 2}" cy="${y + s / 2}" r="${s / 2.2}" fill="none" stroke="${fill}" stroke-width="${s / 10}"/>`,
    t('M50 0 L61 35 L98 35 L68 57 L79 91 L50 70 L21 91 L32 57 L2 35 L39 35 Z'), // star
    t('M5 55 L20 40 L40 60 L85 10 L100 25 L40 90 Z'), // tick
    t('M0 0 L100 0 L100 30 L0 30 Z M0 40 L100 40 L100 70 L0 70 Z M0 80 L100 80 L100 100 L0 100 Z'), // bars
    t('M50 5 L95 95 L5 95 Z M50 35 L72 80 L28 80 Z'), // triangle
    `<text x="${x}" y="${y + s * 0.7}" font-family="DejaVu Sans" font-weight="bold" font-size="${s * 0.55}" fill="${fill}">${rng.pick(['SPORT', 'FLY', 'STAR', 'GO', 'MAX'])}</text>`,
  ]);
}

let noise: Buffer | undefined;
/** A seeded 128×128 grain tile (sensor-noise stand-in), composited over photos. */
function noiseTile(): Buffer {
  if (!noise) {
    const r = new Rng(99);
    noise = Buffer.alloc(128 * 128 * 4);
    for (let i = 0; i < 128 * 128; i++) { const v = r.int(0, 255); noise.fill(v, 4 * i, 4 * i + 3); noise[4 * i + 3] = 26; }
  }
  return noise;
}

const render = (svg: string, q = 85) => sharp(Buffer.from(svg))
  .composite([{ input: noiseTile(), raw: { width: 128, height: 128, channels: 4 }, tile: true }]).jpeg({ quality: q }).toBuffer();

/** Text lines for OCR cases (brand words, goods, GI phrases). */
const TEXT_LINES = ['安踏运动鞋', '李宁 LI-NING', '福州茉莉花茶', '正品保障 官方授权', 'NIKE AIR 跑步鞋', '华为 HUAWEI 手机',
  '小米智能手环', '地理标志保护产品', '武夷岩茶 大红袍', '限时特价 包邮', 'ADIDAS 三叶草', '新品上市 2026'];

/** Builds the whole set for `seed` (about 6 × registered positives + negatives + text cases). */
export async function buildEvalSet(seed = 2026, opts: { perTransform?: number; negatives?: number; texts?: number } = {}): Promise<EvalCase[]> {
  const rng = new Rng(seed);
  const { registered, distractors } = logoSlugs();
  const per = opts.perTransform ?? registered.length;
  const cases: EvalCase[] = [];
  for (const tr of TRANSFORMS) {
    for (let i = 0; i < per; i++) {
      const slug = registered[i % registered.length];
      const id = `${tr}-${slug}-${i}`;
      let bytes: Buffer;
      switch (tr) {
        case 'resize': {
          const W = rng.int(300, 700), s = rng.int(Math.round(W * 0.2), Math.round(W * 0.8));
          bytes = await render(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${W}"><rect width="${W}" height="${W}" fill="#fff"/>${logoSvg(slug, rng.int(0, W - s), rng.int(0, W - s), s, '#111')}</svg>`);
          break;
        }
        case 'crop': {
          const W = 600, s = 420;
          const full = await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${W}"><rect width="${W}" height="${W}" fill="#fafafa"/>${logoSvg(slug, 90, 90, s, '#222')}</svg>`)).png().toBuffer();
          const cut = rng.int(70, 120), side = rng.int(0, 3);
          const region = [{ left: 90 + cut, top: 0, width: W - 90 - cut, height: W }, { left: 0, top: 90 + cut, width: W, height: W - 90 - cut },
            { left: 0, top: 0, width: W - 90 - cut, height: W }, { left: 0, top: 0, width: W, height: W - 90 - cut }][side];
          bytes = await sharp(full).extract(region).jpeg({ quality: 85 }).toBuffer();
          break;
        }
        case 'recolour': {
          const bg = rng.pick(BGS), W = 480, s = rng.int(160, 360);
          let ink = rng.pick(INKS);
          while (contrast(ink, bg) < 60) ink = rng.pick(INKS);
          bytes = await render(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${W}"><rect width="${W}" height="${W}" fill="${bg}"/>${logoSvg(slug, (W - s) / 2 + rng.int(-40, 40), (W - s) / 2, s, ink)}</svg>`);
          break;
        }
        case 'rotate': {
          const W = 500, s = rng.int(200, 320), rot = rng.pick([-1, 1]) * rng.int(5, 20);
          bytes = await render(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${W}"><rect width="${W}" height="${W}" fill="#f6f6f6"/>${logoSvg(slug, (W - s) / 2, (W - s) / 2, s, '#1a1a1a', rot)}</svg>`);
          break;
        }
        case 'watermark': {
          const W = 520, s = rng.int(220, 320);
          const marks = Array.from({ length: 5 }, (_, k) => `<text x="${20 + k * 30}" y="${80 + k * 100}" transform="rotate(-25 260 260)" font-family="Noto Sans CJK SC" font-size="38" fill="rgba(120,120,120,0.45)">样品 SAMPLE 水印</text>`).join('');
          bytes = await render(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${W}"><rect width="${W}" height="${W}" fill="#fff"/>${logoSvg(slug, (W - s) / 2, (W - s) / 2, s, '#202020')}${marks}</svg>`);
          break;
        }
        case 'corner': {
          const W = rng.int(640, 800), s = Math.round(W * rng.int(14, 20) / 100), m = rng.int(10, 30);
          const [x, y] = rng.pick([[m, m], [W - s - m, m], [m, W - s - m], [W - s - m, W - s - m]]);
          const ink = rng.pick(INKS.slice(0, 8));
          bytes = await render(photoSvg(rng, W, W, `<rect x="${x - 6}" y="${y - 6}" width="${s + 12}" height="${s + 12}" rx="8" fill="#ffffff" opacity="0.9"/>${logoSvg(slug, x, y, s, ink)}`), 88);
          break;
        }
      }
      cases.push({ id, kind: tr, logo: slug, bytes });
    }
  }
  const nNeg = opts.negatives ?? 2 * per;
  for (let i = 0; i < nNeg; i++) {
    const W = rng.int(480, 760), s = rng.int(Math.round(W * 0.15), Math.round(W * 0.4));
    const x = rng.int(10, W - s - 10), y = rng.int(10, W - s - 10), ink = rng.pick(INKS.slice(0, 8));
    const extra = lookalikeShapes(rng, x, y, s, ink) + (rng.chance(0.5) ? lookalikeShapes(rng, rng.int(10, W - s - 10), rng.int(10, W - s - 10), s * 0.6, '#ffffff') : '');
    cases.push({ id: `lookalike-${i}`, kind: 'lookalike', bytes: await render(photoSvg(rng, W, W, extra)) });
  }
  for (let i = 0; i < (distractors.length ? per : 0); i++) {
    const slug = distractors[i % distractors.length], W = rng.int(480, 700), s = rng.int(120, 300);
    cases.push({ id: `unregistered-${slug}-${i}`, kind: 'unregistered', bytes: await render(photoSvg(rng, W, W, logoSvg(slug, rng.int(0, W - s), rng.int(0, W - s), s, rng.pick(INKS.slice(0, 8))))) });
  }
  for (let i = 0; i < (opts.texts ?? 24); i++) {
    const lines = rng.sample(TEXT_LINES, rng.int(1, 2));
    const W = 640, extra = lines.map((l, k) => `<text x="${W / 2}" y="${k === 0 ? 90 : 590}" text-anchor="middle" font-family="Noto Sans CJK SC" font-weight="bold" font-size="${rng.int(34, 46)}" fill="#1a1a1a">${l}</text>`).join('');
    cases.push({ id: `text-${i}`, kind: 'text', text: lines.join('\n'), bytes: await render(photoSvg(rng, W, W, extra), 88) });
  }
  return cases;
}

function lum(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  return 0.299 * (n >> 16) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255);
}

function contrast(a: string, b: string): number {
  return Math.abs(lum(a) - lum(b));
}
