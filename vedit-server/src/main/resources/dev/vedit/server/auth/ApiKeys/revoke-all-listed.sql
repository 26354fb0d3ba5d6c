-- VEDIT_API_KEY lists no key: every key it made before goes.
UPDATE api_keys SET revoked_at = :now WHERE origin = 'env' AND revoked_at IS NULL
