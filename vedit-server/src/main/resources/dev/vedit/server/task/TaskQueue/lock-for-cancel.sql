-- The task's state, locked, if it is the account's: another account's task is as unknown as a missing one.
SELECT status FROM tasks WHERE id = :id AND account_id = :account FOR UPDATE
