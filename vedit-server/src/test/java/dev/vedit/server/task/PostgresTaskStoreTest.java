package dev.vedit.server.task;

import dev.vedit.server.db.Database;
import dev.vedit.server.db.TestDatabases;

class PostgresTaskStoreTest extends TaskStoreContract {
    @Override
    Database open() {
        return TestDatabases.postgres();
    }
}
