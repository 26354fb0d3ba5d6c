SELECT status FROM webhook_deliveries WHERE id = :id AND account_id = :account FOR UPDATE
