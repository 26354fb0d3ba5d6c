SELECT a.id, a.name, a.concurrency, a.queue_limit, a.operator, a.created_at,
       (SELECT COUNT(*) FROM api_keys k WHERE k.account_id = a.id AND k.revoked_at IS NULL) AS live_keys,
       (SELECT COUNT(*) FROM tasks t WHERE t.account_id = a.id AND t.status = 'RUNNING') AS running,
       (SELECT COUNT(*) FROM tasks t WHERE t.account_id = a.id AND t.status = 'QUEUED') AS queued,
       (SELECT MAX(k.last_used_at) FROM api_keys k WHERE k.account_id = a.id) AS last_used_at
FROM accounts a ORDER BY a.id
