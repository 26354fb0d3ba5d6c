-- The account's concurrency, with its row locked so two workers cannot both take its last free slot.
SELECT concurrency FROM accounts WHERE id = :account FOR UPDATE
