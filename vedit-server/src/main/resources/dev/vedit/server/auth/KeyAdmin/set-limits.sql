UPDATE accounts SET concurrency = COALESCE(:c, concurrency), queue_limit = COALESCE(:q, queue_limit) WHERE id = :id
