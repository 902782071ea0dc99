/**
 * A local stand-in for the real sites in ../shared/data/marketplace_html:
 * the saved pages served with their real bytes and encodings under
 * `/_/<real host>/<real path>`, plus the behaviours the saved pages cannot
 * show (Taobao's redirect of a Tmall item id, login wall, captcha, 429 with
 * Retry-After, the Tmall price/location JSONP API). Those extra responses are
 * reconstructed from the sites' public formats, not saved from the sites.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'real');
const saved = (f: string) => readFileSync(path.join(dir, f));

export interface RealSites { base: string; requests: string[]; close(): Promise<void> }

const LOGIN_WALL = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>淘宝网 - 淘！我喜欢</title></head>
<body><div id="J_SiteNav"><a href="//login.taobao.com/member/login.jhtml" class="h">亲，请登录</a> <a href="//reg.taobao.com">免费注册</a></div>
<div class="login-box"><h3>密码登录</h3><form action="//login.taobao.com/newlogin/login.do"><input name="fm-login-id"></form></div></body></html>`;
const CAPTCHA = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>验证码拦截</title></head>
<body><div class="wrapper"><div id="nc_1_wrapper"><div id="nc_1_n1t"><span id="nc_1_n1z" class="nc_iconfont btn_slide"></span></div></div>
<p class="warnning-text">亲，请拖动下方滑块完成验证</p></div></body></html>`;
const NO_RESULTS = (q: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<script>g_page_config = {"pageName":"mainsrp","mods":{"itemlist":{"status":"hide"},"tips":{"status":"show","data":{"html":"没有找到与“${q}”相关的宝贝"}}}};
</script><div class="combobar-noresult">没有找到与“${q}”相关的宝贝</div></body></html>`;
const REDESIGNED = `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><div id="root" data-spa="search"></div>
<script>window.__INIT_DATA__ = {"list":[]};</script></body></html>`;
// The shape of mdskip's initItemDetail JSONP (GBK on the real site); values for the saved iPhone 11 item.
const MDSKIP = 'setMdskip({"isSuccess":true,"defaultModel":{"itemPriceResultDO":{"priceInfo":{"def":{"price":"5499.00",'
  + '"promotionList":[{"price":"4999.00","type":"活动价"}]}}},"deliveryDO":{"deliveryAddress":"江苏南京","areaId":320100}}})';

export async function startRealSites(): Promise<RealSites> {
  const requests: string[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const url = req.url ?? '/';
    requests.push(url);
    const u = new URL(url, 'http://x');
    const html = (body: Buffer | string, type = 'text/html; charset=utf-8') => res.writeHead(200, { 'content-type': type }).end(body);
    const m = u.pathname.match(/^\/_\/([^/]+)(\/.*)$/);
    if (u.pathname === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /_/www.ebay.com/itm/999999999\n');
    if (!m) return void res.writeHead(404).end();
    const [, host, p] = m;
    const q = u.searchParams;
    if (host === 's.taobao.com' && p === '/search') {
      const kw = q.get('q') ?? '';
      if (kw === 'ipad') return void html(saved('taobao_search_ipad_2018-07.html'));
      if (kw === '回力男鞋') return void html(saved('taobao_search_huili_mens_shoes_2016-09.htm'));
      // Only the g_page_config script of this search was saved: served as the page.
      if (kw === '芝麻糊') return void html(saved('taobao_search_zhimahu_g_page_config_2018-07.js'));
      if (kw === 'login') return void res.writeHead(302, { location: `/_/login.taobao.com/member/login.jhtml?redirectURL=${encodeURIComponent(url)}` }).end();
      if (kw === 'wall') return void html(LOGIN_WALL);
      if (kw === 'captcha') return void html(CAPTCHA);
      if (kw === 'busy') return void res.writeHead(429, { 'retry-after': '30', 'content-type': 'text/html' }).end('<h1>Too Many Requests</h1>');
      if (kw === 'redesigned') return void html(REDESIGNED);
      return void html(NO_RESULTS(kw));
    }
    if (host === 'login.taobao.com') return void html(LOGIN_WALL);
    if (host === 'item.taobao.com' && p === '/item.htm') {
      if (q.get('id') === '562283240178') return void html(saved('taobao_item_detail_keyboard_case.html'));
      if (q.get('id') === '605258110430') return void res.writeHead(302, { location: `/_/detail.tmall.com/item.htm?id=605258110430` }).end();
    }
    // Served without a charset in the header, as a page that says so only in its meta tag.
    if (host === 'detail.tmall.com' && p === '/item.htm' && q.get('id') === '605258110430') return void html(saved('tmall_item_detail_iphone11_gb18030.html'), 'text/html');
    if (host === 'mdskip.taobao.com' && p === '/core/initItemDetail.htm') {
      if (!String(req.headers.referer ?? '').includes('detail.tmall.com')) return void res.writeHead(403).end();
      return void html(iconv.encode(MDSKIP, 'gbk'), 'application/javascript;charset=GBK');
    }
    if (host === 'search.jd.com' && p === '/Search') return void html(saved('jd_search_sony_earphones_2016-09.html'));
    if (host === 'www.aliexpress.com' && p === '/item/32993251330.html') return void html(saved('aliexpress_item_iphone_se_hebrew.html'));
    if (host === 'www.ebay.com' && p === '/itm/381228738769') return void html(saved('ebay_item_wicker_sofa.html'));
    if (host === 'www.ebay.com' && p === '/itm/381228738770') {
      // The same page with a NUL inside the title: a seller trying to make the listing unstorable.
      return void html(Buffer.from(saved('ebay_item_wicker_sofa.html').toString('utf8').replaceAll('Outdoor Wicker Patio', 'Outdoor\u0000 Wicker\u0007 Patio')));
    }
    res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>404</h1>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, requests, close: () => new Promise<void>((r) => server.close(() => r())) };
}
