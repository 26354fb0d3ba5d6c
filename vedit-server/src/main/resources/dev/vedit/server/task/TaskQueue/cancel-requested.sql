SELECT cancel_requested FROM tasks WHERE id = :id
