-- A remote engine's handle on the job it started for the current attempt (ComfyUI server and prompt_id, the
-- upstream taskId), saved before the remote side is asked to do anything, so the next attempt after a crash
-- resumes watching that job instead of starting (and paying for) a second one. Small JSON, owned by the engine.
ALTER TABLE tasks ADD COLUMN engine_state VARCHAR(4000);
