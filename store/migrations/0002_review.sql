-- Up Migration
-- Review and takedown: accounts and sessions, officers' decisions, cases,
-- takedown notices with their items and event history, and the audit log.

CREATE TABLE accounts (
  id            bigserial PRIMARY KEY,
  username      text NOT NULL UNIQUE CHECK (username ~ '^[A-Za-z0-9._@-]{2,64}$'),
  display_name  text NOT NULL DEFAULT '',
  role          text NOT NULL CHECK (role IN ('officer', 'platform', 'admin')),
  -- A platform account answers for exactly one platform; other roles for none.
  platform      text REFERENCES platforms(id),
  -- scrypt$N$r$p$salt(base64)$hash(base64)
  password_hash text NOT NULL,
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((role = 'platform') = (platform IS NOT NULL))
);

-- Bearer tokens and session cookies; only the SHA-256 of the token is stored.
CREATE TABLE sessions (
  token_hash   text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  account_id   bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

-- One decision per capture: the officer judged exactly this state of the listing.
-- The verdict's matches are copied so a later re-detection cannot change what was decided.
CREATE TABLE review_decisions (
  id          bigserial PRIMARY KEY,
  listing_id  bigint NOT NULL REFERENCES listings(id),
  capture_id  bigint NOT NULL UNIQUE REFERENCES captures(id),
  verdict_id  bigint REFERENCES verdicts(id) ON DELETE SET NULL,
  decision    text NOT NULL CHECK (decision IN ('confirm', 'dismiss')),
  reason      text NOT NULL CHECK (length(reason) > 0),
  -- The measure to request of the platform (confirm only).
  measure     text CHECK (measure IN ('delete_listing', 'stop_shop', 'block_site', 'rectify_site')),
  score       real NOT NULL,
  -- The primary (highest scoring) match: the IP type and asset the statistics count it under.
  asset_type  text NOT NULL CHECK (asset_type IN ('trademark', 'gi', 'patent')),
  asset_id    text NOT NULL,
  matches     jsonb NOT NULL,
  decided_by  bigint NOT NULL REFERENCES accounts(id),
  decided_at  timestamptz NOT NULL,
  CHECK ((decision = 'confirm') = (measure IS NOT NULL))
);
CREATE INDEX review_decisions_listing ON review_decisions (listing_id, decided_at DESC);
CREATE INDEX review_decisions_decided ON review_decisions (decided_at);

-- 立案查办: a case opened on a confirmed decision.
CREATE TABLE cases (
  id          bigserial PRIMARY KEY,
  decision_id bigint NOT NULL UNIQUE REFERENCES review_decisions(id),
  source      text NOT NULL CHECK (source IN ('officer', 'escalation')),
  note        text NOT NULL DEFAULT '',
  opened_by   bigint NOT NULL REFERENCES accounts(id),
  opened_at   timestamptz NOT NULL
);

CREATE TABLE notices (
  id             bigserial PRIMARY KEY,
  ref            text GENERATED ALWAYS AS ('IPW-' || lpad(id::text, 6, '0')) STORED,
  platform       text NOT NULL REFERENCES platforms(id),
  state          text NOT NULL DEFAULT 'draft'
                 CHECK (state IN ('draft', 'sent', 'answered', 'overdue', 'closed', 'withdrawn')),
  sender         text NOT NULL,
  created_by     bigint NOT NULL REFERENCES accounts(id),
  created_at     timestamptz NOT NULL,
  sent_by        bigint REFERENCES accounts(id),
  sent_at        timestamptz,
  deadline_at    timestamptz,
  first_reply_at timestamptz,
  overdue_at     timestamptz,
  closed_at      timestamptz,
  withdrawn_at   timestamptz,
  updated_at     timestamptz NOT NULL,
  CHECK ((state = 'draft') OR (state = 'withdrawn') OR (sent_at IS NOT NULL AND deadline_at IS NOT NULL))
);
CREATE INDEX notices_platform_state ON notices (platform, state);

CREATE TABLE notice_items (
  id                bigserial PRIMARY KEY,
  notice_id         bigint NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
  decision_id       bigint NOT NULL UNIQUE REFERENCES review_decisions(id),
  listing_id        bigint NOT NULL REFERENCES listings(id),
  capture_id        bigint NOT NULL REFERENCES captures(id),
  measure           text NOT NULL CHECK (measure IN ('delete_listing', 'stop_shop', 'block_site', 'rectify_site')),
  state             text NOT NULL DEFAULT 'open'
                    CHECK (state IN ('open', 'delisted', 'refused', 'countered', 'overdue',
                                     'delisted_confirmed', 'withdrawn', 'escalated')),
  -- What the platform says it did (delisted replies).
  measure_taken     text CHECK (measure_taken IN ('delete_listing', 'stop_shop', 'block_site', 'rectify_site')),
  reply_reason      text,
  counter_notice    jsonb,
  replied_at        timestamptz,
  delisted_at       timestamptz,
  confirmed_gone_at timestamptz,
  overdue_at        timestamptz,
  resolved_at       timestamptz,
  updated_at        timestamptz NOT NULL
);
CREATE INDEX notice_items_notice ON notice_items (notice_id);
CREATE INDEX notice_items_listing ON notice_items (listing_id, state);

-- Every state change of a notice or an item, by whom (NULL account: the system, e.g. a re-scan).
CREATE TABLE notice_events (
  id          bigserial PRIMARY KEY,
  notice_id   bigint NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
  item_id     bigint REFERENCES notice_items(id) ON DELETE CASCADE,
  event       text NOT NULL,
  from_state  text,
  to_state    text,
  account_id  bigint REFERENCES accounts(id),
  at          timestamptz NOT NULL,
  detail      jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX notice_events_notice ON notice_events (notice_id, at);
CREATE INDEX notice_events_event ON notice_events (event, at);

-- Who did what, when: every decision, notice action, reply, login and account change.
CREATE TABLE audit_log (
  id           bigserial PRIMARY KEY,
  at           timestamptz NOT NULL,
  account_id   bigint REFERENCES accounts(id),
  username     text,
  role         text,
  action       text NOT NULL,
  subject_type text NOT NULL,
  subject_id   text,
  detail       jsonb NOT NULL DEFAULT '{}',
  ip           text
);
CREATE INDEX audit_log_at ON audit_log (at DESC);
CREATE INDEX audit_log_subject ON audit_log (subject_type, subject_id);

-- Down Migration
DROP TABLE IF EXISTS audit_log, notice_events, notice_items, notices, cases, review_decisions, sessions, accounts CASCADE;
