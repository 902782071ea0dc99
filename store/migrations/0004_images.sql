-- Up Migration
-- Images beyond OCR: perceptual hashes of every listing image (reuse of a
-- confirmed counterfeit's photo), refused images with their reason, the
-- text-presence skip, and where in an image a logo was seen.

-- pHash/dHash as signed 64-bit integers; b0..b3 are the pHash's four 16-bit
-- bands (multi-index lookup: two hashes within 3 bits share at least one band).
CREATE TABLE image_hashes (
  sha256    text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  phash     bigint NOT NULL,
  dhash     bigint NOT NULL,
  b0        int NOT NULL,
  b1        int NOT NULL,
  b2        int NOT NULL,
  b3        int NOT NULL,
  hashed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX image_hashes_b0 ON image_hashes (b0);
CREATE INDEX image_hashes_b1 ON image_hashes (b1);
CREATE INDEX image_hashes_b2 ON image_hashes (b2);
CREATE INDEX image_hashes_b3 ON image_hashes (b3);

-- An image refused by the image guard (corrupt, wrong type, empty, bomb, too large).
-- The listing is judged without it.
CREATE TABLE image_refusals (
  id         bigserial PRIMARY KEY,
  capture_id bigint REFERENCES captures(id) ON DELETE CASCADE,
  sha256     text,
  source_url text NOT NULL,
  code       text NOT NULL CHECK (code IN ('empty', 'too-many-bytes', 'unsupported-type', 'corrupt', 'too-many-pixels', 'too-large-dimensions', 'unreadable')),
  reason     text NOT NULL,
  refused_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX image_refusals_capture ON image_refusals (capture_id);
CREATE INDEX image_refusals_sha256 ON image_refusals (sha256);

-- Why OCR did not read an image (e.g. 'no-text': the text-presence test found none); NULL = read.
ALTER TABLE image_texts ADD COLUMN skipped text;

-- Image evidence of a match: which image, the box (x,y,w,h in image pixels), and the
-- confirmed listing an image was reused from.
ALTER TABLE verdict_matches ADD COLUMN image_ref text;
ALTER TABLE verdict_matches ADD COLUMN box jsonb;
ALTER TABLE verdict_matches ADD COLUMN related_listing jsonb;

-- Down Migration
ALTER TABLE verdict_matches DROP COLUMN IF EXISTS related_listing;
ALTER TABLE verdict_matches DROP COLUMN IF EXISTS box;
ALTER TABLE verdict_matches DROP COLUMN IF EXISTS image_ref;
ALTER TABLE image_texts DROP COLUMN IF EXISTS skipped;
DROP TABLE IF EXISTS image_refusals, image_hashes;
