SELECT COUNT(*) FROM media_links l JOIN media_objects o ON o.media_key = l.media_key WHERE l.media_key = :key AND l.account_id = :account
