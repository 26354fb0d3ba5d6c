-- The ownership guard of every change a worker makes to its running attempt: the row is still this worker's,
-- the same attempt, in the state the change expects. A rescued or cancelled attempt fails it, so its old worker can
-- neither end the task nor write over the next attempt. Spliced into statements as <ownedAttempt>.
id = :id AND worker_id = :worker AND attempt = :attempt AND status = :from
