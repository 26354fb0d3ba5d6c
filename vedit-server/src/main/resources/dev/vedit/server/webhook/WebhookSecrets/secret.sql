SELECT webhook_secret FROM accounts WHERE id = :id
