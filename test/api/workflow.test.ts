/** The review → notice → reply → statistics path through the HTTP API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmGoneListings, markOverdue } from '../../enforcement/takedown.service.js';
import { PLATFORM_A, PLATFORM_B, setupFixture, type Fixture } from './fixtures.js';

let f: Fixture;
const L: Record<string, { listingId: number; captureId: number; screenshot: string; html: string }> = {};

beforeAll(async () => {
  f = await setupFixture();
  L.a1 = await f.addListing({ platform: PLATFORM_A, listingId: 'a1', title: '安踏 高仿 运动鞋', score: 0.95, shopLocation: '浙江省金华市义乌市' });
  L.a2 = await f.addListing({ platform: PLATFORM_A, listingId: 'a2', title: '福州茉莉花茶', score: 0.8, shopLocation: '广东省广州市',
    matches: [{ assetId: 'GI-0001', assetType: 'gi', signal: 'origin' }] });
  L.a3 = await f.addListing({ platform: PLATFORM_A, listingId: 'a3', title: '烘焙机 专利', score: 0.7, shopLocation: '福建省厦门市',
    matches: [{ assetId: 'PT-0001', assetType: 'patent', signal: 'patent-number' }] });
  L.b1 = await f.addListing({ platform: PLATFORM_B, listingId: 'b1', title: 'ANTA 复刻', score: 0.85, shopLocation: '上海市浦东新区' });
  L.clean = await f.addListing({ platform: PLATFORM_B, listingId: 'b2', title: '普通运动鞋', score: 0.1, suspect: false, matches: [] });
});
afterAll(async () => { await f?.close(); });

describe('review queue', () => {
  it('lists suspect listings by score, with matches', async () => {
    const r = await f.inject('officer', 'GET', '/api/review/queue');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.total).toBe(4);
    expect(body.items.map((i: { platformListingId: string }) => i.platformListingId)).toEqual(['a1', 'b1', 'a2', 'a3']);
    expect(body.items[0].matches[0]).toMatchObject({ assetId: 'TM-0001', assetType: 'trademark', assetName: '安踏', reference: '1234567' });
  });

  it('filters by platform, IP type, asset and date', async () => {
    const q = async (qs: string) => (await f.inject('officer', 'GET', `/api/review/queue?${qs}`)).json().items.map((i: { platformListingId: string }) => i.platformListingId);
    expect(await q(`platform=${PLATFORM_B}`)).toEqual(['b1']);
    expect(await q('assetType=gi')).toEqual(['a2']);
    expect(await q('assetId=PT-0001')).toEqual(['a3']);
    expect(await q('from=2026-11-21&to=2026-11-21')).toHaveLength(4);
    expect(await q('from=2026-11-22')).toEqual([]);
    expect(await q('limit=1&offset=1')).toEqual(['b1']);
  });

  it('shows one listing with its evidence beside the register entry', async () => {
    const r = await f.inject('officer', 'GET', `/api/review/listings/${L.a1.listingId}`);
    expect(r.statusCode).toBe(200);
    const d = r.json();
    expect(d.inQueue).toBe(true);
    expect(d.capture.title).toBe('安踏 高仿 运动鞋');
    expect(d.evidence.map((e: { kind: string }) => e.kind).sort()).toEqual(['html', 'screenshot']);
    expect(d.evidence.find((e: { kind: string }) => e.kind === 'screenshot')).toMatchObject({ sha256: L.a1.screenshot, url: `/api/evidence/${L.a1.screenshot}`, mediaType: 'image/png' });
    expect(d.verdict.matches[0].register).toMatchObject({ type: 'trademark', regNo: '1234567', mark: '安踏', owner: '安踏（中国）有限公司' });
    const img = await f.inject('officer', 'GET', `/api/evidence/${L.a1.screenshot}`);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    const html = await f.inject('officer', 'GET', `/api/evidence/${L.a1.html}`);
    expect(html.headers['content-security-policy']).toMatch(/sandbox/);
  });
});

describe('decisions, notices, replies, statistics', () => {
  let decisionA1: number;
  let noticeA: number;
  let noticeB: number;

  it('confirms and dismisses with a reason, in the audit log', async () => {
    const c = await f.inject('officer', 'POST', `/api/review/listings/${L.a1.listingId}/decision`, { decision: 'confirm', reason: '使用安踏商标，非授权店铺', measure: 'stop_shop', captureId: L.a1.captureId });
    expect(c.statusCode).toBe(200);
    decisionA1 = c.json().id;
    expect(c.json()).toMatchObject({ decision: 'confirm', measure: 'stop_shop', assetType: 'trademark', assetId: 'TM-0001', decidedByUsername: 'officer1' });
    expect((await f.inject('officer', 'POST', `/api/review/listings/${L.a2.listingId}/decision`, { decision: 'confirm', reason: '产地不符' })).statusCode).toBe(200);
    expect((await f.inject('officer', 'POST', `/api/review/listings/${L.a3.listingId}/decision`, { decision: 'dismiss', reason: '专利有效，被许可人' })).statusCode).toBe(200);
    expect((await f.inject('admin', 'POST', `/api/review/listings/${L.b1.listingId}/decision`, { decision: 'confirm', reason: '复刻', measure: 'block_site' })).statusCode).toBe(200);
    const again = await f.inject('officer', 'POST', `/api/review/listings/${L.a1.listingId}/decision`, { decision: 'dismiss', reason: 'x' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('already_decided');
    expect((await f.inject('officer', 'GET', '/api/review/queue')).json().total).toBe(0);
    const audit = (await f.inject('admin', 'GET', '/api/audit?action=review.confirm')).json();
    expect(audit.total).toBe(3);
    expect(audit.entries[audit.entries.length - 1]).toMatchObject({ username: 'officer1', action: 'review.confirm', subjectType: 'listing', subjectId: String(L.a1.listingId) });
  });

  it('opens a case on a confirmed decision', async () => {
    const r = await f.inject('officer', 'POST', `/api/decisions/${decisionA1}/case`, { note: '立案' });
    expect(r.statusCode).toBe(200);
    expect((await f.inject('officer', 'POST', `/api/decisions/${decisionA1}/case`, { note: '立案' })).statusCode).toBe(409);
  });

  it('groups confirmed listings per platform into draft notices', async () => {
    const r = await f.inject('officer', 'POST', '/api/notices', {});
    expect(r.statusCode).toBe(200);
    const notices = r.json().notices;
    expect(notices).toHaveLength(2);
    noticeA = notices.find((n: { platform: string }) => n.platform === PLATFORM_A).id;
    noticeB = notices.find((n: { platform: string }) => n.platform === PLATFORM_B).id;
    expect(notices.find((n: { id: number }) => n.id === noticeA)).toMatchObject({ state: 'draft', itemCounts: { open: 2 }, ref: expect.stringMatching(/^IPW-\d{6}$/) });
    // Nothing left to notify.
    expect((await f.inject('officer', 'POST', '/api/notices', {})).json().notices).toEqual([]);
    // Drafts are invisible to the platform.
    expect((await f.inject('platformA', 'GET', `/api/notices/${noticeA}`)).statusCode).toBe(404);
    expect((await f.inject('platformA', 'GET', '/api/notices')).json().total).toBe(0);
  });

  it('carries what the law asks of a notice, as JSON and printable', async () => {
    const d = (await f.inject('officer', 'GET', `/api/notices/${noticeA}/document`)).json();
    expect(d.sender.name).toBe('福州市市场监督管理局');
    expect(d.rights.map((r: { assetId: string }) => r.assetId).sort()).toEqual(['GI-0001', 'TM-0001']);
    expect(d.rights.find((r: { assetId: string }) => r.assetId === 'TM-0001').registrationNumber).toBe('1234567');
    expect(d.rights.find((r: { assetId: string }) => r.assetId === 'GI-0001').announcement).toBe('国家质检总局2008年第93号公告');
    const item = d.items.find((i: { listing: { listingId: string } }) => i.listing.listingId === 'a1');
    expect(item.listing.url).toContain('/item/a1');
    expect(item.evidence.map((e: { sha256: string }) => e.sha256)).toContain(L.a1.screenshot);
    expect(item.evidence[0].url).toMatch(/^http:\/\/127\.0\.0\.1:8600\/api\/evidence\//);
    expect(item.measureRequested.code).toBe('stop_shop');
    expect(d.statement).toMatch(/真实/);
    const html = await f.inject('officer', 'GET', `/api/notices/${noticeA}/document.html`);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.body).toContain('1234567');
    expect(html.body).toContain(L.a1.screenshot);
  });

  it('sends; the platform sees only its own notices and answers', async () => {
    const s = await f.inject('officer', 'POST', `/api/notices/${noticeA}/send`);
    expect(s.statusCode).toBe(200);
    expect(s.json()).toMatchObject({ state: 'sent', deadlineAt: '2026-11-28T08:00:00.000Z' });
    expect((await f.inject('officer', 'POST', `/api/notices/${noticeB}/send`)).statusCode).toBe(200);
    expect((await f.inject('platformA', 'GET', '/api/notices')).json().notices.map((n: { id: number }) => n.id)).toEqual([noticeA]);
    expect((await f.inject('platformB', 'GET', `/api/notices/${noticeA}`)).statusCode).toBe(404);
    expect((await f.inject('platformB', 'POST', `/api/notices/${noticeA}/replies`, { action: 'delisted' })).statusCode).toBe(404);
    // Platform A can see the evidence its notice cites, not others'.
    expect((await f.inject('platformA', 'GET', `/api/evidence/${L.a1.screenshot}`)).statusCode).toBe(200);
    expect((await f.inject('platformA', 'GET', `/api/evidence/${L.b1.screenshot}`)).statusCode).toBe(404);

    const items = (await f.inject('platformA', 'GET', `/api/notices/${noticeA}`)).json().items;
    const itemA1 = items.find((i: { listingId: number }) => i.listingId === L.a1.listingId).id;
    const itemA2 = items.find((i: { listingId: number }) => i.listingId === L.a2.listingId).id;
    const r1 = await f.inject('platformA', 'POST', `/api/notices/${noticeA}/replies`, { action: 'delisted', itemIds: [itemA1], measureTaken: 'stop_shop' });
    expect(r1.statusCode).toBe(200);
    expect(r1.json().notice.state).toBe('sent');
    const r2 = await f.inject('platformA', 'POST', `/api/notices/${noticeA}/replies`, {
      action: 'counter_notice', itemIds: [itemA2], counterNotice: { statement: '本店茶叶产自福州', evidence: '产地证明编号 123' },
    });
    expect(r2.statusCode).toBe(200);
    expect(r2.json().notice.state).toBe('answered');
    const rb = await f.inject('platformB', 'POST', `/api/notices/${noticeB}/replies`, { action: 'refused', reason: '商品为正品' });
    expect(rb.statusCode).toBe(200);
    expect(rb.json().notice.state).toBe('answered');
  });

  it('a re-scan that finds the listing gone confirms the delisting; the officer resolves the rest', async () => {
    await f.setNow('2026-11-23T08:00:00Z');
    expect(await confirmGoneListings(f.db, { listingIds: [L.a1.listingId], observedAt: f.now.value })).toBe(1);
    const items = (await f.inject('officer', 'GET', `/api/notices/${noticeA}`)).json().items;
    expect(items.map((i: { state: string }) => i.state).sort()).toEqual(['countered', 'delisted_confirmed']);
    const countered = items.find((i: { state: string }) => i.state === 'countered');
    expect(countered.counterNotice.statement).toBe('本店茶叶产自福州');
    const w = await f.inject('officer', 'POST', `/api/notices/${noticeA}/items/${countered.id}/resolve`, { outcome: 'withdraw', reason: '不侵权声明成立' });
    expect(w.statusCode).toBe(200);
    expect((await f.inject('officer', 'GET', `/api/notices/${noticeA}`)).json().notice.state).toBe('closed');
  });

  it('counts everything in the bureau\'s categories', async () => {
    const r = await f.inject('officer', 'GET', '/api/stats?groupBy=platform');
    expect(r.statusCode).toBe(200);
    const s = r.json();
    expect(s.totals).toMatchObject({
      flagged: 4, confirmed: 3, dismissed: 1, casesOpened: 1, noticesSent: 2, noticesAnswered: 2, refused: 1,
      counterNotices: 1, listingsDeleted: 1, shopsStopped: 1, sitesBlocked: 0, noticesOverdue: 0,
    });
    const a = s.rows.find((row: { group: { platform: string } }) => row.group.platform === PLATFORM_A);
    expect(a.figures).toMatchObject({ confirmed: 2, listingsDeleted: 1, shopsStopped: 1, noticesSent: 1 });
    const byType = (await f.inject('officer', 'GET', '/api/stats?groupBy=ipType')).json();
    expect(byType.rows.find((row: { group: { ipType: string } }) => row.group.ipType === 'gi').figures.counterNotices).toBe(1);
    const byRegion = (await f.inject('officer', 'GET', '/api/stats?groupBy=region,city')).json();
    expect(byRegion.rows.find((row: { group: { city: string } }) => row.group.city === '浙江省金华市').figures.listingsDeleted).toBe(1);
    expect(byRegion.rows.find((row: { group: { region: string } }) => row.group.region === '上海市').figures.refused).toBe(1);
    const byDay = (await f.inject('officer', 'GET', '/api/stats?groupBy=period&period=day')).json();
    // The deletion counts on the day the platform reported it; the re-scan two days later only confirms it.
    expect(byDay.rows.map((row: { group: { period: string } }) => row.group.period)).toEqual(['2026-11-21']);
    const zj = (await f.inject('officer', 'GET', '/api/stats?groupBy=none&region=浙江省&from=2026-11-21&to=2026-11-21')).json();
    expect(zj.totals).toMatchObject({ listingsDeleted: 1, confirmed: 1, refused: 0 });
    const later = (await f.inject('officer', 'GET', '/api/stats?groupBy=none&from=2026-11-22')).json();
    expect(Object.values(later.totals).every((v) => v === 0)).toBe(true);
    const csv = await f.inject('officer', 'GET', '/api/stats/export.csv?groupBy=platform');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain('删除违法商品信息 listings deleted (条)');
    expect(csv.body.split('\r\n').filter(Boolean)).toHaveLength(4);
    const xlsx = await f.inject('officer', 'GET', '/api/stats/export.xlsx?groupBy=platform');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getRow(3).getCell(2).value)).toContain('listings deleted');
    expect(ws.getRow(6).getCell(2).value).toBe(1);
  });

  it('flags a notice overdue when the listing is still present after the deadline', async () => {
    const L2 = await f.addListing({ platform: PLATFORM_B, listingId: 'b9', title: 'ANTA 1:1', score: 0.9 });
    await f.inject('officer', 'POST', `/api/review/listings/${L2.listingId}/decision`, { decision: 'confirm', reason: 'x' });
    const n = (await f.inject('officer', 'POST', '/api/notices', { platform: PLATFORM_B })).json().notices[0];
    await f.inject('officer', 'POST', `/api/notices/${n.id}/send`);
    expect(await markOverdue(f.db, new Date('2026-11-29T00:00:00Z'))).toBe(0);
    await f.setNow('2026-12-01T00:00:00Z');
    const r = await f.inject('officer', 'POST', '/api/notices/check-overdue');
    expect(r.json().overdueItems).toBe(1);
    expect((await f.inject('officer', 'GET', `/api/notices/${n.id}`)).json().notice).toMatchObject({ state: 'overdue', overdueAt: '2026-12-01T00:00:00.000Z' });
    expect((await f.inject('officer', 'GET', '/api/stats?groupBy=none')).json().totals.noticesOverdue).toBe(1);
    // A late delisting answers it.
    const late = await f.inject('platformB', 'POST', `/api/notices/${n.id}/replies`, { action: 'delisted' });
    expect(late.json().notice.state).toBe('answered');
  });
});
