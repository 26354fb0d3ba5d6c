-- A model's queued tasks, counted only up to its limit (see queued-of-account-up-to.sql).
SELECT COUNT(*) FROM (SELECT 1 FROM tasks WHERE endpoint = :endpoint AND status = 'QUEUED' LIMIT :limit) e
