SELECT idx, media_key, output_type, node_id, link_token FROM task_outputs WHERE task_id = :id ORDER BY idx
