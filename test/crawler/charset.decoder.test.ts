import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../crawler/charset.decoder.js';

const tmall = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/real/tmall_item_detail_iphone11_gb18030.html'));
const TITLE = '【官网价直降】Apple/苹果 iPhone 11 4G全网通智能手机正品苏宁易购官方旗舰店苹果11';

describe('charset decoder', () => {
  it('decodes the saved Tmall page (GB18030 bytes) from its meta tag, from a header, or by config override', () => {
    expect(decodeBody(tmall, 'text/html')).toMatchObject({ charset: 'gb18030', source: 'meta' });
    expect(decodeBody(tmall, 'text/html').text).toContain(TITLE);
    expect(decodeBody(tmall, 'text/html; charset=GBK')).toMatchObject({ charset: 'gb18030', source: 'header' });
    // a server that lies (says UTF-8): only the config override reads it right
    expect(decodeBody(tmall, 'text/html; charset=utf-8').text).not.toContain(TITLE);
    const forced = decodeBody(tmall, 'text/html; charset=utf-8', 'gb18030');
    expect(forced).toMatchObject({ source: 'config' });
    expect(forced.text).toContain(TITLE);
  });

  it.each([
    ['big5', '商標侵權 臺灣'], ['euc-jp', '商標権の侵害 東京'], ['shift_jis', '商標権の侵害 大阪'], ['gb18030', '地理标志 𠀀'],
  ])('decodes %s from the header and from the meta tag', (charset, text) => {
    const page = (meta: string) => iconv.encode(`<html><head>${meta}</head><body>${text}</body></html>`, charset);
    expect(decodeBody(page(''), `text/html; charset=${charset}`).text).toContain(text);
    expect(decodeBody(page(`<meta http-equiv="Content-Type" content="text/html; charset=${charset}">`), 'text/html').text).toContain(text);
  });

  it('honours a byte-order mark over the header, and defaults to UTF-8', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<p>名称</p>')]);
    expect(decodeBody(bom, 'text/html; charset=gbk')).toEqual({ text: '<p>名称</p>', charset: 'utf-8', source: 'bom' });
    expect(decodeBody(Buffer.from('{"a":"名称"}'), 'application/json')).toMatchObject({ text: '{"a":"名称"}', source: 'default' });
    expect(() => decodeBody(Buffer.from('x'), '', 'klingon-8')).toThrow(/unknown charset/);
  });
});
