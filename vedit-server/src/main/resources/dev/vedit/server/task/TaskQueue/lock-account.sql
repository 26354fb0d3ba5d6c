-- The account's concurrency, with its row locked so two workers cannot both take its last free slot. Taken as the
-- last step of a claim, just before its commit, so the row is held for one count and the commit, not the whole claim.
SELECT concurrency FROM accounts WHERE id = :account FOR UPDATE
