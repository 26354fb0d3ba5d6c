SELECT COUNT(*) FROM tasks WHERE endpoint = :endpoint AND status = 'RUNNING'
