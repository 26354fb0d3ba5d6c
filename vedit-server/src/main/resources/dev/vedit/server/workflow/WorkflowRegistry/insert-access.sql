INSERT INTO workflow_access (workflow_id, account_id) VALUES (:id, :account)
