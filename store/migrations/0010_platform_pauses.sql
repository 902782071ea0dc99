-- Up Migration
-- A platform paused by its circuit breaker (it kept answering "blocked"):
-- recorded so the officer's page says so, not only a worker's log.
CREATE TABLE platform_pauses (
  id        bigserial PRIMARY KEY,
  platform  text NOT NULL,
  reason    text NOT NULL,
  paused_at timestamptz NOT NULL DEFAULT now(),
  until     timestamptz NOT NULL
);
CREATE INDEX platform_pauses_until ON platform_pauses (until DESC);

-- Down Migration
DROP TABLE IF EXISTS platform_pauses;
