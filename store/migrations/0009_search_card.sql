-- Up Migration
-- What the platform's search card showed for a listing (price, shop location…):
-- the capture merges it in where the item page lacks the field.
ALTER TABLE listings ADD COLUMN card jsonb;

-- Down Migration
ALTER TABLE listings DROP COLUMN IF EXISTS card;
