-- The two queue limits a submit checks, in one statement: the account's queued tasks and the model's, each counted
-- only up to its limit. A limit check needs to know whether the count reaches the limit, not by how much, and a count
-- of every queued row costs more the longer the queue; a refused submit counts in full for its message (queued.sql).
SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM tasks WHERE account_id = :account AND status = 'QUEUED' LIMIT :accountLimit) a),
       (SELECT COUNT(*) FROM (SELECT 1 FROM tasks WHERE endpoint = :endpoint AND status = 'QUEUED' LIMIT :endpointLimit) e)
