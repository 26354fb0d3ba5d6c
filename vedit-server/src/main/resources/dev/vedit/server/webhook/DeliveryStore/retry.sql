-- Again from the start of the retry schedule, now, optionally to a new URL.
UPDATE webhook_deliveries SET status = 'PENDING', url = COALESCE(:url, url), attempts = 0,
    next_attempt_at = :now, last_error = NULL, updated_at = :now
WHERE id = :id
