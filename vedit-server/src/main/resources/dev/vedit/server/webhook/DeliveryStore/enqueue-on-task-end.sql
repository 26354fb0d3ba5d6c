-- The delivery of a task that just ended, if it has a webhook URL; runs inside the task's terminal transaction.
-- task_id is unique and a task ends once, so each task gets exactly one delivery.
INSERT INTO webhook_deliveries (task_id, account_id, url, status, payload, attempts, next_attempt_at,
    created_at, updated_at)
SELECT id, account_id, webhook_url, 'PENDING', NULL, 0, :now, :now, :now
FROM tasks WHERE id = :id AND webhook_url IS NOT NULL
