-- A new task, queued, with no attempt yet.
INSERT INTO tasks (id, account_id, endpoint, engine, status, request_json, plan_json, webhook_url, client_id, attempt,
                   max_attempts, run_after, worker_id, heartbeat_at, cancel_requested, progress, error_code, error_message,
                   failed_reason, created_at, started_at, finished_at, engine_state, updated_at)
VALUES (:id, :account, :endpoint, :engine, 'QUEUED', :request, :plan, :webhook, :client, 0,
        :maxAttempts, :runAfter, NULL, NULL, FALSE, NULL, NULL, NULL,
        NULL, :created, NULL, NULL, NULL, :created)
