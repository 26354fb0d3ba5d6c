-- Idempotent submits: a client that lost the reply to a submit sends it again with the same Idempotency-Key header
-- and gets the task the first one created, whichever api node it reaches (the row is the only shared memory).
-- Inserted in the same transaction as the task, so a key never points at a task that was not created; the
-- primary key makes two racing submits with one key create one task (the second waits for the first's commit).
CREATE TABLE idempotency_keys (
    account_id      BIGINT        NOT NULL REFERENCES accounts (id),
    idem_key        VARCHAR(255)  NOT NULL,
    request_sha256  VARCHAR(64)   NOT NULL,   -- endpoint + validated fields: the same key with another request is refused
    task_id         BIGINT        NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    created_at      BIGINT        NOT NULL,   -- keys are honoured for 24 h; older rows are replaced and swept
    PRIMARY KEY (account_id, idem_key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
