package dev.vedit.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vedit.server.auth.KeyAdmin.Scope;
import dev.vedit.server.db.Database;
import dev.vedit.server.db.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys remembered on the embedded database ({@link KeyCache}): a repeated key is answered from memory, and every
 * change of a key or an account, by any writer, is seen on the very next lookup, even one that races the change.
 */
class KeyCacheTest {
    @TempDir
    Path dir;
    Database db;
    ApiKeys keys;
    /** Another writer: `vedit keys` in another process, or the console's routes, write straight into the database. */
    KeyAdmin elsewhere;

    @BeforeEach
    void open() {
        db = TestDatabases.h2(dir);
        keys = ApiKeys.forService(db, Clock.systemUTC(), 2, 10);
        elsewhere = new KeyAdmin(db.jdbi(), new ApiKeys(db.jdbi(), Clock.systemUTC(), 1, 1), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aRepeatedKeyIsAnsweredFromMemory() {
        String key = elsewhere.createAccount(Scope.COMMAND_LINE, "someone", null, null, null, false).key();
        assertThat(keys.caching()).isTrue();
        assertThat(keys.authenticate(key)).isPresent();
        long read = keys.databaseLookups();
        for (int i = 0; i < 5; i++) {
            assertThat(keys.authenticate(key)).isPresent();
        }
        assertThat(keys.databaseLookups()).as("answered from memory").isEqualTo(read);

        ApiKeys uncached = new ApiKeys(db.jdbi(), Clock.systemUTC(), 2, 10);
        uncached.authenticate(key);
        uncached.authenticate(key);
        assertThat(uncached.databaseLookups()).isEqualTo(2);
    }

    @Test
    void unknownKeysAreNotRemembered() {
        String key = ApiKeys.generate();
        assertThat(keys.authenticate(key)).isEmpty();
        assertThat(keys.authenticate(key)).isEmpty();
        assertThat(keys.databaseLookups()).isEqualTo(2);
        keys.createAccount("late", key);
        assertThat(keys.authenticate(key)).as("a new key works at once").isPresent();
    }

    @Test
    void aRevokeByAnotherWriterIsRefusedOnTheNextLookup() {
        KeyAdmin.NewKey k = elsewhere.createAccount(Scope.COMMAND_LINE, "someone", null, null, null, false);
        KeyAdmin.NewKey other = elsewhere.createAccount(Scope.COMMAND_LINE, "other", null, null, null, false);
        assertThat(keys.authenticate(k.key())).isPresent();
        assertThat(keys.authenticate(other.key())).isPresent();

        elsewhere.revoke(Scope.COMMAND_LINE, k.info().id());
        assertThat(keys.authenticate(k.key())).isEmpty();
        assertThat(keys.authenticate(other.key())).as("other keys still work").isPresent();

        KeyAdmin.NewKey rotated = elsewhere.rotate(Scope.COMMAND_LINE, other.info().id());
        assertThat(keys.authenticate(other.key())).isEmpty();
        assertThat(keys.authenticate(rotated.key())).isPresent();
    }

    @Test
    void limitsChangedByAnotherWriterAreSeenOnTheNextLookup() {
        KeyAdmin.NewKey k = elsewhere.createAccount(Scope.COMMAND_LINE, "someone", null, 2, 10, false);
        assertThat(keys.authenticate(k.key()).orElseThrow().concurrency()).isEqualTo(2);
        elsewhere.setLimits(Scope.COMMAND_LINE, k.info().accountId(), 7, 70);
        Account now = keys.authenticate(k.key()).orElseThrow();
        assertThat(now.concurrency()).isEqualTo(7);
        assertThat(now.queueLimit()).isEqualTo(70);
        // A plain UPDATE by hand (an operator at the SQL prompt) counts too.
        db.jdbi().useHandle(h -> h.execute("UPDATE accounts SET queue_limit = 71 WHERE id = ?", k.info().accountId()));
        assertThat(keys.authenticate(k.key()).orElseThrow().queueLimit()).isEqualTo(71);
    }

    @Test
    void aLastUseWriteDoesNotEmptyTheCache() {
        String key = elsewhere.createAccount(Scope.COMMAND_LINE, "someone", null, null, null, false).key();
        keys.authenticate(key);
        long read = keys.databaseLookups();
        db.jdbi().useHandle(h -> h.execute("UPDATE api_keys SET last_used_at = last_used_at + 1"));
        keys.authenticate(key);
        assertThat(keys.databaseLookups()).isEqualTo(read);
    }

    /**
     * The race a cache filled by a plain read would lose: the trigger fires inside the revoking statement, before its
     * commit, and a lookup in that window must not read the old row and keep it. It waits for the commit instead.
     */
    @Test
    void aLookupDuringAnUncommittedRevokeWaitsForTheCommitAndIsRefused() throws Exception {
        KeyAdmin.NewKey k = elsewhere.createAccount(Scope.COMMAND_LINE, "someone", null, null, null, false);
        assertThat(keys.authenticate(k.key())).isPresent();
        try (Connection writer = DriverManager.getConnection(Database.h2Url(dir))) {
            writer.setAutoCommit(false);
            try (PreparedStatement revoke = writer.prepareStatement("UPDATE api_keys SET revoked_at = 1 WHERE id = ?")) {
                revoke.setLong(1, k.info().id());
                assertThat(revoke.executeUpdate()).isEqualTo(1);
            }
            CompletableFuture<Optional<Account>> lookup = CompletableFuture.supplyAsync(() -> keys.authenticate(k.key()));
            // The lookup is blocked on the revoking transaction's row lock (H2 names the blocker of each waiting session).
            Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> blockedSessions(writer) > 0 || lookup.isDone());
            assertThat(lookup).as("the lookup waits for the revoke to commit or roll back").isNotDone();
            writer.commit();
            assertThat(lookup.get(1, TimeUnit.MINUTES)).isEmpty();
        }
        assertThat(keys.authenticate(k.key())).isEmpty();
    }

    @Test
    void nothingIsRememberedWhileThisProcessDoesNotHoldTheDatabase() {
        String key = elsewhere.createAccount(Scope.COMMAND_LINE, "someone", null, null, null, false).key();
        keys.authenticate(key);
        db.close();
        db = null;
        assertThat(keys.caching()).as("the file is closed: its triggers are gone from this JVM").isFalse();
        db = TestDatabases.h2(dir);
        ApiKeys reopened = ApiKeys.forService(db, Clock.systemUTC(), 2, 10);
        assertThat(keys.caching()).as("the same file, opened again here").isTrue();
        // The entry from before the close is of an older generation (the file may have changed while this process did
        // not hold it), so the old instance goes to its database, whose pool is closed, instead of answering from memory.
        assertThatThrownBy(() -> keys.authenticate(key)).hasMessageContaining("has been closed");
        assertThat(reopened.authenticate(key)).isPresent();
        assertThat(reopened.authenticate(key)).isPresent();
        assertThat(reopened.databaseLookups()).isEqualTo(1);
    }

    private static int blockedSessions(Connection c) throws Exception {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
