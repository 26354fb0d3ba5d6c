-- The attempt is alive; progress only when the engine reported one.
UPDATE tasks SET heartbeat_at = :now, progress = COALESCE(:progress, progress), updated_at = :now
WHERE <ownedAttempt>
