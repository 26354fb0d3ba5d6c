-- Every entry into the queue that has committed, ever (see V165__queue_entries.sql).
SELECT COALESCE(SUM(entered), 0) FROM queue_entries
