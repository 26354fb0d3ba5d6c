SELECT token, media_key, file_name, content_type, expires_at FROM media_links
WHERE token = :token AND expires_at > :now
