/** demo-mall: a server-rendered marketplace (full HTML for search and item pages). */
import type { DemoListing } from './catalog.types.js';
import { escapeHtml as h, formatPrice } from './html.util.js';

/** Results per search page. */
export const MALL_PAGE_SIZE = 10;

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${h(title)} - 演示商城</title>
<meta name="platform" content="demo-mall">
<style>body{font-family:"Noto Sans CJK SC",sans-serif;margin:0;color:#333}header,footer{background:#c40000;color:#fff;padding:8px 16px}
nav a{color:#fff;margin-right:12px}.result-item{border-bottom:1px solid #eee;padding:10px;display:flex;gap:12px}.price{color:#c40000}
.gallery img{width:240px;height:240px}table.attrs th{text-align:left;padding-right:12px;color:#888}.ad-banner{background:#fff3e0;padding:6px}</style>
</head><body>
<header><a class="logo" href="/mall/">演示商城 DEMO-MALL</a>
<form class="search-form" action="/mall/search" method="get"><input name="q" placeholder="搜索商品"><button>搜索</button></form>
<nav><a href="/mall/">首页</a><a href="/mall/search?q=%E8%BF%90%E5%8A%A8%E9%9E%8B">运动鞋</a><a href="/mall/search?q=%E8%8C%B6%E5%8F%B6">茶叶</a><span class="login">亲，请登录</span></nav></header>
<div class="ad-banner">双11狂欢 · 满300减40（广告）</div>
<main>${body}</main>
<footer><p>演示商城仅用于测试 · 客服热线 400-000-0000 · 增值电信业务经营许可证：演示ICP备00000000号</p></footer>
</body></html>`;
}

/** Search results page; `next-page` link only when there are more results. */
export function mallSearchPage(q: string, page: number, results: DemoListing[]): string {
  const start = (page - 1) * MALL_PAGE_SIZE;
  const slice = results.slice(start, start + MALL_PAGE_SIZE);
  const items = slice.map((l) => `<li class="result-item" data-id="${h(l.listingId)}">
  <img class="thumb" src="${h(l.images[0])}" width="120" height="120" alt="">
  <div class="info"><a class="result-link" href="/mall/item/${encodeURIComponent(l.listingId)}.html">${h(l.title)}</a>
  <span class="price">¥${formatPrice(l.price)}</span>
  <span class="result-shop">${h(l.shop.name)}</span> <span class="result-location">${h(l.shop.location)}</span></div></li>`).join('\n');
  const qs = (p: number) => `/mall/search?q=${encodeURIComponent(q)}&amp;page=${p}`;
  const pager = [
    page > 1 ? `<a class="prev-page" href="${qs(page - 1)}">上一页</a>` : '',
    `<span class="page-current">${page}</span>`,
    start + MALL_PAGE_SIZE < results.length ? `<a class="next-page" href="${qs(page + 1)}">下一页</a>` : '',
  ].join(' ');
  const body = slice.length === 0
    ? `<p class="no-results">没有找到与“${h(q)}”相关的商品</p>`
    : `<div class="result-count">共 ${results.length} 件商品</div>\n<ul class="result-list">\n${items}\n</ul>\n<div class="pager">${pager}</div>`;
  return layout(`${q} - 搜索`, `<h2 class="search-title">“${h(q)}”的搜索结果</h2>\n${body}`);
}

/** Item page: h1.item-title, .item-price, .shop-name, .shop-location, table.attrs, .item-desc, .gallery img. */
export function mallItemPage(l: DemoListing): string {
  const rows = Object.entries(l.attributes).map(([k, v]) => `<tr><th>${h(k)}</th><td>${h(v)}</td></tr>`).join('');
  const imgs = l.images.map((src, i) => `<img class="${i === 0 ? 'main-image' : 'thumb-image'}" src="${h(src)}" alt="${h(l.title)}">`).join('');
  return layout(l.title, `<div class="item" data-id="${h(l.listingId)}">
<div class="breadcrumb">首页 &gt; 商品详情</div>
<div class="gallery">${imgs}</div>
<h1 class="item-title">${h(l.title)}</h1>
<div class="price-box">价格 <span class="item-price">¥${formatPrice(l.price)}</span> <span class="promo">领券再减5元</span></div>
<div class="shop-box" data-shop-id="${h(l.shop.id)}">店铺 <a class="shop-name" href="/mall/shop/${h(l.shop.id)}">${h(l.shop.name)}</a> 发货地 <span class="shop-location">${h(l.shop.location)}</span></div>
<h3>商品参数</h3><table class="attrs">${rows}</table>
<h3>商品详情</h3><div class="item-desc">${h(l.description)}</div>
<div class="recommend">看了又看：<a href="/mall/search?q=%E7%83%AD%E9%94%80">热销推荐</a></div>
</div>`);
}

/** 404 page of a delisted or unknown item. */
export function mallNotFoundPage(): string {
  return layout('商品不存在', '<div class="item-missing">很抱歉，您查看的商品不存在或已下架。</div>');
}

/** Home page with a search box. */
export function mallHomePage(): string {
  return layout('首页', '<p class="welcome">欢迎来到演示商城，请在上方搜索商品。</p>');
}
