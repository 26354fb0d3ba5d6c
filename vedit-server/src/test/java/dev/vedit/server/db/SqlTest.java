package dev.vedit.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlTest {
    @Test
    void aNamedStatementBecomesPositionalWithItsNamesInOrder() {
        Sql.Positional p = Sql.positional("SELECT :a, 'x:y', :b, :a");
        assertThat(p.sql()).isEqualTo("SELECT ?, 'x:y', ?, ?");
        assertThat(p.names()).containsExactly("a", "b", "a");
    }

    @Test
    void aNameIsSetInEveryPlaceAndAnUnknownOneIsRefused(@TempDir Path dir) throws Exception {
        Database db = TestDatabases.h2(dir);
        try {
            Sql.Positional p = Sql.positional("SELECT CAST(:a AS INT) + CAST(:b AS INT) + CAST(:a AS INT)");
            db.jdbi().useHandle(h -> {
                try (PreparedStatement s = h.getConnection().prepareStatement(p.sql())) {
                    p.set(s, "a", 10);
                    p.set(s, "b", 1);
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        assertThat(r.getInt(1)).isEqualTo(21);
                    }
                    assertThatThrownBy(() -> p.set(s, "c", 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(":c");
                }
            });
        } finally {
            db.close();
        }
    }
}
