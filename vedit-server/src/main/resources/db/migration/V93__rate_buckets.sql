-- The per-key rate limit shared by every api node (PostgreSQL). One row per account holds its bucket as GCRA's
-- "theoretical arrival time" (tat, microseconds of the database's clock): a request is admitted when, after it,
-- tat lies no more than burst x interval ahead of now, and one INSERT ... ON CONFLICT DO UPDATE admits and
-- updates in a single statement, so two nodes can never both spend the last token. The database's clock is the
-- only one read, so nodes whose clocks disagree still share one bucket. Created on H2 too (one schema for both),
-- where a single process keeps its buckets in memory instead and the table stays empty.
CREATE TABLE rate_buckets (
    account_id  BIGINT  NOT NULL PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    tat         BIGINT  NOT NULL
);
