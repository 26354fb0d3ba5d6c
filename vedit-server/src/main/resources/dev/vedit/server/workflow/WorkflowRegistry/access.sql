SELECT account_id FROM workflow_access WHERE workflow_id = :id ORDER BY account_id
