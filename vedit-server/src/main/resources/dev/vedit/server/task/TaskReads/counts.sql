-- Running and queued tasks of one account in one pass.
SELECT COALESCE(SUM(CASE WHEN status = 'RUNNING' THEN 1 ELSE 0 END), 0),
       COALESCE(SUM(CASE WHEN status = 'QUEUED' THEN 1 ELSE 0 END), 0)
FROM tasks WHERE account_id = :account AND status IN ('QUEUED', 'RUNNING')
