package dev.vedit.server.task;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The H2 trigger on {@code tasks} that tells this JVM which task changed ({@link TaskChanges}), so that remembered query
 * replies ({@link QueryReplies}) are dropped. H2 instantiates it by name (hence public, with a public constructor) in the
 * JVM that holds the database file, when the file is opened, and calls {@link #fire} inside every updating or deleting
 * statement, before the commit, whichever process sent it; {@link #close} when the file is closed.
 */
public final class TaskChangeTrigger implements org.h2.api.Trigger {
    private TaskChanges.Database database;
    private int idColumn = -1;
    private boolean open;

    public TaskChangeTrigger() {
        // instantiated by H2
    }

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type) throws SQLException {
        database = TaskChanges.of(dev.vedit.server.db.Database.h2FileOf(conn));
        idColumn = dev.vedit.server.db.Database.columnIndex(conn, schemaName, tableName, "id");
        if (idColumn < 0) {
            throw new SQLException("table " + tableName + " has no id column");
        }
        database.opened();
        open = true;
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) {
        Object[] row = oldRow != null ? oldRow : newRow;
        database.changed(((Number) row[idColumn]).longValue());
        if (oldRow != null && newRow != null && !oldRow[idColumn].equals(newRow[idColumn])) {
            database.changed(((Number) newRow[idColumn]).longValue()); // ids are never updated; if one were, both go
        }
    }

    @Override
    public synchronized void close() {
        if (open) {
            open = false;
            database.closed();
        }
    }

    @Override
    public void remove() {
        close();
    }
}
