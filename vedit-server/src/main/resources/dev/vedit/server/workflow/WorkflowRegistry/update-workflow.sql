UPDATE workflows SET workflow_json = :w, app_json = :a, updated_at = :now WHERE id = :id
