-- The oldest claimable tasks of one account, locked; rows another worker holds are skipped, never waited for.
SELECT id, account_id, endpoint FROM tasks
WHERE account_id = :account AND status = 'QUEUED' AND run_after <= :now
ORDER BY id
LIMIT :window
FOR UPDATE SKIP LOCKED
