-- The two queue limits a submit checks, read in one statement: the account's queued tasks and the model's.
SELECT (SELECT COUNT(*) FROM tasks WHERE account_id = :account AND status = 'QUEUED'),
       (SELECT COUNT(*) FROM tasks WHERE endpoint = :endpoint AND status = 'QUEUED')
