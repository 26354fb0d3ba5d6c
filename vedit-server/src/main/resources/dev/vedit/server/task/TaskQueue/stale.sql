-- Running attempts whose worker went silent, locked; another rescuer's rows are skipped.
SELECT * FROM tasks WHERE status = 'RUNNING' AND heartbeat_at < :before
ORDER BY id
FOR UPDATE SKIP LOCKED
