-- Another account's delivery reads as missing.
SELECT * FROM webhook_deliveries WHERE task_id = :task AND account_id = :account
