SELECT id, workflow_json, app_json, created_at, updated_at FROM workflows WHERE id = :id
