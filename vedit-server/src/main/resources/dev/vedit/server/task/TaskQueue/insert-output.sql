INSERT INTO task_outputs (task_id, idx, media_key, output_type, node_id, link_token)
VALUES (:id, :idx, :key, :type, :node, :token)
