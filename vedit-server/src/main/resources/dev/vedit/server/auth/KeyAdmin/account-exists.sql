SELECT COUNT(*) FROM accounts WHERE id = :id
