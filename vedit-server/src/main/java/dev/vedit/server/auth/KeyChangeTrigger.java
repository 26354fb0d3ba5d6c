package dev.vedit.server.auth;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * The H2 trigger on {@code api_keys} and {@code accounts} that tells this JVM's {@link KeyCache}s that a key or an
 * account changed ({@link KeyChanges}). H2 instantiates it by name (hence public, with a public constructor) in the
 * JVM that holds the database file, when the file is opened, and calls {@link #fire} inside every updating or
 * deleting statement, before the commit; {@link #close} when the file is closed.
 */
public final class KeyChangeTrigger implements org.h2.api.Trigger {
    /** Written on every use of a key (to the minute): not a change that an authentication depends on. */
    private static final String LAST_USED = "last_used_at";

    private KeyChanges.Database database;
    private String table;
    private int ignoredColumn = -1;
    private boolean open;

    public KeyChangeTrigger() {
        // instantiated by H2
    }

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type) throws SQLException {
        this.table = tableName;
        database = KeyChanges.of(dev.vedit.server.db.Database.h2FileOf(conn));
        ignoredColumn = dev.vedit.server.db.Database.columnIndex(conn, schemaName, tableName, LAST_USED);
        database.opened(tableName);
        open = true;
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) {
        if (oldRow != null && newRow != null && sameExceptLastUse(oldRow, newRow)) {
            return;
        }
        database.changed();
    }

    private boolean sameExceptLastUse(Object[] oldRow, Object[] newRow) {
        for (int i = 0; i < oldRow.length; i++) {
            if (i != ignoredColumn && !Objects.equals(oldRow[i], newRow[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public synchronized void close() {
        if (open) {
            open = false;
            database.closed(table);
        }
    }

    @Override
    public void remove() {
        close();
    }
}
