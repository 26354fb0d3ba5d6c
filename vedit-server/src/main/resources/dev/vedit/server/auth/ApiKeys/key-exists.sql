SELECT COUNT(*) FROM api_keys WHERE key_hash = :hash
