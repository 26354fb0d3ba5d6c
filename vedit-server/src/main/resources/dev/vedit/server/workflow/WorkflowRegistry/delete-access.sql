DELETE FROM workflow_access WHERE workflow_id = :id
