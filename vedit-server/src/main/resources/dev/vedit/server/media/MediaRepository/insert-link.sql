INSERT INTO media_links (token, media_key, account_id, file_name, content_type, expires_at, created_at)
VALUES (:token, :key, :account, :name, :type, :expires, :now)
