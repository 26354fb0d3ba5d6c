-- Fairness: accounts with claimable work (with their running tasks, limit and oldest claimable task, from which a group
-- of claims plays out its order in memory: ClaimRound), the one running the fewest tasks first, ties to the one whose oldest
-- queued task waits longest. Accounts at their concurrency (as far as committed rows show) are left out. A plain
-- read: nothing is locked here. Per account (key) two short ranges of tasks_account_status_id (its running tasks, its
-- oldest queued one) instead of grouping the whole queue by account on every claim, which grew with the queue;
-- this grows with the number of accounts instead, each a pair of index look-ups. The oldest is ordered by the index's
-- whole key (the same order, the account and status being fixed) so that H2 too reads it from the index and stops at
-- the first row instead of scanning the queue.
SELECT c.id, c.running, c.concurrency, c.oldest FROM (
    SELECT a.id, a.concurrency,
           (SELECT COUNT(*) FROM tasks r WHERE r.account_id = a.id AND r.status = 'RUNNING') AS running,
           (SELECT q.id FROM tasks q WHERE q.account_id = a.id AND q.status = 'QUEUED' AND q.run_after <= :now
            ORDER BY q.account_id, q.status, q.id LIMIT 1) AS oldest
    FROM accounts a) c
WHERE c.oldest IS NOT NULL AND c.running < c.concurrency
ORDER BY c.running, c.oldest
LIMIT :accounts
