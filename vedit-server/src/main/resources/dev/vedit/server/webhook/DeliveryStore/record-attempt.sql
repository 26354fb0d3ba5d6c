-- How an attempt ended, written only by the node that still holds it: same node, same attempt, still SENDING.
UPDATE webhook_deliveries SET status = :status, next_attempt_at = :next, claimed_by = NULL, lease_until = NULL,
    response_status = :responseStatus, response_body = :responseBody, last_error = :error, updated_at = :now
WHERE id = :id AND claimed_by = :node AND attempts = :attempts AND status = 'SENDING'
