-- Keys VEDIT_API_KEY made before and no longer lists (<hashes>: the listed keys' hashes, one bound value each).
UPDATE api_keys SET revoked_at = :now WHERE origin = 'env' AND revoked_at IS NULL AND key_hash NOT IN (<hashes>)
