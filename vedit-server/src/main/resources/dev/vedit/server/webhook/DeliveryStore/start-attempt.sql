-- The claimed delivery's next attempt belongs to :node until :lease.
UPDATE webhook_deliveries SET status = 'SENDING', claimed_by = :node, lease_until = :lease,
    attempts = attempts + 1, updated_at = :now
WHERE id = :id
