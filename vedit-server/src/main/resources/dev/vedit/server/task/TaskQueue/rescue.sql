-- Transition RESCUED: the silent attempt is dropped and the task waits for the next one (engine_state is kept,
-- so a remote job is resumed rather than started twice).
UPDATE tasks SET status = :to, run_after = :retryAt, worker_id = NULL, heartbeat_at = NULL,
    progress = NULL, updated_at = :now
WHERE id = :id AND status = :from
