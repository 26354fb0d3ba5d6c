-- The running tasks of the group's accounts and of its candidates' models, in one round trip: per (account, model)
-- pair, summed per account and per model by the caller. Run after the accounts' rows are locked (a statement of its
-- own: under READ COMMITTED a statement reads the rows committed when it starts, so counts read in the statement that
-- waited for the locks could miss the claims of the group that held them), and after the group's ends, which it sees.
SELECT account_id, endpoint, COUNT(*) AS running FROM tasks
WHERE status = 'RUNNING' AND (account_id IN (<accounts>) OR endpoint IN (<endpoints>))
GROUP BY account_id, endpoint
