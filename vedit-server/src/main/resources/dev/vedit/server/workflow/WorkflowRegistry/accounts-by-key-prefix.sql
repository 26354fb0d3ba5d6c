SELECT account_id FROM api_keys WHERE revoked_at IS NULL AND key_prefix = :p
