SELECT request_sha256, task_id FROM idempotency_keys WHERE account_id = :account AND idem_key = :key AND created_at > :cutoff
