/**
 * Fixtures for the API tests: a cloned database with two platforms, a small
 * register, flagged listings with evidence files, the four accounts, and an
 * app with a clock the test can move; with `ops`, the app as the CLI's `api`
 * command builds it (campaigns, runs, /metrics, the queue dashboard) on real
 * Redis under a queue prefix of its own.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../../api/app.js';
import { createContainer, type Container } from '../../app/container.js';
import { createOperations } from '../../app/operations.js';
import { ensureAccount } from '../../enforcement/account.service.js';
import { configSchema, type AppConfig } from '../../config/config.schema.js';
import { createEvidenceStore, type EvidenceStore } from '../../store/evidence.store.js';
import type { Db } from '../../store/database.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

export const PASSWORD = 'correct horse battery';
export const PLATFORM_A = 'demo-mall';
export const PLATFORM_B = 'demo-shop';
/** Tiny valid PNG (1x1). */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

export interface ListingSpec {
  platform: string;
  listingId: string;
  title: string;
  shopLocation?: string;
  shopId?: string;
  score?: number;
  suspect?: boolean;
  matches?: Array<{ assetId: string; assetType: string; signal?: string; score?: number; evidence?: string }>;
  capturedAt?: string;
}

export interface Fixture {
  t: TestDatabase;
  db: Db;
  app: FastifyInstance;
  evidence: EvidenceStore;
  config: AppConfig;
  now: { value: Date };
  tokens: Record<'officer' | 'admin' | 'platformA' | 'platformB', string>;
  accountIds: Record<'officer' | 'admin' | 'platformA' | 'platformB', number>;
  addListing(spec: ListingSpec): Promise<{ listingId: number; captureId: number; screenshot: string; html: string }>;
  /** A new capture of an existing listing (content changed), made current. */
  recapture(listingId: number, spec: Partial<ListingSpec>): Promise<number>;
  setGone(listingId: number): Promise<void>;
  /** Sets the clock and logs everyone in again (sessions last 12 hours). */
  setNow(iso: string): Promise<void>;
  seen(listingId: number, at: Date): Promise<void>;
  inject(role: keyof Fixture['tokens'] | null, method: string, url: string, body?: unknown): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

let seq = 0;

/** Options of a fixture: config overrides (login limits default high: these tests log in often). */
export interface FixtureOptions {
  api?: Record<string, unknown>;
  /** Build the app with the operations port, as production does (app/container.ts, app/operations.ts). */
  ops?: boolean;
}

export async function setupFixture(opts: FixtureOptions = {}): Promise<Fixture> {
  const t = await createTestDatabase();
  const db = t.db;
  const dir = await mkdtemp(path.join(tmpdir(), 'ipwatch-api-'));
  const evidence = createEvidenceStore(dir);
  const config = Object.freeze({
    ...configSchema.parse({ databaseUrl: t.url, redisUrl: 'redis://127.0.0.1:6379', queuePrefix: `t-api-${randomBytes(4).toString('hex')}`, api: { host: '127.0.0.1', port: 0, publicUrl: 'http://127.0.0.1:8600', login: { perAddressMax: 100_000, perAccountMax: 100_000 }, ...opts.api }, takedown: { deadlineDays: 7, sender: '福州市市场监督管理局' } }),
    rootDir: process.cwd(), platforms: [],
  }) as AppConfig;

  for (const [id, name] of [[PLATFORM_A, '演示商城'], [PLATFORM_B, '演示小店']]) {
    await db.query(`INSERT INTO platforms (id, name, fetch_mode, base_url) VALUES ($1,$2,'http','http://127.0.0.1:1/')`, [id, name]);
  }
  await db.query(`INSERT INTO trademarks (id, reg_no, mark, aliases, nice_classes, goods, owner, authorized_sellers, valid_until)
    VALUES ('TM-0001','1234567','安踏','{ANTA}','{25,28}','{运动鞋}','安踏（中国）有限公司','{安踏官方旗舰店}','2031-05-20')`);
  await db.query(`INSERT INTO geo_indications (id, name, category, province, city, counties, authorized_users, announcement)
    VALUES ('GI-0001','福州茉莉花茶','茶叶','福建省','福州市','{鼓楼区}','{福州某某茶业有限公司}','国家质检总局2008年第93号公告')`);
  await db.query(`INSERT INTO patents (id, number, type, title, owner, status, keywords)
    VALUES ('PT-0001','ZL201820123456.3','utility_model','一种茶叶烘焙装置','某某机械有限公司','valid','{烘焙}')`);

  const now = { value: new Date('2026-11-21T08:00:00Z') };
  const logger = pino({ level: 'error' });
  const container: Container | undefined = opts.ops ? createContainer(config, { logger }) : undefined;
  const app = await buildApp({ db, config, evidence, logger, clock: () => now.value, ...(container ? { ops: createOperations(container) } : {}) });

  const ids = {
    officer: (await ensureAccount(db, { username: 'officer1', password: PASSWORD, role: 'officer', displayName: '王警官' })).id,
    admin: (await ensureAccount(db, { username: 'admin1', password: PASSWORD, role: 'admin' })).id,
    platformA: (await ensureAccount(db, { username: 'mall-ops', password: PASSWORD, role: 'platform', platform: PLATFORM_A })).id,
    platformB: (await ensureAccount(db, { username: 'shop-ops', password: PASSWORD, role: 'platform', platform: PLATFORM_B })).id,
  };
  const login = async (username: string) => {
    const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
    if (r.statusCode !== 200) throw new Error(`login ${username}: ${r.statusCode} ${r.body}`);
    return r.json().token as string;
  };
  const tokens = { officer: await login('officer1'), admin: await login('admin1'), platformA: await login('mall-ops'), platformB: await login('shop-ops') };

  async function newCapture(listingRow: number, spec: Partial<ListingSpec> & { title: string }) {
    const n = ++seq;
    const html = Buffer.from(`<html><body><h1>${spec.title}</h1><p>${n}</p></body></html>`);
    const png = Buffer.concat([PNG, Buffer.from(String(n))]);
    const blobs = [];
    for (const [data, type] of [[png, 'image/png'], [html, 'text/html']] as const) {
      const b = await evidence.put(data);
      await db.query(`INSERT INTO evidence_blobs (sha256, media_type, bytes, path) VALUES ($1,$2,$3,$4) ON CONFLICT DO NOTHING`, [b.sha256, type, b.bytes, b.path]);
      blobs.push(b.sha256);
    }
    const capturedAt = spec.capturedAt ?? now.value.toISOString();
    const { rows } = await db.query(
      `INSERT INTO captures (listing_id, captured_at, content_sha256, title, shop_id, shop_name, shop_location, price)
       VALUES ($1,$2,$3,$4,$5,$6,$7,99) RETURNING id`,
      [listingRow, capturedAt, `${'c'.repeat(56)}${String(n).padStart(8, '0')}`, spec.title, spec.shopId ?? `shop-${n}`, `店铺${n}`, spec.shopLocation ?? '浙江省金华市义乌市']);
    const captureId = rows[0].id as number;
    await db.query(`INSERT INTO capture_evidence (capture_id, kind, position, sha256, source_url, fetched_at, provenance) VALUES ($1,'screenshot',0,$2,'http://x/1',$4,'live-page'), ($1,'html',0,$3,'http://x/1',$4,NULL)`,
      [captureId, blobs[0], blobs[1], capturedAt]);
    const v = await db.query(`INSERT INTO verdicts (capture_id, listing_id, suspect, score, detector_version, created_at) VALUES ($1,$2,$3,$4,'test',$5) RETURNING id`,
      [captureId, listingRow, spec.suspect ?? true, spec.score ?? 0.9, capturedAt]);
    for (const m of spec.matches ?? [{ assetId: 'TM-0001', assetType: 'trademark' as const }]) {
      await db.query(`INSERT INTO verdict_matches (verdict_id, asset_id, asset_type, signal, score, evidence) VALUES ($1,$2,$3,$4,$5,$6)`,
        [v.rows[0].id, m.assetId, m.assetType, m.signal ?? 'title', m.score ?? spec.score ?? 0.9, m.evidence ?? `title has ${m.assetId}`]);
    }
    await db.query(`UPDATE listings SET current_capture_id = $2, status = 'active', last_seen_at = $3 WHERE id = $1`, [listingRow, captureId, capturedAt]);
    return { captureId, screenshot: blobs[0], html: blobs[1] };
  }

  return {
    t, db, app, evidence, config, now, tokens, accountIds: ids,
    async addListing(spec) {
      const { rows } = await db.query(`INSERT INTO listings (platform, platform_listing_id, url) VALUES ($1,$2,$3) RETURNING id`,
        [spec.platform, spec.listingId, `http://127.0.0.1:1/${spec.platform}/item/${spec.listingId}`]);
      const c = await newCapture(rows[0].id, spec);
      return { listingId: rows[0].id, ...c };
    },
    async recapture(listingId, spec) {
      return (await newCapture(listingId, { title: `changed ${listingId}`, ...spec })).captureId;
    },
    async setNow(iso) {
      now.value = new Date(iso);
      tokens.officer = await login('officer1');
      tokens.admin = await login('admin1');
      tokens.platformA = await login('mall-ops');
      tokens.platformB = await login('shop-ops');
    },
    async setGone(listingId) {
      await db.query(`UPDATE listings SET status = 'gone', gone_at = $2 WHERE id = $1`, [listingId, now.value]);
    },
    async seen(listingId, at) {
      await db.query(`UPDATE listings SET last_seen_at = $2 WHERE id = $1`, [listingId, at]);
    },
    inject(role, method, url, body) {
      return app.inject({
        method: method as 'GET', url,
        headers: role ? { authorization: `Bearer ${tokens[role]}` } : {},
        ...(body !== undefined ? { payload: body as object } : {}),
      });
    },
    async close() {
      await app.close();
      if (container) {
        await container.queues.obliterate().catch(() => {});
        await container.close();
      }
      await t.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Counts rows of the review tables, to show a refused request changed nothing. */
export async function snapshot(db: Db): Promise<string> {
  const { rows } = await db.query(`SELECT
    (SELECT count(*) FROM review_decisions) AS decisions, (SELECT count(*) FROM notices) AS notices,
    (SELECT string_agg(state, ',' ORDER BY id) FROM notices) AS notice_states,
    (SELECT string_agg(state, ',' ORDER BY id) FROM notice_items) AS item_states,
    (SELECT count(*) FROM notice_events) AS events, (SELECT count(*) FROM cases) AS cases,
    (SELECT count(*) FROM accounts) AS accounts,
    (SELECT count(*) FROM audit_log WHERE action NOT LIKE 'auth.%') AS audit`);
  return JSON.stringify(rows[0]);
}
