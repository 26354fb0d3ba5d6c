-- Issue 15: tasks_account_status (account_id, status) is a prefix of tasks_account_status_id (account_id, status, id),
-- which serves every query it served. Each index is one more write on every change of a task's status (a claim, an
-- end), and H2 chose the shorter one for the claim's candidates, which then had to be sorted by id.
DROP INDEX tasks_account_status;
