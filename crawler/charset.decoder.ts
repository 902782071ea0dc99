/**
 * Turns response bytes into text in the charset the page was written in:
 * a config override, then a byte-order mark, the Content-Type header, the
 * `<meta charset>` tag, and UTF-8 last. Chinese sites still serve GBK/GB18030.
 */
import iconv from 'iconv-lite';

export type CharsetSource = 'config' | 'bom' | 'header' | 'meta' | 'default';

export interface DecodedText {
  text: string;
  /** The charset the bytes were decoded with (normalised name). */
  charset: string;
  source: CharsetSource;
}

// GBK and GB2312 pages routinely contain GB18030-only characters; GB18030 is their superset.
const ALIASES: Record<string, string> = {
  gb2312: 'gb18030', gbk: 'gb18030', 'x-gbk': 'gb18030', cp936: 'gb18030', gb18030: 'gb18030',
  'utf8': 'utf-8', 'utf-8': 'utf-8', big5: 'big5', 'big5-hkscs': 'big5hkscs',
  'euc-jp': 'euc-jp', 'shift_jis': 'shift_jis', 'shift-jis': 'shift_jis', sjis: 'shift_jis', 'x-sjis': 'shift_jis',
  'windows-31j': 'shift_jis', 'iso-8859-1': 'windows-1252', latin1: 'windows-1252',
};

/** A normalised charset name iconv-lite can decode, or undefined for an unknown label. */
export function normaliseCharset(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  const name = ALIASES[l] ?? l;
  return iconv.encodingExists(name) ? name : undefined;
}

export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const m = contentType?.match(/charset\s*=\s*["']?([\w.:-]+)/i);
  return normaliseCharset(m?.[1]);
}

/**
 * `<meta charset=…>` or `<meta http-equiv=Content-Type content="…charset=…">`.
 * Browsers look at the first 1 KB only, but pages saved from a rendered DOM
 * (and some real ones) carry kilobytes of injected scripts first.
 */
export function charsetFromMeta(head: Buffer): string | undefined {
  const ascii = head.subarray(0, 512 * 1024).toString('latin1');
  const direct = ascii.match(/<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i);
  return normaliseCharset(direct?.[1]);
}

function bomCharset(body: Buffer): { charset: string; skip: number } | undefined {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return { charset: 'utf-8', skip: 3 };
  if (body[0] === 0xff && body[1] === 0xfe) return { charset: 'utf-16le', skip: 2 };
  if (body[0] === 0xfe && body[1] === 0xff) return { charset: 'utf-16be', skip: 2 };
  return undefined;
}

/** Decodes `body`; `override` (from the platform config) wins over whatever the page claims. */
export function decodeBody(body: Buffer, contentType?: string, override?: string): DecodedText {
  const forced = normaliseCharset(override);
  if (override && !forced) throw new Error(`unknown charset "${override}" in the platform config`);
  if (forced) return { text: iconv.decode(body, forced), charset: forced, source: 'config' };
  const bom = bomCharset(body);
  if (bom) return { text: iconv.decode(body.subarray(bom.skip), bom.charset), charset: bom.charset, source: 'bom' };
  const header = charsetFromContentType(contentType);
  if (header) return { text: iconv.decode(body, header), charset: header, source: 'header' };
  const looksHtml = !contentType || /html|xml/i.test(contentType);
  const meta = looksHtml ? charsetFromMeta(body) : undefined;
  if (meta) return { text: iconv.decode(body, meta), charset: meta, source: 'meta' };
  return { text: body.toString('utf8'), charset: 'utf-8', source: 'default' };
}
