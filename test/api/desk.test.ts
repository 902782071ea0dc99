/**
 * The officer's desk over HTTP (issue 14): bulk decisions with preset reasons
 * and per-item results, queue search and sort, exports with names, notice
 * document numbers and the printable notice (local time, seal, thumbnails, no
 * state words) and its PDF, scan-run history, the patent-number finding,
 * register logos, swagger-ui, and the create-admin command.
 */
import { addRunListings, addSearchPages, createRun, finishSearchPage, moveRunListing } from '../../store/scan-run.repository.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createAdmin } from '../../cli/account.command.js';
import { PLATFORM_A, PLATFORM_B, setupFixture, type Fixture } from './fixtures.js';

let f: Fixture;
const ids: number[] = [];
let patentListing = 0;

beforeAll(async () => {
  f = await setupFixture();
  for (let i = 0; i < 6; i++) {
    const r = await f.addListing({ platform: i < 4 ? PLATFORM_A : PLATFORM_B, listingId: `d${i}`, title: `安踏 跑鞋 款${i}`, score: 0.9 - i * 0.05,
      capturedAt: new Date(Date.parse('2026-11-21T08:00:00Z') - i * 3600_000).toISOString() });
    ids.push(r.listingId);
  }
  patentListing = (await f.addListing({ platform: PLATFORM_A, listingId: 'pt', title: '茶叶烘焙机 专利号ZL201820123456.4', score: 0.5,
    matches: [{ assetId: 'ZL201820123456.4', assetType: 'patent', signal: 'patent-number', evidence: '标题标注专利号“ZL201820123456.4”；校验位应为“3”而非“4”' }] })).listingId;
});
afterAll(async () => { await f?.close(); });

describe('review queue at volume', () => {
  it('searches text and sorts by score or date', async () => {
    const q = async (qs: string) => (await f.inject('officer', 'GET', `/api/review/queue?${qs}`)).json().items.map((i: { platformListingId: string }) => i.platformListingId);
    expect(await q('q=款3')).toEqual(['d3']);
    expect(await q('q=%25')).toEqual([]); // a LIKE wildcard is searched for literally
    expect(await q('sort=score&dir=asc&limit=2')).toEqual(['pt', 'd5']);
    expect(await q('sort=date&dir=asc&platform=demo-mall')).toEqual(['d3', 'd2', 'd1', 'd0', 'pt']);
    expect(await q('minScore=0.8&maxScore=0.85')).toEqual(['d1', 'd2']);
    expect((await f.inject('officer', 'GET', '/api/review/queue?sort=price')).statusCode).toBe(400);
  });

  it('publishes the preset reasons, "other" among them', async () => {
    const { reasons } = (await f.inject('officer', 'GET', '/api/review/reasons')).json();
    expect(reasons.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(['tm_unauthorized', 'unrelated', 'other_confirm', 'other_dismiss']));
  });

  it('refuses bad bulk requests with field-level issues and changes nothing', async () => {
    const bad = async (body: unknown) => {
      const r = await f.inject('officer', 'POST', '/api/review/decisions/bulk', body);
      expect(r.statusCode, r.body).toBe(400);
      return r.json();
    };
    expect((await bad({ decision: 'confirm', reasonCode: 'tm_unauthorized', items: [] })).issues[0].field).toBe('items');
    expect((await bad({ decision: 'confirm', items: [{ listingId: ids[0] }] })).issues[0].field).toBe('reasonCode');
    expect((await bad({ decision: 'confirm', reasonCode: 'other_confirm', items: [{ listingId: ids[0] }] })).issues[0].field).toBe('reason');
    expect((await bad({ decision: 'dismiss', reasonCode: 'tm_unauthorized', items: [{ listingId: ids[0] }] })).issues[0].field).toBe('reasonCode');
    expect((await bad({ decision: 'dismiss', reasonCode: 'unrelated', measure: 'stop_shop', items: [{ listingId: ids[0] }] })).issues[0].field).toBe('measure');
    expect((await bad({ decision: 'confirm', reasonCode: 'nope', items: [{ listingId: ids[0] }] })).issues[0].field).toBe('reasonCode');
    expect((await f.inject('officer', 'GET', '/api/decisions')).json().total).toBe(0);
  });

  it('decides many at once with one preset reason, reporting each listing; audited per listing and for the batch', async () => {
    // A colleague decided ids[1] already; ids[2] changed since the officer loaded it.
    expect((await f.inject('admin', 'POST', `/api/review/listings/${ids[1]}/decision`, { decision: 'dismiss', reasonCode: 'authorized' })).statusCode).toBe(200);
    const queue = (await f.inject('officer', 'GET', '/api/review/queue?limit=200')).json().items as Array<{ listingId: number; captureId: number }>;
    const cap = Object.fromEntries(queue.map((i) => [i.listingId, i.captureId]));
    await f.recapture(ids[2], { title: '安踏 跑鞋 改', score: 0.9 });
    const r = await f.inject('officer', 'POST', '/api/review/decisions/bulk', {
      decision: 'confirm', reasonCode: 'tm_unauthorized', measure: 'delete_listing',
      items: [{ listingId: ids[0], captureId: cap[ids[0]] }, { listingId: ids[1] }, { listingId: ids[2], captureId: cap[ids[0]] }, { listingId: ids[3] }, { listingId: ids[3] }, { listingId: 999999 }],
    });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ requested: 6, decided: 2, failed: 4 });
    expect(body.results.map((x: { error?: string }) => x.error ?? 'ok')).toEqual(['ok', 'already_decided', 'stale_capture', 'ok', 'duplicate', 'not_found']);
    const d = (await f.inject('officer', 'GET', '/api/decisions?decision=confirm')).json();
    expect(d.total).toBe(2);
    expect(d.decisions[0].reason).toMatch(/^未经许可/);
    expect(d.decisions[0].measure).toBe('delete_listing');
    const audit = (await f.inject('admin', 'GET', '/api/audit?action=review.confirm')).json();
    expect(audit.total).toBe(2);
    const batch = (await f.inject('admin', 'GET', '/api/audit?action=review.bulk')).json().entries[0];
    expect(batch.detail).toMatchObject({ decision: 'confirm', requested: 6, decided: 2, listingIds: [ids[0], ids[3]] });
    // "other" takes the officer's own words.
    const other = await f.inject('officer', 'POST', '/api/review/decisions/bulk', { decision: 'dismiss', reasonCode: 'other_dismiss', reason: '权利人书面确认为正品', items: [{ listingId: ids[4] }] });
    expect(other.json().decided).toBe(1);
    expect((await f.inject('officer', 'GET', '/api/decisions?decision=dismiss')).json().decisions[0].reason).toBe('权利人书面确认为正品');
  });

  it('shows the text read from the listing\'s images', async () => {
    const b = await f.evidence.put(Buffer.from('fake image bytes for OCR'));
    await f.db.query(`INSERT INTO evidence_blobs (sha256, media_type, bytes, path) VALUES ($1,'image/png',$2,$3)`, [b.sha256, b.bytes, b.path]);
    const cap = (await f.db.query('SELECT current_capture_id AS id FROM listings WHERE id = $1', [ids[5]])).rows[0].id;
    await f.db.query(`INSERT INTO capture_evidence (capture_id, kind, position, sha256, source_url, fetched_at) VALUES ($1,'image',0,$2,'http://x/i.png',now())`, [cap, b.sha256]);
    await f.db.query(`INSERT INTO image_texts (sha256, engine, text) VALUES ($1,'tesseract','正品安踏 专柜同款')`, [b.sha256]);
    const d = (await f.inject('officer', 'GET', `/api/review/listings/${ids[5]}`)).json();
    expect(d.ocr).toEqual([expect.objectContaining({ sha256: b.sha256, engine: 'tesseract', text: '正品安踏 专柜同款' })]);
  });

  it('reads a fake patent number as a finding, not as missing data', async () => {
    const d = (await f.inject('officer', 'GET', `/api/review/listings/${patentListing}`)).json();
    const m = d.verdict.matches[0];
    expect(m.register).toBeNull();
    expect(m.finding).toMatchObject({ kind: 'check_digit', number: 'ZL201820123456.4' });
    expect(m.finding.label).toMatch(/专利号不存在\/校验位错误/);
  });
});

describe('exports with names, not ids', () => {
  it('exports the queue, decisions and notices as CSV and Excel', async () => {
    const csv = await f.inject('officer', 'GET', '/api/review/queue/export.csv?platform=demo-shop');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    expect(csv.body).toContain('演示小店');
    expect(csv.body).toContain('安踏（1234567）');
    expect(csv.body).not.toContain('demo-shop,');
    const dec = await f.inject('officer', 'GET', '/api/decisions/export.csv');
    expect(dec.body).toContain('王警官');
    expect(dec.body).toContain('确认侵权');
    expect(dec.body).toContain('演示商城');
    const x = await f.inject('officer', 'GET', '/api/decisions/export.xlsx');
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(3).getCell(1).value).toMatch(/决定时间/);
    expect(ws.rowCount).toBe(3 + 4);
    expect((await f.inject('platformA', 'GET', '/api/notices/export.csv')).statusCode).toBe(403);
  });
});

describe('the notice as sent', () => {
  let first = 0;
  it('numbers notices per year when sent, and keeps the number', async () => {
    const created = (await f.inject('officer', 'POST', '/api/notices', {})).json().notices as Array<{ id: number; platform: string }>;
    expect(created.length).toBeGreaterThan(0);
    first = created[0].id;
    expect((await f.inject('officer', 'GET', `/api/notices/${first}`)).json().notice.docNo).toBeNull();
    const s = (await f.inject('officer', 'POST', `/api/notices/${first}/send`)).json();
    expect(s.docNo).toBe('闽榕市监知通〔2026〕第0001号');
    const list = (await f.inject('officer', 'GET', '/api/notices')).json().notices;
    expect(list.find((n: { id: number }) => n.id === first).docNo).toBe('闽榕市监知通〔2026〕第0001号');
    // Next notice, sent at 01:00 on 1 January in Fuzhou (still 2026 in UTC): the 2027 series starts.
    const more = await f.addListing({ platform: PLATFORM_B, listingId: 'ny', title: '安踏 新年款' });
    await f.setNow('2026-12-31T17:00:00Z');
    expect((await f.inject('officer', 'POST', `/api/review/listings/${more.listingId}/decision`, { decision: 'confirm', reasonCode: 'tm_replica' })).statusCode).toBe(200);
    const n2 = (await f.inject('officer', 'POST', '/api/notices', { platform: PLATFORM_B })).json().notices[0];
    expect((await f.inject('officer', 'POST', `/api/notices/${n2.id}/send`)).json().docNo).toBe('闽榕市监知通〔2027〕第0001号');
    const { rows } = await f.db.query('SELECT year, seq FROM notice_numbers ORDER BY notice_id');
    expect(rows).toEqual([{ year: 2026, seq: 1 }, { year: 2027, seq: 1 }]);
  });

  it('prints in Beijing time with sender, contact, seal, thumbnails and hashes, and no state words', async () => {
    const r = await f.inject('platformA', 'GET', `/api/notices/${first}/document.html`);
    expect(r.statusCode).toBe(200);
    const html = r.body;
    expect(html).toContain('闽榕市监知通〔2026〕第0001号');
    expect(html).toContain('2026-11-21 16:00（北京时间）'); // sent 08:00Z
    expect(html).toContain('2026年11月21日');
    expect(html).not.toMatch(/UTC/);
    expect(html).toContain('福州市市场监督管理局');
    expect(html).toContain('联系人');
    expect(html).toContain('（盖章）');
    expect(html).toMatch(/<img src="data:image\/jpeg;base64,/);
    expect(html).toMatch(/[0-9a-f]{64}/);
    const text = html.replace(/<[^>]+>/g, ' ');
    for (const word of ['draft', 'sent', 'open', 'State', 'delete_listing', 'trademark']) expect(text, word).not.toMatch(new RegExp(`\\b${word}\\b`));
    expect(r.headers['content-security-policy']).toMatch(/img-src data:/);
  });

  it('renders the notice as a PDF in Chromium', async () => {
    const r = await f.inject('officer', 'GET', `/api/notices/${first}/document.pdf`);
    expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(r.rawPayload.length).toBeGreaterThan(10_000);
    expect((await f.inject('platformB', 'GET', `/api/notices/${first}/document.pdf`)).statusCode).toBe(404);
  }, 60_000);
});

describe('scan runs, logos, docs, first admin', () => {
  it('reports each run with its counts while it runs and after', async () => {
    const db = f.db;
    // Driven through the pipeline's own bookkeeping, as a scan would.
    const { id: run } = await createRun(db, ['demo-mall'], 'manual');
    const pages = [1, 2, 3].map((page) => ({ platform: 'demo-mall', keyword: '安踏', page }));
    await addSearchPages(db, run, pages);
    await finishSearchPage(db, run, pages[0], 'done', { found: 5 });
    await finishSearchPage(db, run, pages[1], 'blocked', { error: 'blocked by platform: status (HTTP 403)', errorKind: 'BlockedError' });
    await addRunListings(db, run, 'demo-mall', ids.slice(0, 5), 'search', new Set(ids.slice(0, 3)));
    for (const [k, id] of ids.slice(0, 3).entries()) {
      await moveRunListing(db, run, id, 'captured', { changed: k === 0 });
      await moveRunListing(db, run, id, 'detected', { flagged: true });
    }
    await moveRunListing(db, run, ids[3], 'gone');
    const r = (await f.inject('officer', 'GET', `/api/scan-runs?ids=${run}`)).json();
    expect(r.runs[0]).toMatchObject({
      id: run, status: 'running', pagesTotal: 3, pagesDone: 1, pagesFailed: 0, listings: 5, listingsDone: 4,
      newListings: 3, changed: 1, gone: 1, flagged: 3, failed: 0, blocked: 1,
      byPlatform: { 'demo-mall': { listings: 5, blocked: 1, errors: { BlockedError: 1 } } },
    });
    expect((await f.inject('officer', 'GET', '/api/scan-runs?ids=1;2')).statusCode).toBe(400);
  });

  it('serves a registered logo from the register folder, nothing outside it', async () => {
    await f.db.query(`INSERT INTO trademarks (id, reg_no, mark, owner, logo) VALUES ('TM-L1','7654321','标志','某公司','logos/anta.svg'), ('TM-L2','1','x','y','../../etc/passwd.png')`);
    const ok = await f.inject('officer', 'GET', '/api/assets/TM-L1/logo');
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toMatch(/image\/svg\+xml/);
    expect((await f.inject('officer', 'GET', '/api/assets/TM-L2/logo')).statusCode).toBe(404);
    expect((await f.inject('officer', 'GET', '/api/assets/TM-0001/logo')).statusCode).toBe(404);
  });

  it('serves interactive API docs with the zod schemas', async () => {
    const ui = await f.inject(null, 'GET', '/docs/ui/');
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toMatch(/swagger/i);
    const doc = (await f.inject(null, 'GET', '/docs/openapi.json')).json();
    const bulk = doc.paths['/api/review/decisions/bulk'].post;
    expect(bulk.requestBody.content['application/json'].schema.properties.items.maxItems).toBe(500);
    expect(doc.paths['/api/review/queue'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['q', 'sort', 'dir', 'minScore']));
  });

  it('creates the first admin from the command line, once', async () => {
    const r = await createAdmin(f.t.url, { username: 'root', password: 'long enough pw', displayName: '管理员' });
    expect(r.created).toBe(true);
    const login = await f.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'root', password: 'long enough pw' } });
    expect(login.json().account.role).toBe('admin');
    await expect(createAdmin(f.t.url, { username: 'root', password: 'another pw 1' })).rejects.toThrow(/已存在/);
    await expect(createAdmin(f.t.url, { username: 'root2', password: 'short' })).rejects.toThrow(/至少 8/);
    expect((await createAdmin(f.t.url, { username: 'root', password: 'another pw 1', reset: true })).created).toBe(false);
  });
});
