-- Up Migration
-- Core schema: the register of rights, platforms, scan runs, listings with their
-- capture history, content-addressed evidence, and the detector's verdicts.

CREATE TABLE trademarks (
  id                 text PRIMARY KEY,
  reg_no             text NOT NULL,
  mark               text NOT NULL,
  aliases            text[] NOT NULL DEFAULT '{}',
  nice_classes       int[] NOT NULL DEFAULT '{}',
  goods              text[] NOT NULL DEFAULT '{}',
  owner              text NOT NULL,
  logo               text,
  authorized_sellers text[] NOT NULL DEFAULT '{}',
  valid_until        date,
  imported_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE geo_indications (
  id               text PRIMARY KEY,
  name             text NOT NULL,
  aliases          text[] NOT NULL DEFAULT '{}',
  category         text NOT NULL,
  province         text NOT NULL,
  city             text,
  counties         text[] NOT NULL DEFAULT '{}',
  authorized_users text[] NOT NULL DEFAULT '{}',
  announcement     text,
  imported_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE patents (
  id          text PRIMARY KEY,
  number      text NOT NULL UNIQUE,
  type        text NOT NULL CHECK (type IN ('invention', 'utility_model', 'design')),
  title       text NOT NULL,
  owner       text NOT NULL,
  licensees   text[] NOT NULL DEFAULT '{}',
  status      text NOT NULL CHECK (status IN ('valid', 'expired', 'invalid')),
  keywords    text[] NOT NULL DEFAULT '{}',
  imported_at timestamptz NOT NULL DEFAULT now()
);

-- One row per asset of any type, so matches and notices can reference an asset by id.
CREATE VIEW assets AS
  SELECT id, 'trademark'::text AS asset_type, mark AS name, reg_no AS reference, owner FROM trademarks
  UNION ALL
  SELECT id, 'gi', name, COALESCE(announcement, province || COALESCE(city, '')), array_to_string(authorized_users, '、') FROM geo_indications
  UNION ALL
  SELECT id, 'patent', title, number, owner FROM patents;

CREATE TABLE platforms (
  id         text PRIMARY KEY,
  name       text NOT NULL,
  fetch_mode text NOT NULL,
  base_url   text NOT NULL,
  config     jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE scan_runs (
  id          bigserial PRIMARY KEY,
  trigger     text NOT NULL DEFAULT 'manual',
  platforms   text[] NOT NULL,
  status      text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'finished', 'failed')),
  started_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  stats       jsonb NOT NULL DEFAULT '{}'
);

-- Every search page fetched in a run, so a run knows when its search phase is done
-- and so a re-delivered search job is recognised.
CREATE TABLE search_pages (
  scan_run_id bigint NOT NULL REFERENCES scan_runs(id) ON DELETE CASCADE,
  platform    text NOT NULL REFERENCES platforms(id),
  keyword     text NOT NULL,
  page        int NOT NULL,
  status      text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'done', 'failed')),
  found       int NOT NULL DEFAULT 0,
  error       text,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scan_run_id, platform, keyword, page)
);

CREATE TABLE listings (
  id                 bigserial PRIMARY KEY,
  platform           text NOT NULL REFERENCES platforms(id),
  listing_id         text NOT NULL,
  url                text NOT NULL,
  status             text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'gone', 'failed')),
  first_seen_at      timestamptz NOT NULL DEFAULT now(),
  last_seen_at       timestamptz,
  gone_at            timestamptz,
  last_scan_run_id   bigint REFERENCES scan_runs(id) ON DELETE SET NULL,
  current_capture_id bigint,
  last_error         text,
  UNIQUE (platform, listing_id)
);
CREATE UNIQUE INDEX listings_platform_url ON listings (platform, url);

-- A capture is one distinct state of a listing; an unchanged re-capture adds none.
CREATE TABLE captures (
  id             bigserial PRIMARY KEY,
  listing_id     bigint NOT NULL REFERENCES listings(id) ON DELETE CASCADE,
  scan_run_id    bigint REFERENCES scan_runs(id) ON DELETE SET NULL,
  captured_at    timestamptz NOT NULL,
  content_sha256 text NOT NULL,
  title          text NOT NULL,
  description    text NOT NULL DEFAULT '',
  price          numeric(14, 2),
  currency       text NOT NULL DEFAULT 'CNY',
  shop_id        text NOT NULL DEFAULT '',
  shop_name      text NOT NULL DEFAULT '',
  shop_location  text NOT NULL DEFAULT '',
  attributes     jsonb NOT NULL DEFAULT '{}',
  image_urls     text[] NOT NULL DEFAULT '{}',
  UNIQUE (listing_id, content_sha256)
);
ALTER TABLE listings ADD CONSTRAINT listings_current_capture_fk
  FOREIGN KEY (current_capture_id) REFERENCES captures(id) ON DELETE SET NULL;
CREATE INDEX captures_listing ON captures (listing_id, captured_at DESC);

-- Content-addressed evidence files; the bytes live on disk under the evidence root.
CREATE TABLE evidence_blobs (
  sha256     text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  media_type text NOT NULL,
  bytes      bigint NOT NULL,
  path       text NOT NULL,
  stored_at  timestamptz NOT NULL DEFAULT now()
);

-- Image facts, for logo and OCR stages.
CREATE TABLE images (
  sha256 text PRIMARY KEY REFERENCES evidence_blobs(sha256),
  width  int,
  height int,
  format text
);

-- Text read from an image (OCR), once per image content and engine.
CREATE TABLE image_texts (
  sha256  text NOT NULL REFERENCES evidence_blobs(sha256),
  engine  text NOT NULL,
  text    text NOT NULL,
  read_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sha256, engine)
);

-- Which evidence a capture cites: screenshot, html (as served), image (by position), record (json).
CREATE TABLE capture_evidence (
  capture_id bigint NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
  kind       text NOT NULL CHECK (kind IN ('screenshot', 'html', 'image', 'record')),
  position   int NOT NULL DEFAULT 0,
  sha256     text REFERENCES evidence_blobs(sha256),
  source_url text NOT NULL,
  fetched_at timestamptz NOT NULL,
  error      text,
  PRIMARY KEY (capture_id, kind, position)
);

-- The listings a scan run has to capture: found by its searches, or known from
-- earlier runs and due for re-capture. A listing is in a run once, however many
-- searches find it.
CREATE TABLE scan_run_listings (
  scan_run_id bigint NOT NULL REFERENCES scan_runs(id) ON DELETE CASCADE,
  listing_id  bigint NOT NULL REFERENCES listings(id) ON DELETE CASCADE,
  source      text NOT NULL CHECK (source IN ('search', 'recheck')),
  status      text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'captured', 'detected', 'gone', 'failed')),
  capture_id  bigint REFERENCES captures(id) ON DELETE SET NULL,
  error       text,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scan_run_id, listing_id)
);
CREATE INDEX scan_run_listings_status ON scan_run_listings (scan_run_id, status);

CREATE TABLE verdicts (
  id               bigserial PRIMARY KEY,
  capture_id       bigint NOT NULL UNIQUE REFERENCES captures(id) ON DELETE CASCADE,
  listing_id       bigint NOT NULL REFERENCES listings(id) ON DELETE CASCADE,
  suspect          boolean NOT NULL,
  score            real NOT NULL,
  detector_version text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX verdicts_listing ON verdicts (listing_id, created_at DESC);
CREATE INDEX verdicts_suspect ON verdicts (suspect, score DESC) WHERE suspect;

CREATE TABLE verdict_matches (
  id         bigserial PRIMARY KEY,
  verdict_id bigint NOT NULL REFERENCES verdicts(id) ON DELETE CASCADE,
  asset_id   text NOT NULL,
  asset_type text NOT NULL CHECK (asset_type IN ('trademark', 'gi', 'patent')),
  signal     text NOT NULL,
  score      real NOT NULL,
  evidence   text NOT NULL
);
CREATE INDEX verdict_matches_verdict ON verdict_matches (verdict_id);
CREATE INDEX verdict_matches_asset ON verdict_matches (asset_id);

-- Down Migration
DROP TABLE IF EXISTS verdict_matches, verdicts, scan_run_listings, capture_evidence, image_texts, images, evidence_blobs CASCADE;
ALTER TABLE IF EXISTS listings DROP CONSTRAINT IF EXISTS listings_current_capture_fk;
DROP TABLE IF EXISTS captures, listings, search_pages, scan_runs, platforms CASCADE;
DROP VIEW IF EXISTS assets;
DROP TABLE IF EXISTS patents, geo_indications, trademarks CASCADE;
