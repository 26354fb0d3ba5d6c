package dev.vedit.server.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.ParsedSql;

/**
 * Named SQL statements kept in {@code .sql} files beside the class that runs them, one file per statement:
 * {@code load(TaskQueue.class, "claim")} reads {@code dev/vedit/server/task/TaskQueue/claim.sql} from the
 * classpath (JDBI's {@link ClasspathSqlLocator}). Stores load their statements into constants, so a missing or
 * misnamed file fails the class's initialisation, at start-up and in every test that touches the store, rather
 * than on the first request that runs the statement.
 *
 * <p>SQL comments ({@code --}) are removed on load: the files explain themselves without the comments travelling
 * to the database with every execution. Both H2 and PostgreSQL run the same files.
 */
public final class Sql {
    private static final ClasspathSqlLocator LOCATOR = ClasspathSqlLocator.removingComments();

    private Sql() {
    }

    /**
     * The text of one statement.
     *
     * @param owner the class whose resource folder holds it
     * @param name  the file's name without {@code .sql}
     * @throws IllegalStateException naming the resource that is missing
     */
    public static String load(Class<?> owner, String name) {
        String text;
        try {
            text = LOCATOR.locate(owner, name);
        } catch (RuntimeException e) {
            throw new IllegalStateException("SQL statement " + resource(owner, name) + " is not on the classpath", e);
        }
        if (text == null || text.isBlank()) {
            throw new IllegalStateException("SQL statement " + resource(owner, name) + " is empty");
        }
        return text.strip();
    }

    private static String resource(Class<?> owner, String name) {
        return owner.getName().replace('.', '/') + "/" + name + ".sql";
    }

    /**
     * A statement with {@code :name} parameters as plain JDBC takes it, for the few statements run so often that JDBI's
     * binding by name (an argument factory looked up per value) costs more than the database's work: the text with
     * {@code ?} in their places, parsed by JDBI's own parser once, and the names in their order.
     */
    public static Positional positional(String named) {
        ParsedSql parsed = new ColonPrefixSqlParser().parse(named, null);
        return new Positional(parsed.getSql(), List.copyOf(parsed.getParameters().getParameterNames()));
    }

    /** See {@link #positional}. */
    public record Positional(String sql, List<String> names) {
        /** Sets every place of {@code name} (a name may occur more than once). */
        public void set(PreparedStatement s, String name, Object value) throws SQLException {
            boolean found = false;
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).equals(name)) {
                    s.setObject(i + 1, value);
                    found = true;
                }
            }
            if (!found) {
                throw new IllegalArgumentException("the statement has no parameter :" + name + ": " + sql);
            }
        }
    }
}
