-- Registered ComfyUI workflows for RunningHub's workflow and AI-app API (`vedit workflows add`). In the database, so
-- every node sees a workflow as soon as it is added, without a restart.
CREATE TABLE workflows (
    id            VARCHAR(64)  PRIMARY KEY,   -- the workflowId (and, for an app, the webappId) that clients send
    workflow_json TEXT         NOT NULL,      -- the API-format workflow: node id -> {class_type, inputs}
    app_json      TEXT,                       -- optional AI-app description: the inputs a client may set
    created_at    BIGINT       NOT NULL,
    updated_at    BIGINT       NOT NULL
);

-- A workflow with rows here is private to these accounts; one without rows is visible to every key.
CREATE TABLE workflow_access (
    workflow_id VARCHAR(64) NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
    account_id  BIGINT      NOT NULL REFERENCES accounts (id),
    PRIMARY KEY (workflow_id, account_id)
);
