-- Transition FAILED: the attempt, and the task, end in failure.
UPDATE tasks SET status = :to, finished_at = :now, updated_at = :now, error_code = :code,
    error_message = :message, failed_reason = :reason
WHERE <ownedAttempt>
