/** demo-mobile: a mobile JSON API plus a simple server-rendered mobile item page (for screenshots). */
import type { DemoListing } from './catalog.types.js';
import { escapeHtml as h, formatPrice } from './html.util.js';

/** Default and maximum `pageSize` of /m/api/search. */
export const MOBILE_PAGE_SIZE = 20;
export const MOBILE_MAX_PAGE_SIZE = 50;

/** Body of /m/api/search. */
export function mobileSearchJson(results: DemoListing[], page: number, pageSize: number): Record<string, unknown> {
  const start = (page - 1) * pageSize;
  const items = results.slice(start, start + pageSize).map((l) => ({
    itemId: l.listingId, title: l.title, price: l.price, pic: l.images[0], shopName: l.shop.name,
  }));
  return { code: 0, msg: 'success', data: { items, page, pageSize, total: results.length, hasMore: start + pageSize < results.length } };
}

/** Body of /m/api/item/<id>. */
export function mobileItemJson(l: DemoListing): Record<string, unknown> {
  return {
    code: 0,
    msg: 'success',
    data: {
      item: { itemId: l.listingId, title: l.title, desc: l.description, price: { value: l.price, currency: l.currency }, images: l.images },
      seller: { shopId: l.shop.id, shopName: l.shop.name, location: l.shop.location },
      props: Object.entries(l.attributes).map(([name, value]) => ({ name, value })),
    },
  };
}

/** Body of a 404 from the mobile API. */
export const MOBILE_NOT_FOUND = { code: 404, msg: '商品不存在或已下架' };

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="platform" content="demo-mobile"><title>${h(title)}</title>
<style>body{font-family:"Noto Sans CJK SC",sans-serif;margin:0;max-width:480px}.m-image{width:100%}.m-price{color:#f60;font-size:22px}
.m-title{font-size:18px;padding:0 12px}.m-block{padding:8px 12px;border-top:8px solid #f2f2f2}.m-bar{position:sticky;bottom:0;background:#f60;color:#fff;text-align:center;padding:12px}</style>
</head><body>${body}</body></html>`;
}

/** /m/item/<id>: .m-title, .m-price, .m-shop-name, .m-shop-location, ul.m-props li (span.m-prop-name, span.m-prop-value), .m-desc, img.m-image. */
export function mobileItemPage(l: DemoListing): string {
  const props = Object.entries(l.attributes).map(([k, v]) => `<li><span class="m-prop-name">${h(k)}</span>：<span class="m-prop-value">${h(v)}</span></li>`).join('');
  const imgs = l.images.map((src) => `<img class="m-image" src="${h(src)}" alt="">`).join('');
  return page(l.title, `<div class="m-item" data-id="${h(l.listingId)}">
<div class="m-gallery">${imgs}</div>
<div class="m-block"><span class="m-price">¥${formatPrice(l.price)}</span></div>
<h1 class="m-title">${h(l.title)}</h1>
<div class="m-block m-shop" data-shop-id="${h(l.shop.id)}"><span class="m-shop-name">${h(l.shop.name)}</span> · <span class="m-shop-location">${h(l.shop.location)}</span></div>
<div class="m-block"><ul class="m-props">${props}</ul></div>
<div class="m-block m-desc">${h(l.description)}</div>
<div class="m-bar">立即购买</div></div>`);
}

/** 404 mobile page. */
export function mobileNotFoundPage(): string {
  return page('商品不存在', '<div class="m-missing">商品不存在或已下架</div>');
}
