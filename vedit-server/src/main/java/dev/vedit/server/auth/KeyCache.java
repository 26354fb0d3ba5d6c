package dev.vedit.server.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys this process has seen, by hash, for the embedded H2 database only: each entry is stamped with the
 * {@link KeyChanges.Database#generation() generation} of the database when its read began, and answers only while
 * the generation is unchanged, so any change of any key or account (revoked, limits, deleted) makes every entry
 * stale at once, inside the changing statement, before its commit (see {@link KeyChangeTrigger}).
 *
 * <p>Why a miss reads with a row lock ({@code FOR UPDATE}): the trigger fires before the writer commits, and a plain
 * read in that window would still see the old, committed row and could store it under the new generation: a revoked
 * key remembered for good. A locking read waits for the writer's commit and then sees the new row. A read that began
 * before the change is stamped with the older generation and never answers. Unknown keys are not cached, so a flood of
 * made-up keys cannot grow memory and a new key works at once.
 */
final class KeyCache {
    /** Past this many remembered keys the map starts over: entries of revoked or rotated keys are never read again. */
    static final int MAX_ENTRIES = 100_000;

    private final KeyChanges.Database database;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(ApiKeys.Authenticated value, long generation) {
    }

    KeyCache(KeyChanges.Database database) {
        this.database = database;
    }

    /** The remembered key, if its entry is of the current generation. */
    ApiKeys.Authenticated get(String hash) {
        Entry e = entries.get(hash);
        return e != null && e.generation == database.generation() ? e.value : null;
    }

    /** The generation to stamp a read that begins now with; negative: do not cache (this JVM does not hold the database). */
    long stamp() {
        return database.generation();
    }

    /** Remembers a key read under {@code stamp}; an entry whose stamp is already stale is simply never answered. */
    void put(String hash, ApiKeys.Authenticated value, long stamp) {
        if (stamp < 0) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(hash, new Entry(value, stamp));
    }

    /** Whether this JVM holds the database, so that entries can answer. */
    boolean active() {
        return database.holds();
    }
}
