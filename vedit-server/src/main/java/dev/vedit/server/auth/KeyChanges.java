package dev.vedit.server.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this JVM knows about changes to keys and accounts of each embedded H2 database it holds, told by
 * {@link KeyChangeTrigger}. H2 runs a Java trigger inside the JVM that holds the database file, whichever process sent
 * the write (a {@code vedit keys} process reaches the service's database through its AUTO_SERVER port), and runs it
 * inside the writing statement, before its commit. So a cache here that is dropped by the trigger cannot miss a
 * change, provided this JVM holds the file: a database is {@linkplain Database#holds() held} only while both
 * triggers are loaded here (H2 loads them when it opens the file and closes them when it closes it).
 */
final class KeyChanges {
    /** The tables whose rows an {@link ApiKeys.Authenticated} is read from: each needs its trigger loaded here. */
    static final String KEYS_TABLE = "api_keys";
    static final String ACCOUNTS_TABLE = "accounts";

    private static final Map<String, Database> DATABASES = new ConcurrentHashMap<>();

    private KeyChanges() {
    }

    /** The state of the database at {@code path} (H2's {@code DATABASE_PATH()}), created on first use. */
    static Database of(String path) {
        return DATABASES.computeIfAbsent(dev.vedit.server.db.Database.canonicalPath(path), p -> new Database());
    }

    /** One database file: whether this JVM holds it, and a counter that moves on every change of a key or account. */
    static final class Database {
        private int keysTriggers;
        private int accountsTriggers;
        /** Moves on every change and on every open and close; negative while this JVM does not hold the file. */
        private volatile long generation = -1;
        private long counter;

        /**
         * The current generation, or -1 when this JVM does not hold the database (the triggers fire elsewhere, or the
         * file is closed): then nothing may be cached.
         */
        long generation() {
            return generation;
        }

        boolean holds() {
            return generation >= 0;
        }

        synchronized void opened(String table) {
            if (KEYS_TABLE.equalsIgnoreCase(table)) {
                keysTriggers++;
            } else if (ACCOUNTS_TABLE.equalsIgnoreCase(table)) {
                accountsTriggers++;
            }
            publish();
        }

        synchronized void closed(String table) {
            if (KEYS_TABLE.equalsIgnoreCase(table)) {
                keysTriggers--;
            } else if (ACCOUNTS_TABLE.equalsIgnoreCase(table)) {
                accountsTriggers--;
            }
            publish();
        }

        synchronized void changed() {
            publish();
        }

        /** A new generation: every entry stamped with an older one is stale from this moment. */
        private void publish() {
            counter++;
            generation = keysTriggers > 0 && accountsTriggers > 0 ? counter : -1;
        }
    }
}
