-- Fairness: accounts with claimable work, the one running the fewest tasks first, ties to the one whose oldest
-- queued task waits longest. Accounts at their concurrency (as far as committed rows show) are left out. A plain
-- read: nothing is locked here.
SELECT q.account_id FROM (
    SELECT account_id, MIN(id) AS oldest FROM tasks
    WHERE status = 'QUEUED' AND run_after <= :now
    GROUP BY account_id) q
JOIN accounts a ON a.id = q.account_id
LEFT JOIN (
    SELECT account_id, COUNT(*) AS n FROM tasks WHERE status = 'RUNNING'
    GROUP BY account_id) r ON r.account_id = q.account_id
WHERE COALESCE(r.n, 0) < a.concurrency
ORDER BY COALESCE(r.n, 0), q.oldest
LIMIT :accounts
