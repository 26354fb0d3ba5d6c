-- The oldest claimable tasks of one account, locked; rows another worker holds are skipped, never waited for. Every
-- column: the claimed task is this row as claim.sql changes it, so it is not read again after the update.
SELECT * FROM tasks
WHERE account_id = :account AND status = 'QUEUED' AND run_after <= :now
ORDER BY id
LIMIT :window
FOR UPDATE SKIP LOCKED
