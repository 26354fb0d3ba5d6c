-- The oldest claimable tasks of one account, not locked: the candidates of a claim that holds the process's turn
-- (TaskQueue.ClaimLocking.IN_PROCESS, the embedded database). Every column, as claim-candidates.sql. Ordered by the
-- whole key of tasks_account_status_id, so that H2 reads them in the index's order and stops at the limit.
SELECT * FROM tasks
WHERE account_id = :account AND status = 'QUEUED' AND run_after <= :now
ORDER BY account_id, status, id
LIMIT :window
