INSERT INTO accounts (name, concurrency, queue_limit, created_at, operator) VALUES (:name, :c, :q, :now, :op)
