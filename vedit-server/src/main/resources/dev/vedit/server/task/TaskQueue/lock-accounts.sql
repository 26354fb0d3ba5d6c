-- The concurrency of the accounts a group of claims takes tasks from, their rows locked so that two groups (of two
-- nodes) cannot both take an account's last free slot. In id order, so that groups locking several accounts never
-- wait for each other in a cycle. Taken after the candidates are read, so the rows are held for the counts, the
-- claims' writes and the commit, not for the reads before.
SELECT id, concurrency FROM accounts WHERE id IN (<accounts>) ORDER BY id FOR UPDATE
