-- Transition SUCCEEDED (outputs are inserted in the same transaction).
UPDATE tasks SET status = :to, progress = 100, finished_at = :now, updated_at = :now,
    error_code = NULL, error_message = NULL, failed_reason = NULL
WHERE <ownedAttempt>
