-- An account's queued tasks, counted only up to its limit: a limit check needs to know whether the count reaches the
-- limit, not by how much, and a count of every queued row costs more the longer the queue; a refused submit counts in
-- full for its message (queued.sql).
SELECT COUNT(*) FROM (SELECT 1 FROM tasks WHERE account_id = :account AND status = 'QUEUED' LIMIT :limit) a
