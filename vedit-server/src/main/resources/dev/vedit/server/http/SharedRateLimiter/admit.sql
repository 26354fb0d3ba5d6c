-- GCRA for one account, admitted and moved in one statement. `taken` returns a row only when the request is
-- admitted (the conflict update's WHERE is the admission test; a first request inserts). `before` reads the bucket
-- as it stood, for the wait of a refusal: a data-modifying CTE's sibling sees the rows from before the statement.
WITH clock AS (SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000 AS BIGINT) AS now_us),
before AS (SELECT tat FROM rate_buckets WHERE account_id = :account),
taken AS (
    INSERT INTO rate_buckets (account_id, tat) SELECT :account, now_us + :interval FROM clock
    ON CONFLICT (account_id) DO UPDATE SET tat = GREATEST(rate_buckets.tat, EXCLUDED.tat - :interval) + :interval
    WHERE GREATEST(rate_buckets.tat, EXCLUDED.tat - :interval) + :interval - (EXCLUDED.tat - :interval) <= :window
    RETURNING tat)
SELECT (SELECT COUNT(*) FROM taken) AS admitted, (SELECT tat FROM before) - now_us AS ahead FROM clock
