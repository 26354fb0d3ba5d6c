INSERT INTO workflows (id, workflow_json, app_json, created_at, updated_at) VALUES (:id, :w, :a, :now, :now)
