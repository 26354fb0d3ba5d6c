SELECT account_id FROM api_keys WHERE id = :id
