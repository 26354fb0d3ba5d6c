package dev.vedit.server.task;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * What the submits of this process know about how many tasks of an account, or of a model, are queued, so that a
 * group of submits far below a queue limit is let in without counting the queued rows (a count walks every one of
 * them while the queue is below its limit: on H2 about a millisecond per thousand, inside the group's turn).
 *
 * <p>A count read at some moment, plus every entry into the queue since then ({@link QueueEntries}: inserts, retries and
 * rescues, by any node), is never less than what is queued now: tasks leaving the queue only make the true number
 * smaller. The entries are read before the count, in the same transaction, so an entry that committed in between is
 * counted twice rather than not at all. When the bound and the arriving tasks could reach the limit, the rows are
 * counted again, as before; so a limit is exactly as strict as when every group counted.
 *
 * <p>Used only under the batcher's turn (one group at a time), hence not thread-safe.
 */
final class QueueBounds<K> {
    /** Keys remembered before all are forgotten at once: more accounts than this rarely submit within one bound's life. */
    private static final int MAX_KEYS = 10_000;

    private record Known(int queued, long entries) {
    }

    private final Map<K, Known> known = new HashMap<>();

    /**
     * Queued tasks of {@code key}, or a number no smaller, that suffices to admit {@code arriving} more under
     * {@code limit}: the remembered bound when it leaves room for them, else {@code count} (the rows counted up to the
     * limit) read now, and remembered when below the limit.
     *
     * @param entries {@link QueueEntries#total} read in this transaction before any count
     */
    int queued(K key, int limit, int arriving, long entries, IntSupplier count) {
        Known k = known.get(key);
        if (k != null) {
            long bound = k.queued + (entries - k.entries);
            if (bound + arriving < limit) {
                return (int) bound;
            }
        }
        int counted = count.getAsInt();
        if (counted < limit) {
            // A count that stopped at the limit only says "at least": not a bound, so not kept.
            if (known.size() >= MAX_KEYS && !known.containsKey(key)) {
                known.clear();
            }
            known.put(key, new Known(counted, entries));
        } else {
            known.remove(key);
        }
        return counted;
    }
}
