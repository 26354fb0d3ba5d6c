-- The account a live key opens, read to be cached (embedded H2 only, see KeyCache): FOR UPDATE waits for a
-- transaction that is changing the key or its account to commit, and then reads the new row, so a change whose
-- trigger has already fired can never be read in its old state and cached.
SELECT a.id, a.name, a.concurrency, a.queue_limit, a.operator, k.id AS key_id
FROM api_keys k JOIN accounts a ON a.id = k.account_id
WHERE k.key_hash = :hash AND k.revoked_at IS NULL
FOR UPDATE
