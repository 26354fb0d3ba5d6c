package dev.vedit.server.task;

import dev.vedit.server.db.Database;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;

/**
 * Group commit of submits (issue 15). Each commit of the embedded database writes a chunk of its store before it returns
 * ({@code WRITE_DELAY=0}, so that an acknowledged task survives {@code kill -9}), and those writes happen one at a
 * time: with a transaction per submit, concurrent submits queued behind each other's commits. Here concurrent submits
 * hand their insert to whichever of them holds the turn, which checks the queue limits, inserts the whole group and
 * commits it in one transaction; each submit returns only once the transaction holding its task committed, so what a
 * client is told is as durable as before.
 *
 * <p>There is no committer thread: a submit queues its insert and takes the turn if it is free, committing everything
 * queued (its own insert among it); else it sleeps until its insert is done or it is woken to take the next turn. So
 * a group forms of the submits that arrived while the previous one committed, and the submits of a group return
 * together instead of taking the turn one after another. Before it commits, the turn's holder waits briefly for the
 * submits that are still being validated and planned ({@link #arrive}, {@link #gather}), and on a busy server lingers
 * while more keep coming; a lone submit commits at once.
 *
 * <p>A group whose transaction fails is retried one insert per transaction, so that only the submit at fault fails,
 * with its own error (an {@code Idempotency-Key} another submit holds: the caller answers with that task); when the
 * database cannot be reached, every submit of the group fails with that at once.
 *
 * <p>Queue limits are checked inside the transaction, once per account and per model for the whole group and then
 * adding the group's own earlier tasks, so the inserts of one process never take a queue past its limit, however many
 * arrive at once. A group far below the limits is let in on a bound instead of a count of the queued rows
 * ({@link QueueBounds}).
 */
final class SubmitBatcher {
    /** The most inserts one transaction holds: a group stays a short transaction however many submits wait. */
    static final int MAX_GROUP = 64;
    /**
     * How long the turn's holder waits at most for submits still on their way before it commits (see {@link #gather}):
     * a few times what a submit's validation and planning take, and a small part of a busy submit's latency.
     */
    static final Duration GATHER = Duration.ofMillis(5);
    /** A group at least this large shows a busy server: the next turn {@link #gather lingers} for more submits. */
    static final int BUSY_GROUP = 4;
    /**
     * How long a lingering turn waits for the next insert: on the API bench's busy server a few submits reach their
     * insert in it, and it is a small part of a busy submit's latency.
     */
    static final Duration LINGER = Duration.ofNanos(500_000);

    /**
     * A task to queue, the limits it must fit in (its account's and its model's queued tasks), and whatever else must
     * commit with it (e.g. its idempotency key).
     */
    record Insert(Task task, int accountLimit, int endpointLimit, HandleConsumer<RuntimeException> alsoInTransaction) {
    }

    private final Jdbi jdbi;
    private final TaskQueue queue;
    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    /** Held while a group is counted, inserted and committed. */
    private final ReentrantLock turn = new ReentrantLock();
    /** Bounds on the queues' lengths that spare a group the counts; used under the turn only. */
    private final QueueBounds<Long> accountBounds = new QueueBounds<>();
    private final QueueBounds<String> endpointBounds = new QueueBounds<>();
    /** Submits between {@link #arrive} and their insert. */
    private final AtomicInteger arriving = new AtomicInteger();
    /**
     * The turn's holder while it gathers, to be woken when the last arriving submit has queued and, while it lingers,
     * at each insert.
     */
    private volatile Thread gatherer;
    /** How many inserts the last group held; used under the turn only. */
    private int lastGroup;

    private final long gatherNanos;
    private final long lingerNanos;

    SubmitBatcher(TaskQueue queue) {
        this(queue, GATHER, LINGER);
    }

    /**
     * A batcher whose turn waits up to {@code gather} in all for arriving submits, and lingers up to {@code linger} for
     * each next insert after a busy group (tests use long ones).
     */
    SubmitBatcher(TaskQueue queue, Duration gather, Duration linger) {
        this.jdbi = queue.jdbi();
        this.queue = queue;
        this.gatherNanos = gather.toNanos();
        this.lingerNanos = linger.toNanos();
    }

    /**
     * Queues the task and returns once it is committed.
     *
     * @throws VeditException {@link ErrorCode#QUEUE_LIMIT} when the account's or the model's queue is full
     * @throws RuntimeException the database's own error when this insert failed (nothing of it was stored)
     */
    void insert(Insert insert) {
        insert(insert, null);
    }

    /**
     * {@link #insert(Insert)} for a submit that {@link #arrive arrived} earlier; its arrival ends once its insert is
     * queued.
     */
    void insert(Insert insert, Arrival arrival) {
        Waiting mine = new Waiting(insert);
        waiting.add(mine);
        Thread lingering = gatherer;
        if (lingering != null) {
            LockSupport.unpark(lingering); // it waits for inserts: one more came
        }
        if (arrival != null) {
            arrival.close();
        }
        while (!mine.done) {
            if (turn.tryLock()) {
                try {
                    while (!mine.done) {
                        gather();
                        List<Waiting> group = nextGroup();
                        lastGroup = group.size();
                        commit(group);
                    }
                } finally {
                    turn.unlock();
                }
                // Whoever queued while this group committed sleeps until told: the oldest takes the next turn. (It
                // queued before it found the turn taken, so it is seen here whenever it missed the unlock above.)
                Waiting next = waiting.peek();
                if (next != null) {
                    next.wake();
                }
            } else {
                mine.sleep();
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    /**
     * Marks a submit that will {@link #insert(Insert, Arrival) insert} soon (it is being validated and planned), so that
     * a group about to commit waits briefly for it; closing the arrival without inserting (a refused submit) ends it.
     */
    Arrival arrive() {
        arriving.incrementAndGet();
        return new Arrival();
    }

    /** A submit on its way to its insert; closing it more than once is harmless. */
    final class Arrival implements AutoCloseable {
        private boolean closed;

        private Arrival() {
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (arriving.decrementAndGet() == 0) {
                Thread waiter = gatherer;
                if (waiter != null) {
                    LockSupport.unpark(waiter);
                }
            }
        }
    }

    /**
     * Waits, up to {@link #GATHER} in all, while other submits are on their way, so that they commit in this group
     * rather than each in a group of its own: every commit writes a chunk of the store whatever it holds, so on a busy
     * server fewer, larger groups cost far less CPU per submit. This is PostgreSQL's {@code commit_delay} with
     * {@code commit_siblings} of one. When the last group was large, submits also keep arriving that have not reached
     * {@link #arrive} yet (still being read off their connections): the turn lingers until no insert has come for a
     * {@link #LINGER} or the group is full. On the API bench's 32 clients that made the groups three times larger (5
     * to 15–18 inserts) and took the group's turn from 22 % to 16 % of a submit's CPU. A submit with nobody else
     * arriving commits at once.
     */
    private void gather() {
        long until = System.nanoTime() + gatherNanos;
        gatherer = Thread.currentThread();
        try {
            for (long left = gatherNanos; arriving.get() > 0 && left > 0; left = until - System.nanoTime()) {
                LockSupport.parkNanos(this, left);
            }
            if (lastGroup < BUSY_GROUP) {
                return;
            }
            // A wake-up without a new insert (an unpark meant for a moment ago) does not end a quiet spell early.
            int seen = waiting.size();
            long quietUntil = System.nanoTime() + lingerNanos;
            for (long now = System.nanoTime(); seen < MAX_GROUP && now - quietUntil < 0 && now - until < 0; now = System.nanoTime()) {
                LockSupport.parkNanos(this, Math.min(quietUntil - now, until - now));
                int queued = waiting.size();
                if (queued > seen) {
                    seen = queued;
                    quietUntil = System.nanoTime() + lingerNanos;
                }
            }
        } finally {
            gatherer = null;
        }
    }

    /** How many inserts wait for a turn (for tests, which wait for a group to form). */
    int waiting() {
        return waiting.size();
    }

    /** How many submits have arrived and not yet inserted (for tests). */
    int arriving() {
        return arriving.get();
    }

    /** Whether the turn's holder is waiting for arriving submits (for tests). */
    boolean gathering() {
        return gatherer != null;
    }

    /** An insert, how it went once its group is done, and the signal its submit sleeps on. */
    private static final class Waiting {
        final Insert insert;
        volatile boolean done;
        volatile RuntimeException failure;
        /** Released when the insert is done, or when the turn is free for it to take; a spare permit costs one look. */
        private final Semaphore signal = new Semaphore(0);

        Waiting(Insert insert) {
            this.insert = insert;
        }

        void end(RuntimeException outcome) {
            failure = outcome;
            done = true;
            signal.release();
        }

        void wake() {
            signal.release();
        }

        void sleep() {
            signal.acquireUninterruptibly();
        }
    }

    private List<Waiting> nextGroup() {
        List<Waiting> group = new ArrayList<>();
        Waiting w;
        while (group.size() < MAX_GROUP && (w = waiting.poll()) != null) {
            group.add(w);
        }
        return group;
    }

    private void commit(List<Waiting> group) {
        Map<Waiting, VeditException> refused;
        try {
            refused = jdbi.inTransaction(h -> insertWithin(h, group));
        } catch (RuntimeException e) {
            if (group.size() == 1 || Database.unreachable(e)) {
                group.forEach(w -> w.end(e));
            } else {
                // Some insert is at fault (e.g. an idempotency key another submit holds, or two of this group with one key):
                // each alone, so that only the one at fault fails, with its own error.
                group.forEach(w -> commit(List.of(w)));
            }
            return;
        }
        group.forEach(w -> w.end(refused.get(w)));
    }

    /** Counts, inserts what fits, records the rest as refused; the caller commits. */
    private Map<Waiting, VeditException> insertWithin(Handle h, List<Waiting> group) {
        Map<Long, Integer> accountLimits = new HashMap<>();
        Map<String, Integer> endpointLimits = new HashMap<>();
        Map<Long, Integer> ofAccount = new HashMap<>();
        Map<String, Integer> ofEndpoint = new HashMap<>();
        for (Waiting w : group) {
            Task t = w.insert.task();
            accountLimits.merge(t.accountId(), w.insert.accountLimit(), Math::max);
            endpointLimits.merge(t.endpoint(), w.insert.endpointLimit(), Math::max);
            ofAccount.merge(t.accountId(), 1, Integer::sum);
            ofEndpoint.merge(t.endpoint(), 1, Integer::sum);
        }
        // Queued now, or a bound on it that leaves room for the group (up to the largest limit in the group), then plus
        // each task of the group let in. The entries are read before any count (see QueueBounds).
        long entries = QueueEntries.total(h);
        Map<Long, Integer> accountQueued = new HashMap<>();
        accountLimits.forEach((account, limit) -> accountQueued.put(account, accountBounds.queued(account, limit, ofAccount.get(account),
                entries, () -> TaskReads.queuedOfAccountUpTo(h, account, limit))));
        Map<String, Integer> endpointQueued = new HashMap<>();
        endpointLimits.forEach((endpoint, limit) -> endpointQueued.put(endpoint, endpointBounds.queued(endpoint, limit, ofEndpoint.get(endpoint),
                entries, () -> TaskReads.queuedOfEndpointUpTo(h, endpoint, limit))));

        Map<Waiting, VeditException> refused = new IdentityHashMap<>();
        List<Waiting> admitted = new ArrayList<>(group.size());
        Map<Long, Integer> admittedOfAccount = new HashMap<>();
        Map<String, Integer> admittedOfEndpoint = new HashMap<>();
        for (Waiting w : group) {
            Task t = w.insert.task();
            if (accountQueued.get(t.accountId()) >= w.insert.accountLimit() || endpointQueued.get(t.endpoint()) >= w.insert.endpointLimit()) {
                VeditException full = queueFull(h, w.insert, admittedOfAccount.getOrDefault(t.accountId(), 0),
                        admittedOfEndpoint.getOrDefault(t.endpoint(), 0));
                if (full != null) {
                    refused.put(w, full);
                    continue;
                }
                // Tasks left the queue since the count: within the limits after all.
            }
            accountQueued.merge(t.accountId(), 1, Integer::sum);
            endpointQueued.merge(t.endpoint(), 1, Integer::sum);
            admittedOfAccount.merge(t.accountId(), 1, Integer::sum);
            admittedOfEndpoint.merge(t.endpoint(), 1, Integer::sum);
            admitted.add(w);
        }
        queue.insert(h, admitted.stream().map(w -> w.insert.task()).toList());
        for (Waiting w : admitted) {
            w.insert.alsoInTransaction().useHandle(h);
        }
        return refused;
    }

    /**
     * The refusal of an insert over a limit, saying how many tasks are queued in full (this group's earlier ones too);
     * {@code null} when the full count finds room after all.
     */
    private static VeditException queueFull(Handle h, Insert insert, int groupOfAccount, int groupOfEndpoint) {
        Task t = insert.task();
        TaskReads.Queued stored = TaskReads.queued(h, t.accountId(), t.endpoint());
        int ofAccount = stored.account() + groupOfAccount;
        int ofEndpoint = stored.endpoint() + groupOfEndpoint;
        if (ofAccount >= insert.accountLimit()) {
            return VeditException.of(ErrorCode.QUEUE_LIMIT,
                    "this API key already has " + ofAccount + " queued tasks (limit " + insert.accountLimit() + "); wait for some to finish",
                    "该 API Key 已有 " + ofAccount + " 个排队任务（上限 " + insert.accountLimit() + "），请等待部分任务完成");
        }
        if (ofEndpoint < insert.endpointLimit()) {
            return null;
        }
        return VeditException.of(ErrorCode.QUEUE_LIMIT,
                t.endpoint() + " has " + ofEndpoint + " queued tasks (limit " + insert.endpointLimit() + ")",
                t.endpoint() + " 已有 " + ofEndpoint + " 个排队任务（上限 " + insert.endpointLimit() + "）");
    }
}
