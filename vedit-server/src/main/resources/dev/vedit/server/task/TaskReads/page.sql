-- Newest first: task ids grow with submit time.
SELECT * FROM tasks WHERE account_id = :account ORDER BY id DESC LIMIT :limit OFFSET :offset
