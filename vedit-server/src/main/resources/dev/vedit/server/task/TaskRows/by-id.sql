-- One task. Every column: TaskRows maps them by name, so the mapper holds the one list of columns.
SELECT * FROM tasks WHERE id = :id
