-- The account a live key opens: one primary-key read (on PostgreSQL on every request, see ApiKeys).
SELECT a.id, a.name, a.concurrency, a.queue_limit, a.operator, k.id AS key_id
FROM api_keys k JOIN accounts a ON a.id = k.account_id
WHERE k.key_hash = :hash AND k.revoked_at IS NULL
