SELECT l.media_key, o.sha256, o.size_bytes, o.format FROM media_links l
JOIN media_objects o ON o.media_key = l.media_key
WHERE l.token = :token AND l.expires_at > :now
