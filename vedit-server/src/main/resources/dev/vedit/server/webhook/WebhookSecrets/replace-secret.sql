UPDATE accounts SET webhook_secret = :s WHERE id = :id
