package dev.vedit.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vedit.server.db.Database;
import dev.vedit.server.db.TestDatabases;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Nodes starting together on one database provision the same {@code VEDIT_API_KEY} list without failing. */
class ApiKeysProvisioningTest {

    @Test
    void aNodeThatLosesTheRaceToProvisionAKeyStartsWithTheWinnersAccount() {
        try (Database db = TestDatabases.postgres()) {
            ApiKeys first = new ApiKeys(db.jdbi(), Clock.systemUTC(), 2, 10);
            ApiKeys second = new ApiKeys(db.jdbi(), Clock.systemUTC(), 2, 10);
            String key = ApiKeys.generate();
            assertThat(second.authenticate(key)).isEmpty(); // the second node looked before the first created it

            first.provision(List.of(key));
            second.provision(List.of(key));

            assertThat(second.authenticate(key)).isEqualTo(first.authenticate(key)).isPresent();
            long accounts = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM accounts").mapTo(Long.class).one());
            assertThat(accounts).isEqualTo(1);
        }
    }
}
