package dev.vedit.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vedit.server.db.Database;
import dev.vedit.server.db.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys at rest are hashes; made-up keys leave nothing behind. */
class ApiKeysTest {
    @TempDir
    Path dir;
    Database db;
    ApiKeys keys;

    @BeforeEach
    void open() {
        db = TestDatabases.h2(dir);
        keys = new ApiKeys(db.jdbi(), Clock.systemUTC(), 2, 10);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void theDatabaseHoldsOnlyTheHashAndASixCharacterLabel() {
        String key = ApiKeys.generate();
        keys.createAccount("someone", key);
        List<String> stored = db.jdbi().withHandle(h -> h.createQuery("SELECT key_hash || ' ' || key_prefix FROM api_keys").mapTo(String.class).list());
        assertThat(stored).hasSize(1);
        assertThat(stored.getFirst()).doesNotContain(key).startsWith(ApiKeys.hash(key)).endsWith(" " + key.substring(0, 6));
        assertThat(keys.authenticate(key)).isPresent();
        assertThat(keys.authenticate(key.substring(0, 31) + (key.endsWith("0") ? "1" : "0"))).isEmpty();
    }

    @Test
    void anUnknownKeyIsNotRememberedSoItWorksTheMomentItIsProvisioned() {
        String key = ApiKeys.generate();
        assertThat(keys.authenticate(key)).isEmpty();
        keys.createAccount("late", key);
        assertThat(keys.authenticate(key)).isPresent();
    }

    @Test
    void oversizedOrBlankKeysAreRefusedWithoutALookup() {
        assertThat(keys.authenticate("x".repeat(10_000))).isEmpty();
        assertThat(keys.authenticate("   ")).isEmpty();
        assertThat(keys.authenticate(null)).isEmpty();
    }
}
