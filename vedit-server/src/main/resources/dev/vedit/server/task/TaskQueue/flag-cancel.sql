-- A running task is only flagged: its worker stops the engine at its next heartbeat and ends the attempt.
UPDATE tasks SET cancel_requested = TRUE, updated_at = :now WHERE id = :id
