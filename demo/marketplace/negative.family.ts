/** Not-suspect families that still come up in searches: clean noise and hard negatives. */
import type { Family, ImageShape } from './catalog.types.js';
import { ASSET_KIND, assetWeight, CLEAN_SHOPS, KINDS } from './catalog.vocabulary.js';
import { type FamilyContext, type ListingDraft, imageSpecs, joinTitle, mods, nextCount, price } from './listing.draft.js';

interface HardNegative {
  assetId: string;
  /** Registered word that sits inside another word in the titles. */
  word: string;
  titles: string[];
  shape: ImageShape;
  price: [number, number];
  why: string;
}

/** A mark's characters inside another word (FORMATS §4: not a use of the mark). */
const INSIDE_WORD: HardNegative[] = [
  { assetId: 'TM-0007', word: '匹克', titles: ['奥林匹克运动会纪念T恤 纯棉短袖 男女', '国际奥林匹克日 纪念徽章 收藏', '奥林匹克数学竞赛试题集 小学 正版'], shape: 'shirt', price: [19, 79], why: '匹克 sits inside 奥林匹克' },
  { assetId: 'TM-0007', word: 'PEAK', titles: ['Bluetooth Speaker 便携蓝牙音箱 户外 低音炮', '无线Speaker 桌面小音箱 重低音'], shape: 'speaker', price: [59, 199], why: 'PEAK sits inside Speaker' },
  { assetId: 'TM-0012', word: '八马', titles: ['八马力柴油机 微耕机 农用旋耕机', '八马力船外机 二冲程 挂机', '八马力水泵 抽水机 农用灌溉'], shape: 'machine', price: [1280, 5800], why: '八马 sits inside 八马力 (eight horsepower)' },
  { assetId: 'TM-0001', word: '安踏', titles: ['平安踏青季 户外野餐垫 防潮加厚', '平安踏青 儿童风筝 微风易飞 春游'], shape: 'mat', price: [19, 89], why: '安踏 sits inside 平安踏青' },
  { assetId: 'TM-0010', word: '回力', titles: ['回力镖 儿童玩具 户外 飞去来器', '木制回力镖 运动玩具 生日礼物'], shape: 'tray', price: [9, 49], why: '回力 sits inside 回力镖 (boomerang)' },
];

/** The mark's word used with another meaning for goods of a different kind. */
const OTHER_GOODS: HardNegative[] = [
  { assetId: 'TM-0006', word: '小米', titles: ['东北黄小米 2024新米 五谷杂粮 小米粥 5斤装', '山西沁州黄小米 月子米 农家', '小米锅巴 休闲零食 麻辣味 12包'], shape: 'bag', price: [15, 69], why: '小米 here is millet (grain), not the class-9 mark' },
  { assetId: 'TM-0006', word: '小米', titles: ['新鲜小米椒 朝天椒 农家自种 5斤'], shape: 'fruit', price: [12, 39], why: '小米椒 is a chili pepper, not the class-9 mark' },
];

function hardNegative(ctx: FamilyContext, family: Family, list: HardNegative[]): ListingDraft {
  const { rng } = ctx;
  const h = list[nextCount(ctx, family) % list.length];
  const title = rng.pick(h.titles);
  const shop = { name: rng.pick(CLEAN_SHOPS.names), location: rng.pick(CLEAN_SHOPS.locations) };
  return {
    title,
    description: `${title.split(' ')[0]}，实物拍摄，品质保证。支持七天无理由退换。`,
    price: price(rng, h.price),
    shop,
    attributes: { 品牌: '无品牌', 产地: '中国大陆' },
    imageSpecs: imageSpecs(rng, h.shape, []),
    topic: h.word,
    truth: { suspect: false, assetIds: [h.assetId], family, note: `${h.why}; not a use of the mark` },
  };
}

/** Builds one listing of a not-suspect, non-register family: clean noise, inside-word, other goods. */
export function buildNegativeListing(ctx: FamilyContext, family: Extract<Family, 'clean' | 'tm-inside-word' | 'tm-other-goods'>): ListingDraft {
  if (family === 'tm-inside-word') return hardNegative(ctx, family, INSIDE_WORD);
  if (family === 'tm-other-goods') return hardNegative(ctx, family, OTHER_GOODS);
  const { rng } = ctx;
  const assets = [...ctx.registry.trademarks, ...ctx.registry.geoIndications].filter((a) => ASSET_KIND[a.id]);
  const asset = rng.weighted(assets, assetWeight);
  const nameOf = (a: (typeof assets)[number]) => ('name' in a ? a.name : a.mark);
  // Platforms show generic goods of the same kind as "related" results for several brand or GI queries.
  const related = assets.filter((a) => a !== asset && ASSET_KIND[a.id] === ASSET_KIND[asset.id]);
  const topics = [nameOf(asset), ...rng.sample(related, rng.int(0, 3)).map(nameOf)];
  const kind = KINDS[ASSET_KIND[asset.id]];
  const product = rng.pick(kind.generic);
  const brand = rng.pick(kind.otherBrands);
  const title = joinTitle(rng, [brand, ...mods(rng, kind.modifiers.filter((m) => !product.includes(m)), 2, 4), product]);
  const shop = { name: rng.pick(CLEAN_SHOPS.names), location: rng.pick(CLEAN_SHOPS.locations) };
  const text = rng.chance(0.3) ? [rng.pick(['热销爆款', '新品上市', '限时特惠', '品质保证'])] : brand && rng.chance(0.3) ? [brand] : [];
  return {
    title,
    description: rng.sample(kind.descriptions, 2).join(''),
    price: price(rng, kind.price, rng.pick([0.5, 0.8, 1])),
    shop,
    attributes: { 品牌: brand || '无品牌', ...kind.extraAttributes((xs) => rng.pick(xs)), 产地: '中国大陆' },
    imageSpecs: imageSpecs(rng, kind.shape(product), text),
    topic: topics[0],
    extraTopics: topics.slice(1),
    truth: { suspect: false, assetIds: [], family, note: `ordinary ${product}${brand ? ` of brand ${brand}` : ''}, no protected name; surfaces in searches for ${topics.join('/')}` },
  };
}
