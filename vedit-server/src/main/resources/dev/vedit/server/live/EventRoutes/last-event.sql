SELECT MAX(id) FROM task_events WHERE task_id = :id
