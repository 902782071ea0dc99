-- Up Migration
-- Issue 21: each kind of right is a plug-in (kinds/<kind>.kind.ts). What SQL
-- must list per kind lives in asset_kinds, one row per kind, and is built from
-- there by install_right_kind(): the assets view (one row per right of any
-- kind, for names beside matches) and the review queue's register triggers.
-- A new kind's migration creates its table and calls install_right_kind once;
-- test/kinds/kind.registry.test.ts checks the rows against the kind modules.

ALTER TABLE asset_kinds
  ADD COLUMN register_table text,
  ADD COLUMN name_sql       text,
  ADD COLUMN reference_sql  text,
  ADD COLUMN owner_sql      text;

-- (Re)builds the assets view from every kind in asset_kinds, in id order.
CREATE FUNCTION rebuild_assets_view() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  parts text[];
BEGIN
  SELECT array_agg(format('SELECT id::text, %L::text AS asset_type, (%s)::text AS name, (%s)::text AS reference, (%s)::text AS owner FROM %I',
                          id, name_sql, reference_sql, owner_sql, register_table) ORDER BY id)
    INTO parts FROM asset_kinds WHERE register_table IS NOT NULL;
  EXECUTE 'CREATE OR REPLACE VIEW assets AS ' || array_to_string(parts, ' UNION ALL ');
END $$;

-- Adds (or updates) a kind: its row, the assets view, and the statement
-- triggers that keep review_queue's register names current (0012).
CREATE FUNCTION install_right_kind(kind text, zh text, en text, tbl text, name_sql text, reference_sql text, owner_sql text)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO asset_kinds (id, label_zh, label_en, register_table, name_sql, reference_sql, owner_sql)
  VALUES (kind, zh, en, tbl, name_sql, reference_sql, owner_sql)
  ON CONFLICT (id) DO UPDATE SET label_zh = EXCLUDED.label_zh, label_en = EXCLUDED.label_en, register_table = EXCLUDED.register_table,
    name_sql = EXCLUDED.name_sql, reference_sql = EXCLUDED.reference_sql, owner_sql = EXCLUDED.owner_sql;
  PERFORM rebuild_assets_view();
  EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', tbl || '_review_queue_ins', tbl);
  EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', tbl || '_review_queue_del', tbl);
  EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', tbl || '_review_queue_upd', tbl);
  EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION review_queue_on_register()',
                 tbl || '_review_queue_ins', tbl);
  EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION review_queue_on_register()',
                 tbl || '_review_queue_del', tbl);
  EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION review_queue_on_register()',
                 tbl || '_review_queue_upd', tbl);
END $$;

-- The built-in kinds, as kinds/trademark.kind.ts, gi.kind.ts and patent.kind.ts declare them.
SELECT install_right_kind('trademark', '注册商标', 'trademark', 'trademarks', 'mark', 'reg_no', 'owner');
SELECT install_right_kind('gi', '地理标志', 'geographical indication', 'geo_indications', 'name',
                          'COALESCE(announcement, province || COALESCE(city, ''''))', 'array_to_string(authorized_users, ''、'')');
SELECT install_right_kind('patent', '专利', 'patent', 'patents', 'title', 'number', 'owner');

-- Down Migration
DROP FUNCTION IF EXISTS install_right_kind(text, text, text, text, text, text, text);
DROP FUNCTION IF EXISTS rebuild_assets_view();
ALTER TABLE asset_kinds DROP COLUMN IF EXISTS register_table, DROP COLUMN IF EXISTS name_sql,
  DROP COLUMN IF EXISTS reference_sql, DROP COLUMN IF EXISTS owner_sql;
