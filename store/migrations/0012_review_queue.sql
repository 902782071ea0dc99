-- Up Migration
-- Issue 13 (load): the review queue as a maintained table, one narrow row per
-- listing waiting for review, so every filter, order and deep page walks one
-- small index instead of joining listings, captures, verdicts, matches,
-- decisions and notice items over the whole history.
--
-- What the queue is lives in one place, the view review_queue_source: a
-- listing whose current capture has a suspect verdict, no decision on that
-- capture, not gone, and no notice item on it still in progress. The table is
-- that view kept up to date by statement triggers on every table the view
-- reads (and on the register, whose names it shows), in the writing
-- transaction (so a committed write is in the queue at once). test/store/review-queue.repository.test.ts compares the two.

CREATE VIEW review_queue_source AS
  SELECT l.id AS listing_id, l.platform, l.listing_id AS platform_listing_id, l.url, l.status,
         c.id AS capture_id, c.captured_at, c.title, c.shop_name, c.shop_location, c.price,
         v.id AS verdict_id, v.score, v.created_at AS flagged_at,
         ARRAY(SELECT DISTINCT m.asset_type FROM verdict_matches m WHERE m.verdict_id = v.id ORDER BY 1) AS asset_types,
         ARRAY(SELECT DISTINCT m.asset_id FROM verdict_matches m WHERE m.verdict_id = v.id ORDER BY 1) AS asset_ids,
         -- What the queue page shows of each match, best first, with its register entry's name (json keeps the key order).
         (SELECT COALESCE(json_agg(json_build_object(
                   'assetId', m.asset_id, 'assetType', m.asset_type, 'signal', m.signal, 'score', m.score,
                   'evidence', m.evidence, 'assetName', a.name, 'reference', a.reference, 'owner', a.owner)
                   ORDER BY m.score DESC, m.id), '[]'::json)
          FROM verdict_matches m LEFT JOIN assets a ON a.id = m.asset_id AND a.asset_type = m.asset_type
          WHERE m.verdict_id = v.id) AS matches
  FROM listings l
  JOIN captures c ON c.id = l.current_capture_id
  JOIN verdicts v ON v.capture_id = l.current_capture_id AND v.suspect
  WHERE l.status <> 'gone'
    AND NOT EXISTS (SELECT 1 FROM review_decisions d WHERE d.capture_id = l.current_capture_id)
    AND NOT EXISTS (SELECT 1 FROM notice_items i WHERE i.listing_id = l.id
                    AND i.state IN ('open', 'delisted', 'overdue', 'countered', 'refused'));

CREATE TABLE review_queue (
  listing_id          bigint PRIMARY KEY REFERENCES listings(id) ON DELETE CASCADE,
  platform            text NOT NULL,
  platform_listing_id text NOT NULL,
  url                 text NOT NULL,
  status              text NOT NULL,
  capture_id          bigint NOT NULL,
  captured_at         timestamptz NOT NULL,
  title               text NOT NULL,
  shop_name           text NOT NULL,
  shop_location       text NOT NULL,
  price               numeric(14, 2),
  verdict_id          bigint NOT NULL,
  score               real NOT NULL,
  flagged_at          timestamptz NOT NULL,
  -- Every IP type and asset the verdict matched (the filters ask for any match, not only the primary one).
  asset_types         text[] NOT NULL,
  asset_ids           text[] NOT NULL,
  matches             json NOT NULL
);
-- The queue's orders (api: sort=score|date, dir=asc|desc), with and without the platform filter.
CREATE INDEX review_queue_by_score ON review_queue (score DESC, captured_at DESC, listing_id);
CREATE INDEX review_queue_by_platform_score ON review_queue (platform, score DESC, captured_at DESC, listing_id);
CREATE INDEX review_queue_by_date_desc ON review_queue (captured_at DESC, score DESC, listing_id);
CREATE INDEX review_queue_by_date_asc ON review_queue (captured_at ASC, score DESC, listing_id);
-- An asset filter is selective: find its rows, then order the few of them.
CREATE INDEX review_queue_asset_ids ON review_queue USING gin (asset_ids);

-- A page is one index range of this table: what it shows is in the row (a copy of the listing's
-- current capture, verdict and matches), so no page joins the history.

-- Recomputes the queue rows of these listings from the view.
CREATE FUNCTION review_queue_sync(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  -- Two transactions writing about one listing (a decision and a notice item, a new verdict and a
  -- decision) must not each compute its row without seeing the other's write: the listing row lock
  -- makes the second wait for the first to commit, and the next statements then read what it wrote.
  -- Ordered by id so that two multi-listing writers take the locks in the same order.
  PERFORM 1 FROM listings WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
  DELETE FROM review_queue WHERE listing_id = ANY(ids);
  INSERT INTO review_queue SELECT * FROM review_queue_source WHERE listing_id = ANY(ids);
END $$;

-- One trigger function per table (each knows how its rows name a listing); the transition tables
-- old_rows / new_rows hold every row the statement wrote.
CREATE FUNCTION review_queue_on_listings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM review_queue_sync(ARRAY(SELECT id FROM new_rows));
  ELSE
    -- Re-captures touch last_seen_at on every listing; only these columns change the queue.
    PERFORM review_queue_sync(ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n.status IS DISTINCT FROM o.status OR n.current_capture_id IS DISTINCT FROM o.current_capture_id
         OR n.platform IS DISTINCT FROM o.platform OR n.url IS DISTINCT FROM o.url OR n.listing_id IS DISTINCT FROM o.listing_id));
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION review_queue_on_listing_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- captures, verdicts, review_decisions and notice_items all carry listing_id.
  IF TG_OP = 'INSERT' THEN
    PERFORM review_queue_sync(ARRAY(SELECT DISTINCT listing_id FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM review_queue_sync(ARRAY(SELECT listing_id FROM new_rows UNION SELECT listing_id FROM old_rows));
  ELSE
    PERFORM review_queue_sync(ARRAY(SELECT DISTINCT listing_id FROM old_rows));
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION review_queue_on_matches() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A match deleted with its verdict finds no verdict here; the verdict's own trigger syncs that listing.
  IF TG_OP = 'INSERT' THEN
    PERFORM review_queue_sync(ARRAY(SELECT DISTINCT v.listing_id FROM new_rows m JOIN verdicts v ON v.id = m.verdict_id));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM review_queue_sync(ARRAY(SELECT v.listing_id FROM (SELECT verdict_id FROM new_rows UNION SELECT verdict_id FROM old_rows) m
      JOIN verdicts v ON v.id = m.verdict_id));
  ELSE
    PERFORM review_queue_sync(ARRAY(SELECT DISTINCT v.listing_id FROM old_rows m JOIN verdicts v ON v.id = m.verdict_id));
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION review_queue_on_register() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A register entry changes only the names shown beside the matches, never who is queued.
  IF TG_OP = 'DELETE' THEN
    PERFORM review_queue_sync(ARRAY(SELECT listing_id FROM review_queue WHERE asset_ids && ARRAY(SELECT id FROM old_rows)));
  ELSE
    PERFORM review_queue_sync(ARRAY(SELECT listing_id FROM review_queue WHERE asset_ids && ARRAY(SELECT id FROM new_rows)));
  END IF;
  RETURN NULL;
END $$;

DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES ('listings', 'review_queue_on_listings'), ('captures', 'review_queue_on_listing_rows'),
                                 ('verdicts', 'review_queue_on_listing_rows'), ('review_decisions', 'review_queue_on_listing_rows'),
                                 ('notice_items', 'review_queue_on_listing_rows'), ('verdict_matches', 'review_queue_on_matches'),
                                 ('trademarks', 'review_queue_on_register'), ('geo_indications', 'review_queue_on_register'),
                                 ('patents', 'review_queue_on_register')) AS x(tbl, fn) LOOP
    -- A listing is in no queue before it exists, so captures need no insert trigger (its listing's
    -- current_capture_id moves after); what the page shows of a capture is in the row, hence its updates.
    IF t.tbl <> 'captures' THEN
      EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()',
                     t.tbl || '_review_queue_ins', t.tbl, t.fn);
      EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()',
                     t.tbl || '_review_queue_del', t.tbl, t.fn);
    END IF;
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()',
                   t.tbl || '_review_queue_upd', t.tbl, t.fn);
  END LOOP;
END $$;

INSERT INTO review_queue SELECT * FROM review_queue_source;
ANALYZE review_queue;

-- Down Migration
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['listings', 'captures', 'verdicts', 'review_decisions', 'notice_items', 'verdict_matches',
                            'trademarks', 'geo_indications', 'patents'] LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_review_queue_ins', t);
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_review_queue_del', t);
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_review_queue_upd', t);
  END LOOP;
END $$;
DROP FUNCTION IF EXISTS review_queue_on_register();
DROP FUNCTION IF EXISTS review_queue_on_matches();
DROP FUNCTION IF EXISTS review_queue_on_listing_rows();
DROP FUNCTION IF EXISTS review_queue_on_listings();
DROP FUNCTION IF EXISTS review_queue_sync(bigint[]);
DROP TABLE IF EXISTS review_queue;
DROP VIEW IF EXISTS review_queue_source;
