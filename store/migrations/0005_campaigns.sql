-- Up Migration
-- Campaigns (issue 15): what a bureau scans on a schedule. A campaign names
-- register entries (or all of them), platforms (or all), extra keywords and
-- item URLs, a search depth and a cron schedule in a time zone. Runs record
-- which campaign started them; a campaign never has two runs at once.

CREATE TABLE campaigns (
  id          bigserial PRIMARY KEY,
  name        text NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  description text NOT NULL DEFAULT '',
  -- Register entry ids (trademark, GI or patent ids); NULL = the whole register.
  asset_ids   text[],
  -- Platform ids; '{*}' = every enabled platform.
  platforms   text[] NOT NULL DEFAULT '{*}' CHECK (cardinality(platforms) > 0),
  keywords    text[] NOT NULL DEFAULT '{}',
  urls        text[] NOT NULL DEFAULT '{}',
  -- Result pages per keyword and platform; NULL = the config's crawler.maxPagesPerKeyword.
  depth       int CHECK (depth BETWEEN 1 AND 100),
  -- Five-field cron (or six with seconds first); NULL = run only on demand.
  cron        text,
  timezone    text NOT NULL DEFAULT 'Asia/Shanghai',
  enabled     boolean NOT NULL DEFAULT true,
  created_by  bigint REFERENCES accounts(id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE scan_runs ADD COLUMN campaign_id bigint REFERENCES campaigns(id) ON DELETE SET NULL;
-- The run's search depth (result pages per keyword and platform), kept for a resumed run.
ALTER TABLE scan_runs ADD COLUMN depth int;
-- When the start job had recorded the run's work (pages, seeds, rechecks); NULL = not yet, so a
-- restart re-enqueues the start job rather than closing an empty run.
ALTER TABLE scan_runs ADD COLUMN work_created_at timestamptz;
CREATE INDEX scan_runs_campaign ON scan_runs (campaign_id, id DESC);
-- The campaign lock: at most one running run per campaign, enforced by Postgres.
CREATE UNIQUE INDEX scan_runs_one_running_per_campaign ON scan_runs (campaign_id) WHERE status = 'running';
CREATE INDEX scan_runs_status ON scan_runs (status) WHERE status = 'running';

-- Item URLs given to a run (campaign or one-off) become run listings with source 'seed'.
ALTER TABLE scan_run_listings DROP CONSTRAINT IF EXISTS scan_run_listings_source_check;
ALTER TABLE scan_run_listings ADD CONSTRAINT scan_run_listings_source_check CHECK (source IN ('search', 'recheck', 'seed'));

-- Down Migration
UPDATE scan_run_listings SET source = 'search' WHERE source = 'seed';
ALTER TABLE scan_run_listings DROP CONSTRAINT IF EXISTS scan_run_listings_source_check;
ALTER TABLE scan_run_listings ADD CONSTRAINT scan_run_listings_source_check CHECK (source IN ('search', 'recheck'));
DROP INDEX IF EXISTS scan_runs_status;
DROP INDEX IF EXISTS scan_runs_one_running_per_campaign;
DROP INDEX IF EXISTS scan_runs_campaign;
ALTER TABLE scan_runs DROP COLUMN IF EXISTS campaign_id;
ALTER TABLE scan_runs DROP COLUMN IF EXISTS depth;
ALTER TABLE scan_runs DROP COLUMN IF EXISTS work_created_at;
DROP TABLE IF EXISTS campaigns;
