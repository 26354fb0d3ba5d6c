-- Transition CANCELLED_QUEUED: no worker took it yet, so it ends at once.
UPDATE tasks SET status = :to, finished_at = :now, updated_at = :now, cancel_requested = TRUE,
    error_code = :code, error_message = :message, failed_reason = :reason
WHERE id = :id AND status = :from
