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
 * Flyway at start. The same SQL runs on both, but for the few settings only H2 takes ({@code db/h2}).
 */
public final class Database implements AutoCloseable {
    private static final String PING = Sql.load(Database.class, "ping");

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
     * command happened to open it first and exits. {@code QUERY_CACHE_SIZE=64}: each connection keeps that many parsed
     * statements instead of H2's 8; a claim and an end use more than 8 distinct statements, so H2 parsed most of them
     * again on every call (issue 15: the parser was a tenth of a worker's CPU). {@code PAGE_SIZE=4096}: every commit
     * writes each B-tree page it changed in full, and a submit changes the newest page of the tasks, their indexes
     * and their events; at H2's 16 KiB those pages made most of a commit's bytes (issue 15: a tenth less CPU per
     * submit at 4 KiB, no more at 2 KiB).
     */
    public static String h2Url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("db").resolve("vedit")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;WRITE_DELAY=0;QUERY_CACHE_SIZE=64;PAGE_SIZE=4096"
                // H2 refuses DB_CLOSE_ON_EXIT=FALSE beside AUTO_SERVER; so that its exit hook does not close the database
                // under workers still stopping, `vedit serve` closes the service on SIGTERM/SIGINT before exit hooks run.
                + ";AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE";
    }

    /**
     * One spelling per embedded database file, whoever opened it (H2's {@code DATABASE_PATH()} reports the path the
     * opener gave: a command run with a relative {@code --data-dir} in another directory spells it differently from the
     * service). The key for what this JVM learns from the file's Java triggers (keys, tasks).
     */
    public static String canonicalPath(String path) {
        try {
            Path p = Path.of(path).toAbsolutePath().normalize();
            Path parent = p.getParent();
            return parent != null && java.nio.file.Files.isDirectory(parent) ? parent.toRealPath().resolve(p.getFileName()).toString() : p.toString();
        } catch (java.nio.file.InvalidPathException | java.io.IOException e) {
            return path;
        }
    }

    /**
     * The H2 file a trigger's connection is on, as H2 names it ({@link #canonicalPath} spells it alike everywhere); an
     * in-memory database has no path, and no other process can reach it, so its own name is enough.
     */
    public static String h2FileOf(Connection conn) throws SQLException {
        try (java.sql.Statement s = conn.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT DATABASE_PATH()")) {
            rs.next();
            String path = rs.getString(1);
            return path != null ? path : "mem:" + conn.getCatalog();
        }
    }

    /** The 0-based position of {@code column} in a trigger's row arrays of {@code table}; -1 when the table has none. */
    public static int columnIndex(Connection conn, String schema, String table, String column) throws SQLException {
        try (java.sql.ResultSet columns = conn.getMetaData().getColumns(null, schema, table, null)) {
            while (columns.next()) {
                if (column.equalsIgnoreCase(columns.getString("COLUMN_NAME"))) {
                    return columns.getInt("ORDINAL_POSITION") - 1;
                }
            }
        }
        return -1;
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
        config.setExceptionOverride(new ReopenClosedH2());
        HikariDataSource ds = new HikariDataSource(config);
        boolean h2 = url.startsWith("jdbc:h2:");
        try {
            // db/h2: what only the embedded database needs (see the migrations there).
            String[] locations = h2 ? new String[] {"classpath:db/migration", "classpath:db/h2"} : new String[] {"classpath:db/migration"};
            Flyway.configure().dataSource(ds).locations(locations).load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds, h2, url, user, password);
    }

    /**
     * Whether the database answers a query within {@code timeout}: {@code null} when it does, else why not (for
     * {@code /healthz}; no URL or address in it).
     */
    public String problem(java.time.Duration timeout) {
        try {
            // On its own thread, so that a pool waiting for a connection cannot hold the health check past its timeout.
            java.util.concurrent.CompletableFuture<Integer> answer = new java.util.concurrent.CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    answer.complete(jdbi.withHandle(h -> h.createQuery(PING).mapTo(Integer.class).one()));
                } catch (RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            });
            Integer one = answer.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return one != null && one == 1 ? null : "the database gave a wrong answer";
        } catch (java.util.concurrent.TimeoutException e) {
            return "the database did not answer within " + timeout.toSeconds() + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (java.util.concurrent.ExecutionException e) {
            return "the database is unavailable (" + e.getCause().getClass().getSimpleName() + ")";
        }
    }

    /**
     * Throws away pooled connections of an embedded H2 database that closed itself. H2 closes the database for
     * good when a write fails (a full disk: "Writing to … failed"), and every pooled connection then answers
     * "The database has been closed" (90098) forever, an SQLState the pool does not take for a dead connection.
     * Evicting them makes the next borrower open a fresh connection, which reopens the database file from its
     * last commit: once space is freed, the service recovers by itself instead of failing until restarted.
     */
    static final class ReopenClosedH2 implements com.zaxxer.hikari.SQLExceptionOverride {
        /** H2's DATABASE_IS_CLOSED and DATABASE_CALLED_AT_SHUTDOWN. */
        private static final java.util.Set<Integer> CLOSED = java.util.Set.of(90098, 90121);

        @java.lang.Override
        public Override adjudicate(SQLException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql && CLOSED.contains(sql.getErrorCode())) {
                    return Override.MUST_EVICT;
                }
            }
            return Override.CONTINUE_EVICT;
        }
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
