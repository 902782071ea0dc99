import { describe, expect, it } from 'vitest';
import { platformSchema } from '../../config/platform.schema.js';

const base = {
  id: 'xx', name: 'x', fetchMode: 'http', baseUrl: 'http://shop.example',
  search: { url: '/s?q={keyword}', pagination: { type: 'none' }, items: 'li' },
  item: { url: '/i/{id}', idPattern: '/i/(\\d+)', fields: { title: { selector: 'h1' } } },
};

describe('platform schema', () => {
  it('defaults to a real browser user agent, robots obeyed, blocks on 403, throttles on 429, and a capture budget', () => {
    const p = platformSchema.parse(base);
    expect(p.robots).toBe('obey');
    expect(p.userAgent).toBeUndefined();
    expect(p.block).toMatchObject({ blockStatus: [403], rateLimitStatus: [429], breakerThreshold: 5 });
    expect(p.limits.captureBudgetMs).toBe(60_000);
    expect(p.sessions).toEqual({ accounts: [], anonymousFallback: true });
  });

  it('refuses bad regexes, unknown documents and bad pagination expressions at load', () => {
    const r = platformSchema.safeParse({
      ...base, block: { loginUrls: ['(('] },
      search: { ...base.search, vars: { p: 'page*2+foo' } },
      item: { ...base.item, fields: { title: { from: 'api', path: 'a' }, price: [{ selector: 'p', pattern: '[' }] } },
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'block.loginUrls.0', 'item.fields.price.0.pattern', 'item.fields.title.0.from', 'search.vars.p',
    ]);
  });

  it('takes exactly one of selector, path or paths per field', () => {
    expect(platformSchema.safeParse({ ...base, item: { ...base.item, fields: { title: { selector: 'h1', path: 'a' } } } }).success).toBe(false);
  });
});
