SELECT attempt FROM tasks WHERE id = :id
