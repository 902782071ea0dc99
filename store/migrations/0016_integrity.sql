-- Up Migration
-- audit_log was append-only by comment only: the application's own
-- credentials could UPDATE, DELETE or TRUNCATE it. These statement triggers
-- refuse all three for every role that does not first drop or disable them
-- (only the table's owner or a superuser can: run the application as a role
-- that does not own the tables to close that too).
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused (审计日志只能追加，不能修改或删除)', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'audit entries are written once by the services and never changed';
END;
$$;
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Which installation a database is. Workers of two installs sharing one Redis
-- queue prefix took each other's jobs (a stale worker rewrote another
-- database's verdicts): every job now carries this identity and a worker
-- refuses a job whose identity is not its database's. One row, made at the
-- first migrate; a database cloned from another (CREATE DATABASE ... TEMPLATE)
-- keeps the row, so the identity the code uses is this id with
-- current_database() (store/install.repository.ts).
CREATE TABLE install_identity (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  id         uuid NOT NULL DEFAULT gen_random_uuid(),
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO install_identity DEFAULT VALUES;

-- Down Migration
DROP TABLE IF EXISTS install_identity;
DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log;
DROP TRIGGER IF EXISTS audit_log_no_update_delete ON audit_log;
DROP FUNCTION IF EXISTS audit_log_append_only();
