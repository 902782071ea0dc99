-- Up Migration
-- Logo matching is the costliest step per image; its outcome depends only on
-- the image's bytes and the logo index it was matched against. A nightly
-- re-scan sees mostly the same images again: each is matched once per index.
-- `index_key` names the matcher version and the register the index was built
-- from; a new register (or matcher) gives a new key, and old rows are simply
-- never asked for again.
CREATE TABLE logo_matches (
  sha256     text NOT NULL,
  index_key  text NOT NULL,
  result     jsonb NOT NULL,
  matched_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sha256, index_key)
);

-- Down Migration
DROP TABLE IF EXISTS logo_matches;
