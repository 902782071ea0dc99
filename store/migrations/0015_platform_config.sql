-- Up Migration
-- The platform's whole configuration was copied into platforms.config on
-- every start, session cookies and request headers included, and nothing
-- read it: the configuration files are the source (config/platforms/), the
-- table keeps what listings, notices and pages join on (id, name, fetch
-- mode, base URL). Secrets are not kept where nothing needs them.
ALTER TABLE platforms DROP COLUMN config;

-- Down Migration
-- Re-added empty: the secrets it held are not put back.
ALTER TABLE platforms ADD COLUMN config jsonb;
