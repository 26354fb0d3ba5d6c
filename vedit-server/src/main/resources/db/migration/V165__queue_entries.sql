-- How many times a task has entered the queue (inserted as QUEUED, or put back by a retry or a rescue), ever: a
-- number that only grows, so that a submit may learn from one small read whether the queue can have grown since it
-- last counted, instead of counting the queued rows on every submit (QueueBounds). Sixteen rows, each transaction
-- adding to the one its thread picks, so that nodes and workers adding at once seldom wait for each other's row;
-- the number is their sum. Claims and cancels do not touch it: a task leaving the queue can only make room.
CREATE TABLE queue_entries (
    shard    INT     NOT NULL PRIMARY KEY,
    entered  BIGINT  NOT NULL
);
INSERT INTO queue_entries (shard, entered) VALUES
    (0, 0), (1, 0), (2, 0), (3, 0), (4, 0), (5, 0), (6, 0), (7, 0),
    (8, 0), (9, 0), (10, 0), (11, 0), (12, 0), (13, 0), (14, 0), (15, 0);
