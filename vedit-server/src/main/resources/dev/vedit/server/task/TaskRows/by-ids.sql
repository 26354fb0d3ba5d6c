-- Several tasks by id (the rows a group of ends just wrote). Every column, as by-id.sql.
SELECT * FROM tasks WHERE id IN (<ids>)
