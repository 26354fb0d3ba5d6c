DELETE FROM media_objects o
WHERE o.media_key = :key AND o.created_at < :before
  AND NOT EXISTS (SELECT 1 FROM media_links l WHERE l.media_key = o.media_key)
  AND NOT EXISTS (SELECT 1 FROM task_outputs t WHERE t.media_key = o.media_key)
