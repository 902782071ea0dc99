/**
 * Issue 23: a tampered evidence file was refused by /api/evidence (409) but the
 * notice still rendered (its thumbnail silently dropped, its hash still
 * listed) and could be sent. Sending is now refused naming the file; the
 * printed notice and the desk's notice detail carry an integrity warning.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM_A, setupFixture, snapshot, type Fixture } from '../api/fixtures.js';

describe('a notice citing a tampered evidence file', () => {
  let f: Fixture;
  let notice: number;
  let screenshot: string;
  let listingId: number;

  beforeAll(async () => {
    f = await setupFixture();
    const l = await f.addListing({ platform: PLATFORM_A, listingId: 'tamp1', title: '安踏 tamp1' });
    screenshot = l.screenshot;
    listingId = l.listingId;
    await f.inject('officer', 'POST', `/api/review/listings/${l.listingId}/decision`, { decision: 'confirm', reason: 'r' });
    notice = (await f.inject('officer', 'POST', '/api/notices', {})).json().notices[0].id;
    // Intact at first: the detail says so.
    expect((await f.inject('officer', 'GET', `/api/notices/${notice}`)).json().evidenceProblems).toEqual([]);
    const file = path.join(f.evidence.root, screenshot.slice(0, 2), screenshot.slice(2, 4), screenshot);
    const bytes = await readFile(file);
    bytes[bytes.length - 1] ^= 0xff;
    await writeFile(file, bytes);
  });
  afterAll(async () => { await f?.close(); });

  it('is not sent: 409 evidence_integrity naming the file, the notice stays a draft', async () => {
    const before = await snapshot(f.db);
    const r = await f.inject('officer', 'POST', `/api/notices/${notice}/send`);
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json().error).toBe('evidence_integrity');
    expect(r.json().message).toContain(screenshot);
    expect(r.json().message).toContain('tamp1');
    expect(await snapshot(f.db)).toBe(before);
    expect((await f.inject('officer', 'GET', `/api/notices/${notice}`)).json().notice.state).toBe('draft');
  });

  it('the desk\'s notice detail lists the failing file', async () => {
    const d = (await f.inject('officer', 'GET', `/api/notices/${notice}`)).json();
    expect(d.evidenceProblems).toEqual([expect.objectContaining({ sha256: screenshot, kind: 'screenshot', platformListingId: 'tamp1' })]);
    expect(d.evidenceProblems[0].reason).toMatch(/SHA-256/);
  });

  it('the listing detail the officer decides on lists it too', async () => {
    const d = (await f.inject('officer', 'GET', `/api/review/listings/${listingId}`)).json();
    expect(d.evidenceProblems).toEqual([expect.objectContaining({ sha256: screenshot, kind: 'screenshot' })]);
  });

  it('the printed notice carries the warning beside the hash', async () => {
    const html = await f.inject('officer', 'GET', `/api/notices/${notice}/document.html`);
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('data-test="integrity-warning"');
    expect(html.body).toMatch(new RegExp(`${screenshot}</span>[^<]*<strong class="bad" data-test="integrity-failed">`));
  });
});

describe('a listing whose evidence was tampered with before the decision', () => {
  let f: Fixture;
  beforeAll(async () => { f = await setupFixture(); });
  afterAll(async () => { await f?.close(); });

  it('cannot be confirmed (409 evidence_integrity, single and bulk), can still be dismissed', async () => {
    const tamper = async (sha: string) => {
      const file = path.join(f.evidence.root, sha.slice(0, 2), sha.slice(2, 4), sha);
      const bytes = await readFile(file);
      bytes[bytes.length - 1] ^= 0xff;
      await writeFile(file, bytes);
    };
    const a = await f.addListing({ platform: PLATFORM_A, listingId: 'tamp-a', title: '安踏 tamp-a' });
    const b = await f.addListing({ platform: PLATFORM_A, listingId: 'tamp-b', title: '安踏 tamp-b' });
    const ok = await f.addListing({ platform: PLATFORM_A, listingId: 'tamp-ok', title: '安踏 tamp-ok' });
    await tamper(a.screenshot);
    await tamper(b.html);
    const single = await f.inject('officer', 'POST', `/api/review/listings/${a.listingId}/decision`, { decision: 'confirm', reason: 'r' });
    expect(single.statusCode).toBe(409);
    expect(single.json()).toMatchObject({ error: 'evidence_integrity' });
    expect(single.json().message).toContain(a.screenshot.slice(0, 12));
    const bulk = (await f.inject('officer', 'POST', '/api/review/decisions/bulk', { decision: 'confirm', reason: 'r', items: [{ listingId: b.listingId }, { listingId: ok.listingId }] })).json();
    expect(bulk.results).toEqual([
      expect.objectContaining({ listingId: b.listingId, ok: false, error: 'evidence_integrity' }),
      expect.objectContaining({ listingId: ok.listingId, ok: true }),
    ]);
    expect((await f.inject('officer', 'POST', `/api/review/listings/${a.listingId}/decision`, { decision: 'dismiss', reason: '证据被篡改，另行取证' })).statusCode).toBe(200);
  });
});
