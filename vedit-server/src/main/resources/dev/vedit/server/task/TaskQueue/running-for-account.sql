SELECT COUNT(*) FROM tasks WHERE account_id = :account AND status = 'RUNNING'
