/**
 * demo-shop: a client-rendered marketplace. Pages are shells; inline scripts
 * fetch JSON, append search results on scroll (infinite scroll) and load item
 * images lazily (data-src → src when scrolled into view).
 */
import type { DemoListing } from './catalog.types.js';
import { escapeHtml as h, scriptJson } from './html.util.js';

/** Results per /shop/api/search call (the `limit` parameter may ask for up to 48). */
export const SHOP_BATCH = 12;

/** JSON of one search result card. */
export function shopSearchItem(l: DemoListing): Record<string, unknown> {
  return { id: l.listingId, title: l.title, price: l.price, shopName: l.shop.name, location: l.shop.location, image: l.images[0], url: `/shop/item/${encodeURIComponent(l.listingId)}` };
}

/** JSON of /shop/api/item/<id>. */
export function shopItemJson(l: DemoListing): Record<string, unknown> {
  return {
    ok: true,
    item: {
      id: l.listingId, title: l.title, price: l.price, currency: l.currency, description: l.description,
      shop: { id: l.shop.id, name: l.shop.name, location: l.shop.location },
      attributes: Object.entries(l.attributes).map(([name, value]) => ({ name, value })),
      images: l.images,
    },
  };
}

const STYLE = `<style>body{font-family:"Noto Sans CJK SC",sans-serif;margin:0;background:#f5f5f5}.top{background:#ff5000;color:#fff;padding:10px 16px}
.goods-card{min-height:170px;background:#fff;margin:8px;padding:10px;list-style:none;display:flex;gap:12px}.goods-img{width:150px;height:150px}
.goods-price,.item-price{color:#ff5000}.end-of-results,.loading{text-align:center;color:#999;padding:16px}.detail-spacer{height:900px;background:#fff;margin:8px 0}
.item-image{width:480px;height:480px;display:block;margin:8px 0;background:#eee}</style>`;

function shell(title: string, body: string, script: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${h(title)} - 演示小店</title><meta name="platform" content="demo-shop">${STYLE}</head>
<body data-state="loading"><div class="top"><a href="/shop/" style="color:#fff">演示小店 DEMO-SHOP</a>
<form action="/shop/search" method="get" style="display:inline"><input name="q"><button>搜索</button></form></div>
<div id="app">${body}</div>
<noscript>请启用 JavaScript 以浏览本站。</noscript>
<script>
async function getJson(url) {
  for (let attempt = 0; ; attempt++) {
    const r = await fetch(url, { headers: { accept: 'application/json' } });
    if (r.ok || r.status === 404 || attempt >= 6) return { status: r.status, data: await r.json().catch(() => null) };
    await new Promise((res) => setTimeout(res, 150 * (attempt + 1)));
  }
}
function el(tag, cls, text) { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
${script}
</script></body></html>`;
}

/** Search shell: results are fetched from /shop/api/search and appended when the sentinel scrolls into view. */
export function shopSearchShell(q: string): string {
  return shell(`${q} - 搜索`, `<h2 class="search-title"></h2><ul class="goods-list" id="list"></ul><div class="loading" id="loading">加载中…</div><div id="sentinel" style="height:1px"></div>`, `
const Q = ${scriptJson(q)};
document.querySelector('.search-title').textContent = '“' + Q + '”的搜索结果';
const list = document.getElementById('list'), sentinel = document.getElementById('sentinel');
let offset = 0, done = false, busy = false;
function visible(e) { const r = e.getBoundingClientRect(); return r.top < window.innerHeight && r.bottom >= 0; }
function finish(text) {
  done = true; observer.disconnect(); document.getElementById('loading').remove();
  if (list.children.length === 0) list.after(el('div', 'no-results', '没有找到相关商品'));
  document.getElementById('app').appendChild(el('div', 'end-of-results', text));
  document.body.dataset.state = 'ready';
}
async function loadMore() {
  if (done || busy) return;
  busy = true;
  const { status, data } = await getJson('/shop/api/search?q=' + encodeURIComponent(Q) + '&offset=' + offset);
  if (status !== 200 || !data) { busy = false; finish('加载失败'); return; }
  for (const it of data.items) {
    const li = el('li', 'goods-card'); li.dataset.id = it.id;
    const a = el('a', 'goods-link'); a.href = it.url;
    const img = el('img', 'goods-img'); img.src = it.image; img.alt = ''; a.appendChild(img); li.appendChild(a);
    const info = el('div', 'goods-info');
    const t = el('a', 'goods-title', it.title); t.href = it.url; info.appendChild(t);
    info.appendChild(el('div', 'goods-price', '¥' + it.price.toFixed(2)));
    info.appendChild(el('div', 'goods-shop', it.shopName));
    info.appendChild(el('div', 'goods-location', it.location));
    li.appendChild(info); list.appendChild(li);
  }
  offset = data.nextOffset; busy = false;
  if (!data.hasMore) { finish('没有更多了'); return; }
  document.body.dataset.state = 'idle';
  requestAnimationFrame(() => { if (visible(sentinel)) loadMore(); });
}
const observer = new IntersectionObserver((entries) => { if (entries.some((e) => e.isIntersecting)) loadMore(); });
observer.observe(sentinel);`);
}

/** Item shell: renders /shop/api/item/<id>; images carry data-src until scrolled into view. */
export function shopItemShell(listingId: string): string {
  return shell('商品详情', `<div id="item" class="item-detail"></div>`, `
const ID = ${scriptJson(listingId)};
(async () => {
  const { status, data } = await getJson('/shop/api/item/' + encodeURIComponent(ID));
  const box = document.getElementById('item');
  if (status !== 200 || !data || !data.ok) { box.appendChild(el('div', 'item-missing', '商品不存在或已下架')); document.body.dataset.state = 'ready'; return; }
  const it = data.item; box.dataset.id = it.id; document.title = it.title;
  box.appendChild(el('h1', 'item-title', it.title));
  box.appendChild(el('div', 'item-price', '¥' + it.price.toFixed(2)));
  const shop = el('div', 'shop'); shop.dataset.shopId = it.shop.id;
  shop.appendChild(el('span', 'shop-name', it.shop.name)); shop.appendChild(el('span', 'shop-location', it.shop.location));
  box.appendChild(shop);
  const table = el('table', 'attrs');
  for (const a of it.attributes) { const tr = el('tr'); tr.appendChild(el('th', '', a.name)); tr.appendChild(el('td', '', a.value)); table.appendChild(tr); }
  box.appendChild(table);
  box.appendChild(el('div', 'item-desc', it.description));
  box.appendChild(el('div', 'detail-spacer', '商品详情图'));
  const gallery = el('div', 'gallery'); box.appendChild(gallery);
  const lazy = new IntersectionObserver((entries) => {
    for (const e of entries) if (e.isIntersecting) { e.target.src = e.target.dataset.src; e.target.classList.add('loaded'); lazy.unobserve(e.target); }
  });
  for (const src of it.images) { const img = el('img', 'item-image'); img.dataset.src = src; img.alt = it.title; gallery.appendChild(img); lazy.observe(img); }
  document.body.dataset.state = 'ready';
})();`);
}

/** Home page with a search box. */
export function shopHomeShell(): string {
  return shell('首页', '<p class="welcome">欢迎来到演示小店，请在上方搜索商品。</p>', "document.body.dataset.state = 'ready';");
}
