-- Issue 15: a claim reads an account's oldest queued task and counts its running ones; with id in the index both
-- are a short range of it (ORDER BY id LIMIT n stops at the first rows), not a scan and sort of the account's queue.
CREATE INDEX tasks_account_status_id ON tasks (account_id, status, id);
