/**
 * A realistic enforcement history for the API load bench (bench/api-load.bench.ts),
 * written in SQL (generate_series) in seconds: listings with one capture and
 * verdict each (35% suspect, 1-2 matches), officers' decisions (60% confirm),
 * notices of ten items in every state with their events and replies, and
 * cases. Only for a database made by the bench: it assumes empty tables.
 */
import type { Db, Queryable } from './database.js';

/** How much history to seed. */
export interface SeedSizes {
  /** Listings, each with one capture and one verdict (default 100,000). */
  listings: number;
  /** Officers' decisions on suspect listings (default 10,000). */
  decisions: number;
  /** Confirmed decisions put into notices of ten items (default 4,000). */
  noticeItems: number;
  /** Officer accounts, each with one session token (default 20). */
  officers: number;
}

const PLATFORMS = [['demo-mall', '演示商城'], ['demo-shop', '演示小店'], ['demo-mobile', '演示移动']];
const LOCATIONS = ['浙江省金华市义乌市', '广东省广州市白云区', '福建省泉州市晋江市', '福建省福州市鼓楼区', '上海市浦东新区', '江苏省苏州市',
  '浙江杭州', '河北省石家庄市', '四川省成都市', '内蒙古呼和浩特市', '新疆维吾尔自治区乌鲁木齐市', '广西南宁市', '北京市朝阳区', '山东省临沂市', '未填写'];

/** Writes the history; the officer accounts get `passwordHash` (nobody logs in with it: the bench hands out session tokens). */
export async function seedLoadHistory(db: Db, sizes: SeedSizes, passwordHash: string): Promise<void> {
  const q = (sql: string, args: unknown[] = []) => db.query(sql, args);
  await q(`INSERT INTO trademarks (id, reg_no, mark, owner) SELECT 'TM-' || lpad(i::text, 4, '0'), (1000000 + i)::text, '商标' || i, '权利人' || i FROM generate_series(1, 20) i`);
  await q(`INSERT INTO geo_indications (id, name, category, province) SELECT 'GI-' || lpad(i::text, 4, '0'), '地标' || i, '茶叶', '福建省' FROM generate_series(1, 5) i`);
  await q(`INSERT INTO patents (id, number, type, title, owner, status) SELECT 'PT-' || lpad(i::text, 4, '0'), 'ZL20182012345' || i || '.3', 'utility_model', '专利' || i, '某公司', 'valid' FROM generate_series(1, 5) i`);
  for (const [id, name] of PLATFORMS) await q(`INSERT INTO platforms (id, name, fetch_mode, base_url) VALUES ($1, $2, 'http', 'http://127.0.0.1:1/')`, [id, name]);

  // Two years of listings, first seen spread over every day and minute.
  await q(`INSERT INTO listings (platform, platform_listing_id, url, status, first_seen_at, last_seen_at)
    SELECT ($2::text[])[1 + i % 3], 'L' || i, 'http://127.0.0.1:1/item/' || i, CASE WHEN i % 50 = 0 THEN 'gone' ELSE 'active' END, t, t
    FROM generate_series(1, $1::int) i, LATERAL (SELECT now() - (i % 730) * interval '1 day' - (i % 1440) * interval '1 minute' AS t) x`,
  [sizes.listings, PLATFORMS.map((p) => p[0])]);
  await q(`INSERT INTO captures (listing_id, captured_at, content_sha256, title, shop_id, shop_name, shop_location, price)
    SELECT l.id, l.first_seen_at, lpad(to_hex(l.id), 64, '0'), '商品 ' || l.id, 'shop' || (l.id % 5000), '店铺' || (l.id % 5000),
           ($1::text[])[1 + l.id % ${LOCATIONS.length}], 99 FROM listings l`, [LOCATIONS]);
  await q(`UPDATE listings l SET current_capture_id = c.id FROM captures c WHERE c.listing_id = l.id`);
  await q(`INSERT INTO verdicts (capture_id, listing_id, suspect, score, detector_version, created_at)
    SELECT c.id, c.listing_id, c.listing_id % 20 < 7,
           -- Scores spread like the detector's (continuous), not in a few ties.
           CASE WHEN c.listing_id % 20 < 7 THEN 0.5 + ((c.listing_id * 7919) % 10007) / 20014.0 ELSE ((c.listing_id * 7919) % 10007) / 20014.0 END,
           'bench', c.captured_at
    FROM captures c`);
  // 70% trademarks, 20% GIs, 10% patents (spread independently of which listings are suspect); every fifth has a second match.
  await q(`INSERT INTO verdict_matches (verdict_id, asset_id, asset_type, signal, score, evidence)
    SELECT v.id, CASE k WHEN 0 THEN 'TM-' || lpad((1 + v.id % 20)::text, 4, '0') WHEN 1 THEN 'GI-' || lpad((1 + v.id % 5)::text, 4, '0') ELSE 'PT-' || lpad((1 + v.id % 5)::text, 4, '0') END,
           (ARRAY['trademark', 'gi', 'patent'])[k + 1], 'title', v.score - j * 0.1, 'bench'
    FROM verdicts v, LATERAL (SELECT CASE WHEN (v.id * 37) % 10 < 7 THEN 0 WHEN (v.id * 37) % 10 < 9 THEN 1 ELSE 2 END AS k) x,
         generate_series(0, CASE WHEN v.id % 5 = 0 THEN 1 ELSE 0 END) j
    WHERE v.suspect`);

  await q(`INSERT INTO accounts (username, display_name, role, password_hash) SELECT 'officer' || i, '警官' || i, 'officer', $2 FROM generate_series(1, $1::int) i`, [sizes.officers, passwordHash]);
  const officers = await officerIds(db);

  await q(`INSERT INTO review_decisions (listing_id, capture_id, verdict_id, decision, reason, measure, score, asset_type, asset_id, matches, decided_by, decided_at)
    SELECT v.listing_id, v.capture_id, v.id, CASE WHEN v.rn % 10 < 6 THEN 'confirm' ELSE 'dismiss' END, 'bench',
           CASE WHEN v.rn % 10 < 6 THEN (ARRAY['delete_listing', 'delete_listing', 'stop_shop', 'rectify_site'])[1 + v.rn % 4] END,
           v.score, m.asset_type, m.asset_id, '[]'::jsonb, ($2::bigint[])[1 + v.rn % array_length($2::bigint[], 1)], v.created_at + interval '1 day'
    FROM (SELECT v.*, row_number() OVER (ORDER BY v.id) AS rn FROM verdicts v WHERE v.suspect) v
    JOIN LATERAL (SELECT asset_type, asset_id FROM verdict_matches WHERE verdict_id = v.id ORDER BY score DESC LIMIT 1) m ON true
    WHERE v.rn <= $1`, [sizes.decisions, officers]);

  // Notices of ten confirmed decisions each, per platform, in every state.
  await q(`CREATE TEMP TABLE nd AS
    SELECT d.id AS decision_id, d.listing_id, d.capture_id, d.measure, l.platform, d.decided_at,
           (row_number() OVER (PARTITION BY l.platform ORDER BY d.id) - 1) / 10 AS grp
    FROM review_decisions d JOIN listings l ON l.id = d.listing_id WHERE d.decision = 'confirm' ORDER BY d.id LIMIT $1`, [sizes.noticeItems]);
  await q(`CREATE TEMP TABLE ng AS
    SELECT platform, grp, max(decided_at) + interval '1 hour' AS t, (ARRAY['sent', 'answered', 'closed', 'closed', 'overdue'])[1 + grp % 5] AS st,
           row_number() OVER (ORDER BY platform, grp) AS rn
    FROM nd GROUP BY platform, grp`);
  await q(`ALTER TABLE ng ADD COLUMN notice_id bigint`);
  await q(`UPDATE ng SET notice_id = nextval(pg_get_serial_sequence('notices', 'id'))`);
  await q(`INSERT INTO notices (id, platform, state, sender, created_by, created_at, sent_by, sent_at, deadline_at, first_reply_at, overdue_at, closed_at, updated_at)
    SELECT notice_id, platform, st, '福州市市场监督管理局', $1, t, $1, t, t + interval '7 days',
           CASE WHEN st IN ('answered', 'closed') THEN t + interval '2 days' END, CASE WHEN st = 'overdue' THEN t + interval '8 days' END,
           CASE WHEN st = 'closed' THEN t + interval '5 days' END, t + interval '5 days'
    FROM ng`, [officers[0]]);
  await q(`INSERT INTO notice_items (notice_id, decision_id, listing_id, capture_id, measure, state, measure_taken, reply_reason, replied_at, delisted_at, confirmed_gone_at, overdue_at, updated_at)
    SELECT g.notice_id, nd.decision_id, nd.listing_id, nd.capture_id, nd.measure, s.state,
           CASE WHEN s.state IN ('delisted', 'delisted_confirmed') THEN nd.measure END, CASE WHEN s.state = 'refused' THEN '证据不足' END,
           CASE WHEN s.state IN ('delisted', 'delisted_confirmed', 'refused') THEN g.t + interval '2 days' END,
           CASE WHEN s.state IN ('delisted', 'delisted_confirmed') THEN g.t + interval '2 days' END,
           CASE WHEN s.state = 'delisted_confirmed' THEN g.t + interval '5 days' END, CASE WHEN s.state = 'overdue' THEN g.t + interval '8 days' END,
           g.t + interval '5 days'
    FROM nd JOIN ng g ON g.platform = nd.platform AND g.grp = nd.grp,
         LATERAL (SELECT CASE g.st WHEN 'sent' THEN 'open' WHEN 'overdue' THEN 'overdue' WHEN 'closed' THEN 'delisted_confirmed'
                                   ELSE CASE WHEN nd.decision_id % 4 = 0 THEN 'refused' ELSE 'delisted' END END AS state) s`);
  await q(`INSERT INTO notice_events (notice_id, item_id, event, from_state, to_state, account_id, at)
    SELECT notice_id, NULL::bigint, 'create', NULL, 'draft', $1::bigint, t FROM ng
    UNION ALL SELECT notice_id, NULL::bigint, 'send', 'draft', 'sent', $1::bigint, t FROM ng`, [officers[0]]);
  await q(`INSERT INTO notice_events (notice_id, item_id, event, from_state, to_state, account_id, at)
    SELECT i.notice_id, i.id, CASE i.state WHEN 'refused' THEN 'reply_refused' ELSE 'reply_delisted' END, 'open', i.state, NULL, i.replied_at
    FROM notice_items i WHERE i.replied_at IS NOT NULL`);
  await q(`INSERT INTO cases (decision_id, source, note, opened_by, opened_at)
    SELECT d.id, 'officer', 'bench', d.decided_by, d.decided_at + interval '3 days' FROM review_decisions d WHERE d.decision = 'confirm' AND d.id % 20 = 0`);

  await q('ANALYZE');
  // The queue table was written row by row by its triggers; a long-lived database has been vacuumed since,
  // which lets a deep page read its keys from the index alone (autovacuum would do it a minute later).
  await q('VACUUM (ANALYZE) review_queue');
}

/** The officer accounts' ids, in order. */
export async function officerIds(db: Queryable): Promise<number[]> {
  return (await db.query(`SELECT id FROM accounts WHERE role = 'officer' ORDER BY id`)).rows.map((r) => Number(r.id));
}

/** Up to `n` listing ids spread over the table (every 997th), for requests that name a listing. */
export async function sampleListingIds(db: Queryable, n: number): Promise<number[]> {
  return (await db.query('SELECT id FROM listings WHERE id % 997 = 0 LIMIT $1', [n])).rows.map((r) => Number(r.id));
}

/** What the seeded database holds, for the bench's log line. */
export async function seededTotals(db: Queryable): Promise<{ listings: number; decisions: number; notices: number; items: number }> {
  const { rows } = await db.query(`SELECT (SELECT count(*) FROM listings) AS listings, (SELECT count(*) FROM review_decisions) AS decisions,
    (SELECT count(*) FROM notices) AS notices, (SELECT count(*) FROM notice_items) AS items`);
  return rows[0];
}
