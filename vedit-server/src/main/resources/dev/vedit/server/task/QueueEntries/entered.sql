-- Tasks that entered the queue in this transaction (see V165__queue_entries.sql), added to one shard.
UPDATE queue_entries SET entered = entered + :tasks WHERE shard = :shard
