DELETE FROM idempotency_keys WHERE account_id = :account AND created_at <= :cutoff
