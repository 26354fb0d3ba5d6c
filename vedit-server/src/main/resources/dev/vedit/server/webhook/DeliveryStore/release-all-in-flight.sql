-- Only for a database this process holds alone (embedded H2): whatever was SENDING belongs to a process that died.
UPDATE webhook_deliveries SET status = 'PENDING', claimed_by = NULL, lease_until = NULL, next_attempt_at = :now,
    last_error = 'the process sending this attempt stopped', updated_at = :now
WHERE status = 'SENDING'
