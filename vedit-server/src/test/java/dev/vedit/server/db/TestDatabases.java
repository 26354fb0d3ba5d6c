package dev.vedit.server.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/** Real databases for tests: H2 in a temp dir, and one embedded PostgreSQL server per JVM with a fresh database per call. */
public final class TestDatabases {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    public static Database h2(Path dir) {
        return Database.open(Database.h2Url(dir), null, null, 8);
    }

    /** A new, empty, migrated PostgreSQL database on the shared embedded server. */
    public static Database postgres() {
        return Database.open(newPostgresDatabase(), "postgres", "postgres", 8);
    }

    /** Creates an empty database on the shared embedded server and returns its JDBC URL (user and password "postgres"). */
    public static String newPostgresDatabase() {
        String name = "vedit_test_" + COUNTER.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return postgresUrl(name);
    }

    /** The JDBC URL of a database on the shared embedded server. */
    public static String postgresUrl(String database) {
        return server().getJdbcUrl("postgres", database);
    }

    public static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
        }
        return postgres;
    }
}
