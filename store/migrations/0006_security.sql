-- Up Migration
-- Issue 13 (security and load): indexes for the session sweep, the review
-- queue at 100,000 listings, and the statistics' change fingerprint.

-- Expired sessions are deleted at each login (enforcement/account.service.ts).
CREATE INDEX IF NOT EXISTS sessions_expires ON sessions (expires_at);

-- The review queue walks suspect verdicts best-first and finds the listing whose current capture it judges.
CREATE INDEX IF NOT EXISTS listings_current_capture ON listings (current_capture_id);

-- statsVersion(): max(updated_at) by index, not by scanning the notices.
CREATE INDEX IF NOT EXISTS notices_updated ON notices (updated_at);
CREATE INDEX IF NOT EXISTS notice_items_updated ON notice_items (updated_at);

-- Refusals and counter-notices are counted per item.
CREATE INDEX IF NOT EXISTS notice_events_item ON notice_events (item_id) WHERE item_id IS NOT NULL;

-- Down Migration
DROP INDEX IF EXISTS notice_events_item, notice_items_updated, notices_updated, listings_current_capture, sessions_expires;
