/**
 * Image families: a copy whose only sign is the mark's logo pasted into the
 * product photo (no mark in the title, description, attributes or image
 * text), and clean products whose photos carry flat logo-like shapes
 * (slanted stripes, a crescent, a star, a tick, a ring) that must
 * not be flagged.
 */
import type { Family } from './catalog.types.js';
import { ASSET_KIND, assetWeight, CLEAN_SHOPS, COPY_SHOPS, KINDS } from './catalog.vocabulary.js';
import { type FamilyContext, type ListingDraft, imageSpecs, joinTitle, mods, price, provinceOf } from './listing.draft.js';
import { logoSlug } from './trademark.family.js';

// No swoosh-like curve here: close enough to Nike's mark to be confusingly similar, so not a clean control.
const DECOYS = ['crescent', 'stripes', 'star', 'tick', 'ring'];

/** Builds one listing of `tm-logo-only` or `logo-lookalike`. */
export function buildLogoListing(ctx: FamilyContext, family: Extract<Family, 'tm-logo-only' | 'logo-lookalike'>): ListingDraft {
  const { rng } = ctx;
  const withLogo = ctx.registry.trademarks.filter((t) => ASSET_KIND[t.id] !== undefined && logoSlug(t));
  const tm = rng.weighted(withLogo, assetWeight);
  const kindName = ASSET_KIND[tm.id];
  const kind = KINDS[kindName];
  const product = rng.pick(tm.goods);
  const title = joinTitle(rng, [rng.pick(['爆款', '实拍', '工厂直销', '新款']), ...mods(rng, kind.modifiers), product, rng.pick(['看图', '图片实拍', ''])]);
  const specs = imageSpecs(rng, kind.shape(product), []);
  if (family === 'tm-logo-only') {
    const shops = COPY_SHOPS[kindName === 'sport' ? 'sport' : kindName === 'electronics' ? 'electronics' : 'food'];
    const shopName = rng.pick(shops.names);
    const location = rng.pick(shops.locations);
    const slug = logoSlug(tm)!;
    const corner = rng.chance(0.6);
    specs[0] = { ...specs[0], logo: slug, logoPlacement: corner ? 'corner' : 'product', logoSize: corner ? rng.int(96, 130) : undefined, logoCorner: corner ? rng.int(0, 3) : undefined };
    return {
      title, description: rng.sample(kind.descriptions, 2).join(''), price: price(rng, kind.price, rng.pick([0.2, 0.3])),
      shop: { name: shopName, location }, attributes: { 品牌: '其他', ...kind.extraAttributes((xs) => rng.pick(xs)), 产地: rng.pick(['中国大陆', provinceOf(location)]) },
      imageSpecs: specs, topic: tm.mark,
      truth: { suspect: true, assetIds: [tm.id], family, note: `no mark in any text; the first photo shows the ${slug} logo${corner ? ' small in a corner' : ' on the product'}, sold by ${shopName}, not an authorized seller` },
    };
  }
  const decoy = rng.pick(DECOYS);
  specs[0] = { ...specs[0], decoy };
  return {
    title, description: rng.sample(kind.descriptions, 2).join(''), price: price(rng, kind.price),
    shop: { name: rng.pick(CLEAN_SHOPS.names), location: rng.pick(CLEAN_SHOPS.locations) },
    attributes: { 品牌: '无品牌', ...kind.extraAttributes((xs) => rng.pick(xs)), 产地: '中国大陆' },
    imageSpecs: specs, topic: tm.mark,
    truth: { suspect: false, assetIds: [], family, note: `plain ${product} whose photo carries a flat ${decoy} shape, no registered logo` },
  };
}
