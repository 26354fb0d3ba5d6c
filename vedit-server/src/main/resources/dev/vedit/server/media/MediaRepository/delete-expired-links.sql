DELETE FROM media_links WHERE expires_at <= :now
