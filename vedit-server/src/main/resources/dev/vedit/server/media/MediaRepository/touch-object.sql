UPDATE media_objects SET created_at = :now WHERE media_key = :key
