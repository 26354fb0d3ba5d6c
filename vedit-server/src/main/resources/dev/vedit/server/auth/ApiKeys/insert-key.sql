INSERT INTO api_keys (key_hash, account_id, key_prefix, created_at, label, origin) VALUES (:hash, :account, :prefix, :now, :label, :origin)
