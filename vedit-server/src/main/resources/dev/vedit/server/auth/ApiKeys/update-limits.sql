UPDATE accounts SET concurrency = :c, queue_limit = :q WHERE id = :id
