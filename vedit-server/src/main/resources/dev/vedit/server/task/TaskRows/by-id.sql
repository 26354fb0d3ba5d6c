-- One task (plain JDBC: the id is the one positional parameter). Every column: TaskRows maps them by name, so the
-- mapper holds the one list of columns.
SELECT * FROM tasks WHERE id = ?
