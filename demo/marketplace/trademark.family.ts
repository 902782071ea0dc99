/** Trademark families: copies under close spellings, and genuine items of authorized sellers. */
import type { Trademark } from '../../domain/registry.schema.js';
import type { Family } from './catalog.types.js';
import { ASSET_KIND, assetWeight, AUTHORIZED_LOCATION, COPY_DESCRIPTIONS, COPY_SHOPS, COPY_WORDS, KINDS } from './catalog.vocabulary.js';
import { type FamilyContext, type ListingDraft, imageSpecs, joinTitle, mods, price, provinceOf } from './listing.draft.js';
import { changeCase, isLatin, LOOKALIKES, splitMark, toFullWidth, toTraditionalTitle } from './trademark.variants.js';

/** Simple Icons slug of a mark's logo, from the register's `logo` path (logos/anta.svg → anta). */
export function logoSlug(tm: Trademark): string | undefined {
  return tm.logo ? /([a-z0-9]+)\.svg$/.exec(tm.logo)?.[1] : undefined;
}

type TmFamily = Extract<Family, 'tm-exact' | 'tm-split' | 'tm-traditional' | 'tm-fullwidth' | 'tm-case' | 'tm-lookalike' | 'tm-image-only' | 'tm-authorized'>;

/** Marks a family can use (e.g. tm-fullwidth needs a Latin alias). */
function candidates(ctx: FamilyContext, family: TmFamily): Trademark[] {
  const tms = ctx.registry.trademarks.filter((t) => ASSET_KIND[t.id] !== undefined);
  switch (family) {
    case 'tm-fullwidth':
    case 'tm-case':
      return tms.filter((t) => t.aliases.some(isLatin));
    case 'tm-traditional':
      return tms.filter((t) => toTraditionalTitle(t.mark) !== t.mark);
    case 'tm-lookalike':
      return tms.filter((t) => LOOKALIKES.some((l) => l.assetId === t.id));
    default:
      return tms;
  }
}

/** How the mark is written in the title, and a phrase for the ground-truth note. */
function markToken(ctx: FamilyContext, family: TmFamily, tm: Trademark): { token: string; how: string } {
  const { rng } = ctx;
  const latin = tm.aliases.filter(isLatin);
  switch (family) {
    case 'tm-split': {
      const base = rng.chance(0.75) || latin.length === 0 ? tm.mark : rng.pick(latin);
      const token = splitMark(base, rng);
      return { token, how: `mark split as "${token}"` };
    }
    case 'tm-fullwidth': {
      const token = toFullWidth(rng.pick(latin));
      return { token, how: `full-width alias "${token}"` };
    }
    case 'tm-case': {
      const token = changeCase(rng.pick(latin), rng);
      return { token, how: `alias in other case "${token}"` };
    }
    case 'tm-lookalike': {
      const l = rng.pick(LOOKALIKES.filter((x) => x.assetId === tm.id));
      return { token: l.variant, how: `look-alike "${l.variant}" for "${l.mark}" (${l.detail})` };
    }
    case 'tm-traditional':
      return { token: tm.mark, how: `traditional characters "${toTraditionalTitle(tm.mark)}"` };
    default: {
      const token = rng.chance(0.7) || tm.aliases.length === 0 ? tm.mark : rng.pick(tm.aliases);
      return { token, how: `mark "${token}"` };
    }
  }
}

/** Builds one trademark listing of the given family. */
export function buildTrademarkListing(ctx: FamilyContext, family: TmFamily): ListingDraft {
  const { rng } = ctx;
  const tm = rng.weighted(candidates(ctx, family), assetWeight);
  const kindName = ASSET_KIND[tm.id];
  const kind = KINDS[kindName];
  const product = rng.pick(tm.goods);
  const { token, how } = markToken(ctx, family, tm);
  const authorized = family === 'tm-authorized';
  const imageOnly = family === 'tm-image-only';
  const shops = COPY_SHOPS[kindName === 'sport' ? 'sport' : kindName === 'electronics' ? 'electronics' : 'food'];

  const parts: string[] = [];
  let copyWord = '';
  if (authorized) {
    parts.push(token, rng.pick(['官方正品', '专柜同步', '官方旗舰']), ...mods(rng, kind.modifiers), product);
  } else if (imageOnly) {
    parts.push(rng.pick(['爆款', '实拍', '大牌品质', '工厂直销']), ...mods(rng, kind.modifiers), product, rng.pick(['看图', '图片实拍', '懂的来']));
  } else {
    copyWord = rng.chance(0.7) ? rng.pick(COPY_WORDS) : '';
    if (copyWord === '同款') parts.push(`${token}同款`);
    else parts.push(...(copyWord ? [copyWord, token] : [token]));
    parts.push(...mods(rng, kind.modifiers), product);
  }
  let title = joinTitle(rng, parts);
  if (family === 'tm-traditional') title = toTraditionalTitle(title);

  const shopName = authorized ? tm.authorizedSellers[0] : rng.pick(shops.names);
  const location = authorized ? AUTHORIZED_LOCATION[tm.id] ?? '上海市浦东新区' : rng.pick(shops.locations);
  const descParts = rng.sample(kind.descriptions, 2);
  if (copyWord || (!authorized && rng.chance(0.3))) descParts.push(rng.pick(COPY_DESCRIPTIONS));
  if (authorized) descParts.unshift(`${tm.mark}官方授权，正品保障。`);
  let description = descParts.join('');
  if (family === 'tm-traditional') description = toTraditionalTitle(description);

  const brandAttr = authorized ? tm.mark : imageOnly ? '其他' : rng.chance(0.5) ? token : rng.pick(['其他', '无品牌', token]);
  const attributes: Record<string, string> = {
    品牌: family === 'tm-traditional' ? toTraditionalTitle(brandAttr) : brandAttr,
    ...kind.extraAttributes((xs) => rng.pick(xs)),
    产地: authorized ? '中国大陆' : rng.pick(['中国大陆', provinceOf(location)]),
  };

  const logo = logoSlug(tm);
  const imageText = imageOnly
    ? [rng.pick([tm.mark, ...tm.aliases])]
    : authorized || rng.chance(0.5) ? [token] : [];
  const showLogo = logo !== undefined && (imageOnly || authorized || rng.chance(0.5));
  const specs = imageSpecs(rng, kind.shape(product), imageText, showLogo ? logo : undefined);

  const factor = authorized ? 1 : rng.pick([0.2, 0.3, 0.4]);
  const note = authorized
    ? `genuine ${tm.mark} goods (${product}) sold by authorized seller ${shopName}`
    : imageOnly
      ? `title has no mark; image shows "${imageText[0]}"${showLogo ? ' and its logo' : ''} on ${product} sold by ${shopName}, not an authorized seller`
      : `${how} used for ${product} by ${shopName}, not an authorized seller${copyWord ? `; copy word "${copyWord}"` : ''}`;
  return {
    title,
    description,
    price: price(rng, kind.price, factor),
    shop: { name: shopName, location },
    attributes,
    imageSpecs: specs,
    topic: tm.mark,
    truth: { suspect: !authorized, assetIds: [tm.id], family, note },
  };
}
