-- Up Migration
-- Issue 21: one name, one meaning.
--
-- `listing_id` named two things: the platform's own id of a listing (text, in
-- `listings`) and the foreign key to `listings.id` (bigint, in captures,
-- verdicts, scan_run_listings, review_decisions, notice_items, review_queue).
-- The platform's id is now `platform_listing_id`, as review_queue already
-- called it; `listing_id` is only ever the foreign key. Views follow a rename;
-- plpgsql bodies are compiled on first use and do not, so the one that reads
-- the column (review_queue_on_listings) is recreated.
ALTER TABLE listings RENAME COLUMN listing_id TO platform_listing_id;
ALTER TABLE listings RENAME CONSTRAINT listings_platform_listing_id_key TO listings_platform_platform_listing_id_key;

CREATE OR REPLACE FUNCTION review_queue_on_listings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM review_queue_sync(ARRAY(SELECT id FROM new_rows));
  ELSE
    -- Re-captures touch last_seen_at on every listing; only these columns change the queue.
    PERFORM review_queue_sync(ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n.status IS DISTINCT FROM o.status OR n.current_capture_id IS DISTINCT FROM o.current_capture_id
         OR n.platform IS DISTINCT FROM o.platform OR n.url IS DISTINCT FROM o.url
         OR n.platform_listing_id IS DISTINCT FROM o.platform_listing_id));
  END IF;
  RETURN NULL;
END $$;

-- Which procedure drew a screenshot (domain/evidence.provenance.ts holds the
-- codes and what each means; test/store/evidence-provenance.test.ts checks this
-- list against them). Before, a screenshot Chromium drew at capture time from
-- the served HTML with its images loaded live, and one the evidence worker drew
-- later from the stored HTML and stored images only, were both recorded as
-- "rendered from the stored HTML" (rendered_from set).
ALTER TABLE capture_evidence ADD COLUMN provenance text;
-- Rows from before: a screenshot naming no HTML came from a live page load; one
-- naming it was drawn either in the capture's own load (fetched at the capture's
-- time) or later by the evidence worker (fetched when drawn).
UPDATE capture_evidence e SET provenance = CASE
    WHEN e.rendered_from IS NULL THEN 'live-page'
    WHEN e.fetched_at = c.captured_at THEN 'stored-html-live-assets'
    ELSE 'stored-page' END
  FROM captures c WHERE c.id = e.capture_id AND e.kind = 'screenshot';
ALTER TABLE capture_evidence ADD CONSTRAINT capture_evidence_provenance CHECK (
  CASE WHEN kind = 'screenshot' THEN provenance IS NOT NULL AND provenance IN ('live-page', 'stored-html-live-assets', 'stored-page')
       ELSE provenance IS NULL END);

-- Down Migration
ALTER TABLE capture_evidence DROP CONSTRAINT IF EXISTS capture_evidence_provenance;
ALTER TABLE capture_evidence DROP COLUMN IF EXISTS provenance;

ALTER TABLE listings RENAME CONSTRAINT listings_platform_platform_listing_id_key TO listings_platform_listing_id_key;
ALTER TABLE listings RENAME COLUMN platform_listing_id TO listing_id;

CREATE OR REPLACE FUNCTION review_queue_on_listings() RETURNS trigger LANGUAGE plpgsql AS $$
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
