-- Up Migration
-- Issue 13 (security and load): indexes for the session sweep and the review
-- queue at 100,000 listings, and a version of the review data for caching.

-- Expired sessions are deleted at each login (enforcement/account.service.ts).
CREATE INDEX IF NOT EXISTS sessions_expires ON sessions (expires_at);

-- The review queue walks suspect verdicts best-first and finds the listing whose current capture it judges.
CREATE INDEX IF NOT EXISTS listings_current_capture ON listings (current_capture_id);

-- Queue filters by IP type or asset: the matching verdicts from the index alone, not a scan of every match.
CREATE INDEX IF NOT EXISTS verdict_matches_type_verdict ON verdict_matches (asset_type, verdict_id);
CREATE INDEX IF NOT EXISTS verdict_matches_asset_verdict ON verdict_matches (asset_id, verdict_id);

-- Refusals and counter-notices are counted per item.
CREATE INDEX IF NOT EXISTS notice_events_item ON notice_events (item_id) WHERE item_id IS NOT NULL;

-- A version of the review data: every statement that writes a table the review queue or the
-- statistics read advances it. The API reuses a computed queue total or statistics table while
-- it is unchanged. A sequence, not a counter row, so concurrent writers never wait on each other.
CREATE SEQUENCE IF NOT EXISTS review_data_version;
CREATE OR REPLACE FUNCTION bump_review_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('review_data_version');
  RETURN NULL;
END $$;
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['listings', 'captures', 'verdicts', 'verdict_matches', 'review_decisions', 'cases',
                           'notices', 'notice_items', 'notice_events', 'platforms'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION bump_review_data_version()',
                   t || '_bump_review_data_version', t);
  END LOOP;
END $$;

-- Down Migration
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['listings', 'captures', 'verdicts', 'verdict_matches', 'review_decisions', 'cases',
                           'notices', 'notice_items', 'notice_events', 'platforms'] LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_bump_review_data_version', t);
  END LOOP;
END $$;
DROP FUNCTION IF EXISTS bump_review_data_version();
DROP SEQUENCE IF EXISTS review_data_version;
DROP INDEX IF EXISTS notice_events_item, verdict_matches_asset_verdict, verdict_matches_type_verdict, listings_current_capture, sessions_expires;
