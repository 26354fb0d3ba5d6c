package dev.vedit.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * The relational store: a pooled connection to H2 (embedded, file mode) or PostgreSQL, migrated with
 * Flyway at start. The same SQL runs on both.
 */
public final class Database implements AutoCloseable {
    static {
        // AUTO_SERVER (see h2Url) opens a TCP port for other processes: only on loopback, never to the network. The
        // port also needs a random key that only the database's lock file holds. Set before H2 reads its settings.
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final boolean embedded;
    private final String url;
    private final Properties credentials = new Properties();

    private Database(HikariDataSource dataSource, boolean embedded, String url, String user, String password) {
        this.dataSource = dataSource;
        this.url = url;
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        this.jdbi = Jdbi.create(dataSource);
        this.embedded = embedded;
    }

    /**
     * Whether a failure means the database is down or restarting rather than a bug: no connection to be had, or
     * a pooled connection the server dropped (SQLSTATE class 08 connection exception, 57P0x shutdown/starting).
     */
    public static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.jdbi.v3.core.ConnectionException || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The embedded default: an H2 file database under {@code dataDir/db}. {@code WRITE_DELAY=0} makes every
     * commit reach the file before it returns: H2's default delay loses recent commits on a {@code kill -9}.
     * {@code AUTO_SERVER} lets a second process ({@code vedit keys} while the service runs) use the file that the
     * first one holds: the first opener serves it on a loopback port named in the lock file, and whoever opens it
     * later connects there; {@code AUTO_RECONNECT} moves the service over to the file if the short-lived
     * command happened to open it first and exits.
     */
    public static String h2Url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("db").resolve("vedit")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;WRITE_DELAY=0"
                + ";AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE";
    }

    /** Connects, migrates the schema, and returns a ready database. */
    public static Database open(String url, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("vedit-db");
        config.setConnectionTimeout(10_000);
        HikariDataSource ds = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds, url.startsWith("jdbc:h2:"), url, user, password);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * Whether this is the embedded H2 file database, which one process holds exclusively: at start-up,
     * every RUNNING task there belongs to a process that is gone.
     */
    public boolean embedded() {
        return embedded;
    }

    /** Whether the database is PostgreSQL (LISTEN/NOTIFY and other extras are available). */
    public boolean postgres() {
        return !embedded;
    }

    /**
     * A new connection outside the pool, owned by the caller: for a session that lives as long as the process
     * (a PostgreSQL {@code LISTEN}), which would otherwise hold a pooled connection forever.
     */
    public Connection openDedicatedConnection() throws SQLException {
        return DriverManager.getConnection(url, credentials);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
