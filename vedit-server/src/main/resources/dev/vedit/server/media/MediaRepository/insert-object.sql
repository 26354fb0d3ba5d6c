INSERT INTO media_objects (media_key, sha256, size_bytes, media_type, format, created_at)
VALUES (:key, :sha, :size, :type, :format, :now)
