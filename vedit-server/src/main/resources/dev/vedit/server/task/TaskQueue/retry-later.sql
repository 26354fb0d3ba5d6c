-- Transition RETRY_SCHEDULED: back in the queue, not claimable before :runAfter; the error stays visible meanwhile.
UPDATE tasks SET status = :to, run_after = :runAfter, worker_id = NULL, heartbeat_at = NULL,
    progress = NULL, updated_at = :now, error_code = :code, error_message = :message
WHERE <ownedAttempt>
