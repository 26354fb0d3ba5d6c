-- The account's and the model's running tasks, in one round trip. Run after the account row is locked (a statement of
-- its own: under READ COMMITTED a statement reads the rows committed when it starts, so counts read in the statement
-- that waited for the lock could miss the claim that held it), and after this claim's own update, which it includes.
SELECT (SELECT COUNT(*) FROM tasks WHERE account_id = :account AND status = 'RUNNING'),
       (SELECT COUNT(*) FROM tasks WHERE endpoint = :endpoint AND status = 'RUNNING')
