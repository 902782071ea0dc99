-- Up Migration
-- The officer's desk (issue 14): document numbers of notices as sent, sequential
-- per year (e.g. 闽榕市监知通〔2026〕第0001号), assigned once, never reused.

CREATE TABLE notice_number_counters (
  year int PRIMARY KEY,
  last int NOT NULL
);

CREATE TABLE notice_numbers (
  notice_id   bigint PRIMARY KEY REFERENCES notices(id) ON DELETE CASCADE,
  year        int NOT NULL,
  seq         int NOT NULL CHECK (seq > 0),
  doc_no      text NOT NULL UNIQUE,
  assigned_at timestamptz NOT NULL,
  UNIQUE (year, seq)
);

-- Down Migration
DROP TABLE IF EXISTS notice_numbers, notice_number_counters;
