/** Geographical-indication families: origin outside the region, special-mark claims, genuine regional goods. */
import type { GeoIndication } from '../../domain/registry.schema.js';
import type { Family } from './catalog.types.js';
import { ASSET_KIND, assetWeight, GI_PRODUCTS, KINDS, OUTSIDE_LOCATIONS, OUTSIDE_ORIGINS } from './catalog.vocabulary.js';
import { type FamilyContext, type ListingDraft, imageSpecs, joinTitle, mods, price, provinceOf, shortPlace } from './listing.draft.js';

type GiFamily = Extract<Family, 'gi-outside' | 'gi-special-mark' | 'gi-inside' | 'gi-authorized'>;

/** The phrases that claim the GI special mark (FORMATS §4). */
export const SPECIAL_MARK_PHRASES = ['地理标志保护产品', '地理标志专用标志', '国家地理标志产品'];

const REGIONAL_SHOP_SUFFIXES = { tea: ['茶农直销店', '茶庄', '原产地直供', '老字号茶行'], other: ['特产小铺', '原产地直供', '农家优选', '老字号商行', '乡味坊'] };
const OUTSIDE_SHOPS = { tea: ['茗香阁茶行', '一叶茶庄', '茶叶批发部', '品质生活馆'], other: ['特产批发部', '源头工厂店', '品质生活馆', '鲜货直供'] };

/** A full location inside the GI's protected region, e.g. 福建省福州市闽侯县. */
function insideLocation(ctx: FamilyContext, gi: GeoIndication): { location: string; county: string } {
  const county = ctx.rng.pick(gi.region.counties);
  return { location: `${gi.region.province}${gi.region.city ?? ''}${county}`, county };
}

/** Builds one GI listing of the given family. */
export function buildGiListing(ctx: FamilyContext, family: GiFamily): ListingDraft {
  const { rng } = ctx;
  const gi = rng.weighted(ctx.registry.geoIndications.filter((g) => ASSET_KIND[g.id] && GI_PRODUCTS[g.id]), assetWeight);
  const kind = KINDS[ASSET_KIND[gi.id]];
  const tea = ASSET_KIND[gi.id] === 'tea' ? 'tea' : 'other';
  const product = rng.pick(GI_PRODUCTS[gi.id]);
  const name = rng.chance(0.8) || gi.aliases.length === 0 ? gi.name : rng.pick(gi.aliases);
  const inside = insideLocation(ctx, gi);
  const authorized = family === 'gi-authorized';
  const claimsMark = family === 'gi-special-mark' || authorized;
  const markPhrase = claimsMark ? rng.pick(SPECIAL_MARK_PHRASES) : '';

  let shopName: string;
  let location: string;
  let origin: string;
  let originPhrase = '';
  let note: string;
  if (family === 'gi-outside') {
    const variant = rng.pick(['shop', 'shop', 'attribute', 'phrase'] as const);
    const elsewhere = rng.pick(OUTSIDE_ORIGINS);
    shopName = rng.pick(OUTSIDE_SHOPS[tea]);
    if (variant === 'shop') {
      location = rng.pick(OUTSIDE_LOCATIONS);
      origin = rng.chance(0.5) ? provinceOf(location) : '';
      note = `${name} claimed by ${shopName} located in ${location}, outside ${gi.region.city ?? gi.region.province}${gi.region.counties.join('/')}`;
    } else if (variant === 'attribute') {
      location = rng.chance(0.5) ? inside.location : rng.pick(OUTSIDE_LOCATIONS);
      origin = elsewhere;
      note = `${name} claimed while attribute 产地 says ${elsewhere}, outside the protected region`;
    } else {
      location = rng.chance(0.5) ? inside.location : rng.pick(OUTSIDE_LOCATIONS);
      origin = '';
      originPhrase = `产地：${elsewhere}。`;
      note = `${name} claimed while the description says 产地：${elsewhere}, outside the protected region`;
    }
  } else {
    location = inside.location;
    origin = rng.chance(0.6) ? inside.location : '';
    shopName = authorized
      ? gi.authorizedUsers.find((u) => u.endsWith('店')) ?? gi.authorizedUsers[0]
      : `${shortPlace(inside.county)}${rng.pick(REGIONAL_SHOP_SUFFIXES[tea])}`;
    note = authorized
      ? `authorized user ${shopName} in ${location} uses "${markPhrase}" for ${name}`
      : family === 'gi-special-mark'
        ? `${shopName} in ${location} is not an authorized user of ${name} but claims "${markPhrase}"`
        : `${name} sold by ${shopName} inside the protected region (${location}) without a special-mark claim`;
  }

  const parts = [name, product, ...mods(rng, kind.modifiers)];
  if (claimsMark && rng.chance(0.6)) parts.splice(rng.int(0, 1), 0, markPhrase);
  if (family === 'gi-outside' && rng.chance(0.4)) parts.unshift(rng.pick(['正宗', '原产', '特产']));
  const title = joinTitle(rng, parts);
  const description = [
    ...rng.sample(kind.descriptions, 2),
    originPhrase,
    claimsMark && !title.includes(markPhrase) ? `本品为${markPhrase}。` : '',
    claimsMark && rng.chance(0.5) ? '包装印有地理标志专用标志。' : '',
  ].join('');
  const attributes: Record<string, string> = { 品牌: rng.pick(['无品牌', shopName.slice(0, 4)]), ...kind.extraAttributes((xs) => rng.pick(xs)) };
  if (origin) attributes['产地'] = origin;
  const imageText = claimsMark ? [name, '地理标志保护产品'] : rng.chance(0.5) ? [name] : [];

  return {
    title,
    description,
    price: price(rng, kind.price, family === 'gi-outside' ? 0.5 : 1),
    shop: { name: shopName, location },
    attributes,
    imageSpecs: imageSpecs(rng, kind.shape(product), imageText),
    topic: gi.name,
    truth: { suspect: family === 'gi-outside' || family === 'gi-special-mark', assetIds: [gi.id], family, note },
  };
}
