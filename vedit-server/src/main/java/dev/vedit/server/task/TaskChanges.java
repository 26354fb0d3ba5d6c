package dev.vedit.server.task;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this JVM learns about changed tasks of each embedded H2 database it holds, told by {@link TaskChangeTrigger}
 * inside every changing statement, before its commit, whichever process sent it (the same mechanism as the key cache's,
 * see {@code auth.KeyChanges}). A database is {@linkplain Database#holds() held} while the trigger is loaded here: H2
 * loads it when this JVM opens the file, and closes it when the file closes.
 */
final class TaskChanges {
    private static final Map<String, Database> DATABASES = new ConcurrentHashMap<>();

    private TaskChanges() {
    }

    /** The state of the database at {@code path} (H2's {@code DATABASE_PATH()}), created on first use. */
    static Database of(String path) {
        return DATABASES.computeIfAbsent(dev.vedit.server.db.Database.canonicalPath(path), p -> new Database());
    }

    /** Told of every changed task, and of every open and close of the file (after which anything remembered may be stale). */
    interface Listener {
        void changed(long taskId);

        void reset();
    }

    /** One database file: whether this JVM holds it, a counter that moves on every change, and who listens. */
    static final class Database {
        private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
        private int triggers;
        private long counter;
        /** Moves on every change and on every open and close; negative while this JVM does not hold the file. */
        private volatile long generation = -1;

        /** The current generation, or -1 when this JVM does not hold the database: then nothing may be remembered. */
        long generation() {
            return generation;
        }

        boolean holds() {
            return generation >= 0;
        }

        void subscribe(Listener listener) {
            listeners.add(listener);
        }

        void unsubscribe(Listener listener) {
            listeners.remove(listener);
        }

        void opened() {
            synchronized (this) {
                triggers++;
                publish();
            }
            listeners.forEach(Listener::reset);
        }

        void closed() {
            synchronized (this) {
                triggers--;
                publish();
            }
            listeners.forEach(Listener::reset);
        }

        /** The generation moves first, then the listeners hear: a read stamped before this change can no longer be kept. */
        void changed(long taskId) {
            synchronized (this) {
                publish();
            }
            listeners.forEach(l -> l.changed(taskId));
        }

        private void publish() {
            counter++;
            generation = triggers > 0 ? counter : -1;
        }
    }
}
