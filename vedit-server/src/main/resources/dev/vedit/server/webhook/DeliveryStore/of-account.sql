-- Another account's delivery reads as missing.
SELECT * FROM webhook_deliveries WHERE id = :id AND account_id = :account
