-- Up Migration
-- scan_run_listings gains a row per listing per run, re-checks included, and
-- nothing was ever deleted (a nightly re-check of everything reaches tens of
-- GB a month). It becomes a table partitioned by range of scan_run_id: every
-- query of it names the run (so each reads one partition), the primary key
-- (scan_run_id, listing_id) already holds the partition key, and a run's rows
-- all land in one partition, so retention drops whole partitions of old runs
-- (DROP TABLE, no DELETE and no vacuum debt). store/run-retention.repository.ts
-- creates the partitions ahead of the run id sequence and drops old ones
-- (`ipwatch prune`, and the daily maintenance job); the DEFAULT partition only
-- catches a run created before its partition was (retention moves such rows).
-- Partitions here are 100 run ids wide (retention.runsPerPartition's default).

ALTER TABLE scan_run_listings RENAME TO scan_run_listings_old;
ALTER INDEX scan_run_listings_pkey RENAME TO scan_run_listings_old_pkey;
ALTER INDEX scan_run_listings_status RENAME TO scan_run_listings_old_status;
-- Freed so the new table's constraints get the same names as before (Postgres
-- picks a fresh name while another constraint of the schema holds it).
ALTER TABLE scan_run_listings_old DROP CONSTRAINT scan_run_listings_source_check, DROP CONSTRAINT scan_run_listings_status_check,
  DROP CONSTRAINT scan_run_listings_scan_run_id_fkey, DROP CONSTRAINT scan_run_listings_listing_id_fkey,
  DROP CONSTRAINT scan_run_listings_capture_id_fkey;

CREATE TABLE scan_run_listings (
  scan_run_id bigint NOT NULL REFERENCES scan_runs(id) ON DELETE CASCADE,
  listing_id  bigint NOT NULL REFERENCES listings(id) ON DELETE CASCADE,
  source      text NOT NULL CHECK (source IN ('search', 'recheck', 'seed')),
  status      text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'captured', 'detected', 'gone', 'failed', 'blocked')),
  capture_id  bigint REFERENCES captures(id) ON DELETE SET NULL,
  error       text,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  platform    text,
  PRIMARY KEY (scan_run_id, listing_id)
) PARTITION BY RANGE (scan_run_id);
CREATE INDEX scan_run_listings_status ON scan_run_listings (scan_run_id, status);
CREATE TABLE scan_run_listings_default PARTITION OF scan_run_listings DEFAULT;

-- The runs so far in one partition, and the next range ready.
DO $$
DECLARE
  w CONSTANT bigint := 100;
  hi bigint := ((COALESCE((SELECT max(id) FROM scan_runs), 0) / w) + 1) * w;
BEGIN
  EXECUTE format('CREATE TABLE %I PARTITION OF scan_run_listings FOR VALUES FROM (1) TO (%s)',
    'scan_run_listings_r' || lpad('1', 12, '0'), hi);
  EXECUTE format('CREATE TABLE %I PARTITION OF scan_run_listings FOR VALUES FROM (%s) TO (%s)',
    'scan_run_listings_r' || lpad(hi::text, 12, '0'), hi, hi + w);
END $$;

INSERT INTO scan_run_listings (scan_run_id, listing_id, source, status, capture_id, error, updated_at, platform)
  SELECT scan_run_id, listing_id, source, status, capture_id, error, updated_at, platform FROM scan_run_listings_old;
DROP TABLE scan_run_listings_old;

-- Down Migration
ALTER TABLE scan_run_listings RENAME TO scan_run_listings_parted;
ALTER INDEX scan_run_listings_pkey RENAME TO scan_run_listings_parted_pkey;
ALTER INDEX scan_run_listings_status RENAME TO scan_run_listings_parted_status;
ALTER TABLE scan_run_listings_parted DROP CONSTRAINT scan_run_listings_source_check, DROP CONSTRAINT scan_run_listings_status_check,
  DROP CONSTRAINT scan_run_listings_scan_run_id_fkey, DROP CONSTRAINT scan_run_listings_listing_id_fkey,
  DROP CONSTRAINT scan_run_listings_capture_id_fkey;
CREATE TABLE scan_run_listings (
  scan_run_id bigint NOT NULL REFERENCES scan_runs(id) ON DELETE CASCADE,
  listing_id  bigint NOT NULL REFERENCES listings(id) ON DELETE CASCADE,
  source      text NOT NULL CHECK (source IN ('search', 'recheck', 'seed')),
  status      text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'captured', 'detected', 'gone', 'failed', 'blocked')),
  capture_id  bigint REFERENCES captures(id) ON DELETE SET NULL,
  error       text,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  platform    text,
  PRIMARY KEY (scan_run_id, listing_id)
);
CREATE INDEX scan_run_listings_status ON scan_run_listings (scan_run_id, status);
INSERT INTO scan_run_listings SELECT scan_run_id, listing_id, source, status, capture_id, error, updated_at, platform FROM scan_run_listings_parted;
DROP TABLE scan_run_listings_parted;
