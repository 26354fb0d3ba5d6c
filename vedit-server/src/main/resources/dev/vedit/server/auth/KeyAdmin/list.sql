-- Keys the scope may see: every key for an operator (:all), else the account's own; newest first.
SELECT k.id, k.key_prefix, k.label, k.account_id, a.name, a.operator, a.concurrency, a.queue_limit, k.origin, k.created_at,
       k.last_used_at, k.revoked_at
FROM api_keys k JOIN accounts a ON a.id = k.account_id
WHERE (:all OR k.account_id = :account)
ORDER BY k.id DESC
