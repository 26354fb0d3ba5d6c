SELECT t.id, t.status, t.progress, t.updated_at,
       (SELECT MAX(e.id) FROM task_events e WHERE e.task_id = t.id) AS last_event
FROM tasks t WHERE t.account_id = :account AND t.updated_at >= :since ORDER BY t.updated_at, t.id
