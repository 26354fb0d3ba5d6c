INSERT INTO idempotency_keys (account_id, idem_key, request_sha256, task_id, created_at) VALUES (:account, :key, :sha, :task, :now)
