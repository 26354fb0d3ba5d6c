-- Oldest first: event ids grow with time.
SELECT at, status, attempt, worker_id, error_code, message FROM task_events WHERE task_id = :id ORDER BY id
