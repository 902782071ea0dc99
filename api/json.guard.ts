/**
 * The JSON body parser, with a nesting limit checked on the raw text before
 * anything is parsed. A body of 800 KB (under the 1 MiB body limit) can nest
 * a value 400 000 levels deep; every later walk over it (the text guard, the
 * schemas, an error's field path) would then cost time in proportion to the
 * depth or worse, on the event loop every other request shares. No route
 * takes more than a few levels, so anything deeper than MAX_JSON_DEPTH is
 * refused with a 400 after one linear scan, and parsing itself is Fastify's
 * own (secure-json-parse: `__proto__` and `constructor` keys refused, as by
 * default).
 */
import type { FastifyInstance } from 'fastify';
import { badRequest } from './http.errors.js';

/** Most arrays and objects a request value may be nested in (a body, its fields, a query). */
export const MAX_JSON_DEPTH = 32;

/** The message of a refused body, Chinese first. */
export const TOO_DEEP = `请求内容嵌套过深（最多 ${MAX_JSON_DEPTH} 层数组或对象） request body is nested too deeply (at most ${MAX_JSON_DEPTH} levels of arrays and objects)`;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Whether JSON text opens more than `max` arrays or objects at once, by one
 * pass over the text (brackets inside strings do not count). Invalid JSON is
 * left to the parser, which fails on it in linear time.
 */
export function nestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) { if (++depth > max) return true; }
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return false;
}

/** Replaces the `application/json` parser with one that refuses deep nesting before it parses. Call before routes are registered. */
export function installJsonGuard(app: FastifyInstance): void {
  // Fastify's own defaults for prototype poisoning: both refused.
  const parse = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (nestedDeeperThan(body as string, MAX_JSON_DEPTH)) {
      done(badRequest(TOO_DEEP, [{ where: 'body', field: '', message: TOO_DEEP }]), undefined);
      return;
    }
    parse(req, body as string, done);
  });
}
