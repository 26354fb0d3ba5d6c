-- One line of a task's history: a status change, or an attempt's error.
INSERT INTO task_events (task_id, at, status, attempt, worker_id, error_code, message)
VALUES (:id, :at, :status, :attempt, :worker, :code, :message)
