UPDATE accounts SET webhook_secret = :s WHERE id = :id AND webhook_secret IS NULL
