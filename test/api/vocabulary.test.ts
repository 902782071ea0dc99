/**
 * The vocabulary served to the web pages (GET /api/meta/vocabulary), and
 * request validation answering in Chinese (zod's zh-CN locale, or the schema's
 * own message, Chinese first) with the field path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VOCABULARY_GROUPS } from '../../domain/vocabulary.js';
import { rightKinds } from '../../kinds/kind.registry.js';
import { servedVocabulary } from '../../kinds/kind.vocabulary.js';
import { setupFixture, type Fixture } from './fixtures.js';

let f: Fixture;
beforeAll(async () => { f = await setupFixture(); });
afterAll(async () => { await f?.close(); });

const CJK = /[\u4e00-\u9fff]/;

describe('GET /api/meta/vocabulary', () => {
  it('returns every group with each code\'s Chinese and English labels, without logging in', async () => {
    const r = await f.inject(null, 'GET', '/api/meta/vocabulary');
    expect(r.statusCode).toBe(200);
    const { groups } = r.json() as { groups: Record<string, Array<{ code: string; zh: string; en: string }>> };
    // The core's groups, and what the kinds bring: the kinds, the reasons, their own codes.
    const kindGroups = rightKinds().flatMap((k) => Object.keys(k.codes));
    expect(Object.keys(groups).sort()).toEqual([...VOCABULARY_GROUPS, 'kind', 'reason', ...kindGroups].sort());
    expect(groups).toEqual(JSON.parse(JSON.stringify(servedVocabulary())));
    for (const [group, terms] of Object.entries(groups)) {
      expect(terms.length, group).toBeGreaterThan(0);
      expect(new Set(terms.map((t) => t.code)).size, `${group}: codes are unique`).toBe(terms.length);
      for (const t of terms) {
        expect(t.zh, `${group}.${t.code}`).toMatch(CJK);
        expect(t.en, `${group}.${t.code}`).toMatch(/^[A-Za-z]/);
      }
    }
    // A few words the desk and the printed notice use.
    const zh = (g: string, c: string) => groups[g].find((t) => t.code === c)?.zh;
    expect(zh('itemState', 'delisted_confirmed')).toBe('复查确认已删除');
    expect(zh('measure', 'stop_shop')).toBe('停止网店平台服务');
    expect(zh('kind', 'trademark')).toBe('注册商标');
    expect(groups.reason.find((t) => t.code === 'gi_origin')).toMatchObject({ decision: 'confirm', fits: ['gi'] });
  });

  it('is in the OpenAPI document as a public meta route', async () => {
    const doc = (await f.inject(null, 'GET', '/docs/openapi.json')).json() as { paths: Record<string, Record<string, { tags: string[]; description: string }>> };
    const op = doc.paths['/api/meta/vocabulary']?.get;
    expect(op?.tags).toEqual(['meta']);
    expect(op?.description).toContain('Roles: anyone.');
  });
});

describe('validation messages in Chinese', () => {
  it('an enum zod checks comes back in zod\'s zh-CN words, with its field path', async () => {
    const { listingId, captureId } = await f.addListing({ platform: 'demo-mall', listingId: `vocab-${Date.now()}`, title: '安踏 跑鞋 vocab' });
    const r = await f.inject('officer', 'POST', `/api/review/listings/${listingId}/decision`, { decision: 'maybe', reasonCode: 'unrelated', captureId });
    expect(r.statusCode).toBe(400);
    const body = r.json() as { error: string; issues: Array<{ where: string; field: string; message: string }> };
    expect(body.error).toBe('bad_request');
    expect(body.issues).toEqual([expect.objectContaining({ where: 'body', field: 'decision' })]);
    expect(body.issues[0].message).toMatch(/^无效选项/);
    expect(body.issues[0].message).not.toMatch(/Invalid option/);
  });

  it('a nested field names its path, and a missing one says so in Chinese', async () => {
    const r = await f.inject('officer', 'POST', '/api/review/decisions/bulk', { decision: 'dismiss', reasonCode: 'unrelated', items: [{}] });
    expect(r.statusCode).toBe(400);
    const issue = (r.json() as { issues: Array<{ field: string; message: string }> }).issues.find((i) => i.field === 'items[0].listingId');
    expect(issue?.message).toMatch(/^无效输入：期望 数字/);
  });

  it('a schema\'s own message is Chinese first, English after', async () => {
    const r = await f.inject('admin', 'POST', '/api/accounts', { username: `v${Date.now()}`, password: 'short', role: 'officer' });
    expect(r.statusCode).toBe(400);
    expect(r.json().issues).toEqual([{ where: 'body', field: 'password', message: '至少 8 个字符 at least 8 characters' }]);
  });
});
