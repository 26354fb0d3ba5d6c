-- Transition RESCUED_ENDED: the silent attempt was the last, or its cancel had been asked for.
UPDATE tasks SET status = :to, finished_at = :now, updated_at = :now, error_code = :code,
    error_message = :message, failed_reason = :reason
WHERE id = :id AND status = :from
