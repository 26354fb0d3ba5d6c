-- A remote engine's handle on its job, saved before it asks the remote side for anything.
UPDATE tasks SET engine_state = :state, updated_at = :now
WHERE <ownedAttempt>
