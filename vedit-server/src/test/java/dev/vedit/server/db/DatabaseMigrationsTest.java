package dev.vedit.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migrations that only one kind of database gets (db/h2). */
class DatabaseMigrationsTest {
    @Test
    void theEmbeddedDatabaseHandsOutEventIdsFromALargeCache(@TempDir Path dir) {
        try (Database db = TestDatabases.h2(dir)) {
            assertThat(identityCache(db, "SELECT identity_cache FROM information_schema.columns "
                    + "WHERE table_name = '%s' AND column_name = 'id'")).containsExactly(1024L, 1024L);
        }
    }

    @Test
    void postgresKeepsOneIdAtATimeSoThatIdsFollowTheOrderOfTheirSessions() {
        try (Database db = TestDatabases.postgres()) {
            assertThat(identityCache(db, "SELECT cache_size FROM pg_sequences WHERE sequencename = pg_get_serial_sequence('%s', 'id')::regclass::name"))
                    .containsExactly(1L, 1L);
        }
    }

    private static java.util.List<Long> identityCache(Database db, String queryOfTable) {
        return java.util.stream.Stream.of("task_events", "webhook_deliveries")
                .map(table -> db.jdbi().withHandle(h -> h.createQuery(queryOfTable.formatted(table)).mapTo(Long.class).one()))
                .toList();
    }
}
