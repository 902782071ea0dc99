-- Up Migration
-- Run bookkeeping at O(1) per job: counters per run and platform, updated in
-- the same statement as each item's state change; a run UUID that makes queue
-- job ids unique across databases sharing one Redis prefix; blocked and empty
-- outcomes told apart from failures.

ALTER TABLE scan_runs ADD COLUMN uuid uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE scan_runs ADD CONSTRAINT scan_runs_uuid_key UNIQUE (uuid);

ALTER TABLE search_pages DROP CONSTRAINT search_pages_status_check;
ALTER TABLE search_pages ADD CONSTRAINT search_pages_status_check
  CHECK (status IN ('queued', 'done', 'empty', 'failed', 'blocked'));

ALTER TABLE scan_run_listings DROP CONSTRAINT scan_run_listings_status_check;
ALTER TABLE scan_run_listings ADD CONSTRAINT scan_run_listings_status_check
  CHECK (status IN ('queued', 'captured', 'detected', 'gone', 'failed', 'blocked'));

-- One row per run and platform. `open` = search pages queued + listings not yet
-- in a final state; the run is finished when every platform's `open` is 0.
CREATE TABLE scan_run_counts (
  scan_run_id     bigint NOT NULL REFERENCES scan_runs(id) ON DELETE CASCADE,
  platform        text NOT NULL REFERENCES platforms(id),
  open            int NOT NULL DEFAULT 0,
  pages_queued    int NOT NULL DEFAULT 0,
  pages_done      int NOT NULL DEFAULT 0,
  pages_empty     int NOT NULL DEFAULT 0,
  pages_failed    int NOT NULL DEFAULT 0,
  pages_blocked   int NOT NULL DEFAULT 0,
  listings        int NOT NULL DEFAULT 0,
  listings_new    int NOT NULL DEFAULT 0,
  captured        int NOT NULL DEFAULT 0,
  in_detect       int NOT NULL DEFAULT 0,
  changed         int NOT NULL DEFAULT 0,
  detected        int NOT NULL DEFAULT 0,
  flagged         int NOT NULL DEFAULT 0,
  gone            int NOT NULL DEFAULT 0,
  failed          int NOT NULL DEFAULT 0,
  blocked         int NOT NULL DEFAULT 0,
  errors          jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (scan_run_id, platform)
);

ALTER TABLE scan_run_listings ADD COLUMN platform text;
UPDATE scan_run_listings srl SET platform = l.platform FROM listings l WHERE l.id = srl.listing_id;

-- The kinds of protected right (domain/asset-kind.ts is the source; a test
-- checks the two agree). Columns that name a kind reference this table.
CREATE TABLE asset_kinds (
  id       text PRIMARY KEY,
  label_zh text NOT NULL,
  label_en text NOT NULL
);
INSERT INTO asset_kinds (id, label_zh, label_en) VALUES
  ('trademark', '注册商标', 'trademark'), ('gi', '地理标志', 'geographical indication'), ('patent', '专利', 'patent');
ALTER TABLE verdict_matches DROP CONSTRAINT verdict_matches_asset_type_check;
ALTER TABLE verdict_matches ADD CONSTRAINT verdict_matches_asset_type_fkey FOREIGN KEY (asset_type) REFERENCES asset_kinds(id);
ALTER TABLE review_decisions DROP CONSTRAINT review_decisions_asset_type_check;
ALTER TABLE review_decisions ADD CONSTRAINT review_decisions_asset_type_fkey FOREIGN KEY (asset_type) REFERENCES asset_kinds(id);

-- Down Migration
ALTER TABLE scan_run_listings DROP COLUMN IF EXISTS platform;
DROP TABLE IF EXISTS scan_run_counts;
ALTER TABLE scan_run_listings DROP CONSTRAINT scan_run_listings_status_check;
ALTER TABLE scan_run_listings ADD CONSTRAINT scan_run_listings_status_check CHECK (status IN ('queued', 'captured', 'detected', 'gone', 'failed'));
ALTER TABLE search_pages DROP CONSTRAINT search_pages_status_check;
ALTER TABLE search_pages ADD CONSTRAINT search_pages_status_check CHECK (status IN ('queued', 'done', 'failed'));
ALTER TABLE scan_runs DROP COLUMN IF EXISTS uuid;
ALTER TABLE review_decisions DROP CONSTRAINT review_decisions_asset_type_fkey;
ALTER TABLE review_decisions ADD CONSTRAINT review_decisions_asset_type_check CHECK (asset_type IN ('trademark', 'gi', 'patent'));
ALTER TABLE verdict_matches DROP CONSTRAINT verdict_matches_asset_type_fkey;
ALTER TABLE verdict_matches ADD CONSTRAINT verdict_matches_asset_type_check CHECK (asset_type IN ('trademark', 'gi', 'patent'));
DROP TABLE IF EXISTS asset_kinds;
