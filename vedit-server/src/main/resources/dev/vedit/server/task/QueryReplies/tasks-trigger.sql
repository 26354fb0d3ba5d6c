-- Embedded H2 only (a Java trigger; PostgreSQL runs no Java): tells the JVM holding the database file which task
-- changed, inside the changing statement (TaskChangeTrigger, QueryReplies). Inserts need no telling: nothing is
-- remembered of a task that does not exist yet.
CREATE TRIGGER IF NOT EXISTS tasks_changed AFTER UPDATE, DELETE ON tasks FOR EACH ROW CALL "dev.vedit.server.task.TaskChangeTrigger"
