-- Transition CLAIMED: the locked queued task becomes this worker's next attempt.
UPDATE tasks SET status = :to, worker_id = :worker, attempt = attempt + 1, heartbeat_at = :now,
    started_at = :now, progress = 0, updated_at = :now
WHERE id = :id AND status = :from
