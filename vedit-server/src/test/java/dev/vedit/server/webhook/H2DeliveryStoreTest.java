package dev.vedit.server.webhook;

import dev.vedit.server.db.Database;
import dev.vedit.server.db.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2DeliveryStoreTest extends DeliveryStoreContract {
    @TempDir
    Path dir;

    @Override
    Database open() {
        return TestDatabases.h2(dir);
    }
}
