package dev.vedit.server.webhook;

import dev.vedit.server.db.Database;
import dev.vedit.server.db.TestDatabases;

class PostgresDeliveryStoreTest extends DeliveryStoreContract {
    @Override
    Database open() {
        return TestDatabases.postgres();
    }
}
