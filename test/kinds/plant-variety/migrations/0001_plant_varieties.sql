-- Up Migration
-- The plant variety right's register table (test/kinds/plant-variety), installed as a kind of right.
CREATE TABLE plant_varieties (
  id           text PRIMARY KEY,
  grant_no     text NOT NULL UNIQUE,
  denomination text NOT NULL,
  species      text NOT NULL,
  holder       text NOT NULL,
  licensees    text[] NOT NULL DEFAULT '{}',
  imported_at  timestamptz NOT NULL DEFAULT now()
);
SELECT install_right_kind('plant_variety', '植物新品种权', 'plant variety right', 'plant_varieties', 'denomination', 'grant_no', 'holder');

-- Down Migration
DELETE FROM asset_kinds WHERE id = 'plant_variety';
SELECT rebuild_assets_view();
DROP TABLE IF EXISTS plant_varieties;
