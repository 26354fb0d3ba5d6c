-- Due deliveries, locked: PENDING ones whose time has come, and SENDING ones whose lease ran out (their node died
-- mid-attempt). Rows another node holds are skipped.
SELECT id FROM webhook_deliveries
WHERE (status = 'PENDING' AND next_attempt_at <= :now) OR (status = 'SENDING' AND lease_until < :now)
ORDER BY next_attempt_at, id
LIMIT :max
FOR UPDATE SKIP LOCKED
