package dev.vedit.server.task;

import static dev.vedit.server.task.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vedit.server.auth.ApiKeys;
import dev.vedit.server.db.Database;
import dev.vedit.server.db.TestDatabases;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.HandleConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group commit of submits, on every database vedit supports. */
class SubmitBatcherTest {
    private static final String MODEL = "kling-video-o3-pro/video-edit";
    private static final String OTHER_MODEL = "kling-video-o1/video-edit";
    private static final int NO_LIMIT = 1_000_000;

    @Nested
    class H2 extends Contract {
        @TempDir
        Path dir;

        @Override
        Database open() {
            return TestDatabases.h2(dir);
        }
    }

    @Nested
    class Postgres extends Contract {
        @Override
        Database open() {
            return TestDatabases.postgres();
        }
    }

    abstract static class Contract {
        private Database db;
        private TaskQueue queue;
        private TaskReads reads;
        private SubmitBatcher batcher;
        private IdempotencyKeys idempotency;
        private long account;
        private final TaskIds ids = new TaskIds(Clock.systemUTC());
        private final ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();

        abstract Database open();

        @BeforeEach
        void setUp() {
            db = open();
            queue = new TaskQueue(db);
            reads = new TaskReads(db.jdbi());
            batcher = new SubmitBatcher(queue);
            idempotency = new IdempotencyKeys(db.jdbi());
            account = new ApiKeys(db.jdbi(), Clock.systemUTC(), 2, 100).createAccount("test", ApiKeys.generate()).id();
        }

        @AfterEach
        void tearDown() {
            clients.shutdownNow();
            db.close();
        }

        private Task task(String endpoint) {
            return aTask().withId(ids.next()).forAccount(account).withEndpoint(endpoint).build();
        }

        private Future<Task> submit(Task t, int accountLimit, int endpointLimit, HandleConsumer<RuntimeException> also) {
            return submit(batcher, t, accountLimit, endpointLimit, also);
        }

        private Future<Task> submit(SubmitBatcher to, Task t, int accountLimit, int endpointLimit, HandleConsumer<RuntimeException> also) {
            return clients.submit(() -> {
                to.insert(new SubmitBatcher.Insert(t, accountLimit, endpointLimit, also));
                return t;
            });
        }

        private Future<Task> holdTheTurn(CountDownLatch release) throws InterruptedException {
            return holdTheTurn(batcher, release);
        }

        /**
         * Holds the turn with a first insert whose transaction waits, so that the submits made meanwhile queue up and
         * commit as one group once {@code release} is counted down.
         */
        private Future<Task> holdTheTurn(SubmitBatcher of, CountDownLatch release) throws InterruptedException {
            CountDownLatch holding = new CountDownLatch(1);
            Future<Task> first = submit(of, task(MODEL), NO_LIMIT, NO_LIMIT, h -> {
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
            return first;
        }

        private void awaitWaiting(int n) throws InterruptedException {
            while (batcher.waiting() < n) {
                Thread.sleep(1); // a poll of what the test waits for, not a guess at how long it takes
            }
        }

        private static Throwable failureOf(Future<?> f) throws InterruptedException {
            try {
                f.get(60, TimeUnit.SECONDS);
                return null;
            } catch (java.util.concurrent.ExecutionException e) {
                return e.getCause();
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("a submit did not return", e);
            }
        }

        @Test
        void manyConcurrentSubmitsAllLandWithTheirFirstEvent() throws Exception {
            List<Future<Task>> submits = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                submits.add(submit(task(i % 2 == 0 ? MODEL : OTHER_MODEL), NO_LIMIT, NO_LIMIT, h -> { }));
            }
            for (Future<Task> f : submits) {
                Task t = f.get(60, TimeUnit.SECONDS);
                assertThat(reads.find(t.id(), account)).as("task %d is stored", t.id()).isPresent();
                assertThat(reads.events(t.id())).extracting(TaskEvent::message).containsExactly("submitted");
            }
            assertThat(reads.queued(account, MODEL)).isEqualTo(new TaskReads.Queued(200, 100));
        }

        @Test
        void aSubmitOnItsWayJoinsTheGroupAboutToCommit() throws Exception {
            // A gather far longer than the test may take: the group commits because the arriving submit inserted, not
            // because the wait ran out.
            SubmitBatcher patient = new SubmitBatcher(queue, java.time.Duration.ofMinutes(5), SubmitBatcher.LINGER);
            SubmitBatcher.Arrival onItsWay = patient.arrive();
            List<org.jdbi.v3.core.Handle> transactions = java.util.Collections.synchronizedList(new ArrayList<>());
            Task first = task(MODEL);
            Future<?> leader = clients.submit(() -> patient.insert(new SubmitBatcher.Insert(first, NO_LIMIT, NO_LIMIT,
                    transactions::add)));
            while (!patient.gathering()) {
                Thread.sleep(1); // a poll of what the test waits for
            }
            assertThat(leader).as("the first submit waits for the one on its way").isNotDone();
            Task second = task(MODEL);
            patient.insert(new SubmitBatcher.Insert(second, NO_LIMIT, NO_LIMIT, transactions::add), onItsWay);
            assertThat(failureOf(leader)).isNull();
            assertThat(transactions).hasSize(2);
            assertThat(transactions.get(0)).as("one transaction for both").isSameAs(transactions.get(1));
            assertThat(reads.find(first.id(), account)).isPresent();
            assertThat(reads.find(second.id(), account)).isPresent();
            assertThat(patient.arriving()).isZero();
        }

        @Test
        void afterABusyGroupTheTurnLingersWhileInsertsKeepComing() throws Exception {
            // Waits far longer than the test may take: the lingering group commits because it filled, not on a timer.
            SubmitBatcher patient = new SubmitBatcher(queue, java.time.Duration.ofMinutes(30), java.time.Duration.ofMinutes(5));
            CountDownLatch release = new CountDownLatch(1);
            Future<Task> first = holdTheTurn(patient, release);
            List<Future<Task>> busy = new ArrayList<>();
            for (int i = 0; i < SubmitBatcher.BUSY_GROUP; i++) {
                busy.add(submit(patient, task(MODEL), NO_LIMIT, NO_LIMIT, h -> { }));
            }
            while (patient.waiting() < SubmitBatcher.BUSY_GROUP) {
                Thread.sleep(1); // a poll of what the test waits for
            }
            release.countDown();
            assertThat(failureOf(first)).isNull();
            for (Future<Task> f : busy) {
                assertThat(failureOf(f)).isNull(); // one group of BUSY_GROUP: the server is busy
            }

            List<org.jdbi.v3.core.Handle> transactions = java.util.Collections.synchronizedList(new ArrayList<>());
            Future<Task> leader = submit(patient, task(MODEL), NO_LIMIT, NO_LIMIT, transactions::add);
            while (!patient.gathering() && !leader.isDone()) {
                Thread.sleep(1); // a poll of what the test waits for
            }
            assertThat(leader).as("the turn after a busy group lingers, though nobody is on the way").isNotDone();
            List<Future<Task>> later = new ArrayList<>();
            for (int i = 1; i < SubmitBatcher.MAX_GROUP; i++) {
                later.add(submit(patient, task(MODEL), NO_LIMIT, NO_LIMIT, transactions::add));
            }
            assertThat(failureOf(leader)).isNull();
            for (Future<Task> f : later) {
                assertThat(failureOf(f)).isNull();
            }
            assertThat(transactions).hasSize(SubmitBatcher.MAX_GROUP);
            assertThat(transactions).as("a full group, in one transaction").allSatisfy(h -> assertThat(h).isSameAs(transactions.getFirst()));
        }

        @Test
        void aSubmitThatNeverInsertsEndsItsArrivalAndALoneSubmitDoesNotWait() throws Exception {
            SubmitBatcher patient = new SubmitBatcher(queue, java.time.Duration.ofMinutes(5), SubmitBatcher.LINGER);
            try (SubmitBatcher.Arrival refused = patient.arrive()) {
                assertThat(patient.arriving()).isEqualTo(1);
            }
            assertThat(patient.arriving()).isZero();
            Task alone = task(MODEL);
            Future<?> submit = clients.submit(() -> patient.insert(new SubmitBatcher.Insert(alone, NO_LIMIT, NO_LIMIT, h -> { })));
            // Within the test's patience, far below the five minutes a wait for an arrival would take.
            assertThat(failureOf(submit)).isNull();
            assertThat(reads.find(alone.id(), account)).isPresent();
        }

        @Test
        void aFailingSubmitDoesNotFailItsGroup() throws Exception {
            CountDownLatch release = new CountDownLatch(1);
            Future<Task> first = holdTheTurn(release);
            long now = System.currentTimeMillis();
            // Two submits of one group with the same Idempotency-Key: the group's transaction fails on the key's
            // primary key, and retried one by one, only the second fails, with the database's conflict.
            List<Future<Task>> good = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                good.add(submit(task(MODEL), NO_LIMIT, NO_LIMIT, h -> { }));
            }
            Task keyed = task(MODEL);
            Task sameKey = task(MODEL);
            AtomicInteger tries = new AtomicInteger();
            Future<Task> keyedSubmit = submit(keyed, NO_LIMIT, NO_LIMIT, h -> idempotency.claim(h, account, "k-1", "sha", keyed.id(), now));
            awaitWaiting(6);
            Future<Task> racing = submit(sameKey, NO_LIMIT, NO_LIMIT, h -> {
                tries.incrementAndGet();
                idempotency.claim(h, account, "k-1", "sha", sameKey.id(), now);
            });
            for (int i = 0; i < 5; i++) {
                good.add(submit(task(MODEL), NO_LIMIT, NO_LIMIT, h -> { }));
            }
            awaitWaiting(12);
            release.countDown();

            assertThat(failureOf(first)).isNull();
            for (Future<Task> f : good) {
                assertThat(failureOf(f)).isNull();
                assertThat(reads.find(f.get().id(), account)).isPresent();
            }
            assertThat(failureOf(keyedSubmit)).isNull();
            Throwable conflict = failureOf(racing);
            assertThat(conflict).isNotNull();
            assertThat(IdempotencyKeys.conflict(conflict)).as("the racing submit's own error: %s", conflict).isTrue();
            assertThat(tries).as("tried in its group, then alone").hasValue(2);
            assertThat(reads.find(sameKey.id(), account)).isEmpty();
            assertThat(idempotency.earlier(account, "k-1", "sha", now)).contains(keyed.id());
            assertThat(reads.queued(account, MODEL).account()).isEqualTo(12);
        }

        @Test
        void theAccountLimitHoldsWithinAGroup() throws Exception {
            CountDownLatch release = new CountDownLatch(1);
            Future<Task> first = holdTheTurn(release);
            List<Future<Task>> group = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                group.add(submit(task(i % 2 == 0 ? MODEL : OTHER_MODEL), 5, NO_LIMIT, h -> { }));
            }
            awaitWaiting(10);
            release.countDown();
            assertThat(failureOf(first)).isNull();

            List<Throwable> refusals = new ArrayList<>();
            int landed = 0;
            for (Future<Task> f : group) {
                Throwable failure = failureOf(f);
                if (failure == null) {
                    landed++;
                } else {
                    refusals.add(failure);
                }
            }
            // The first task counts: it committed before the group.
            assertThat(landed).isEqualTo(4);
            assertThat(refusals).hasSize(6).allSatisfy(e -> {
                assertThat(e).isInstanceOf(VeditException.class);
                assertThat(((VeditException) e).code()).isEqualTo(ErrorCode.QUEUE_LIMIT);
                assertThat(e).hasMessageContaining("already has 5 queued tasks (limit 5)");
            });
            assertThat(reads.queued(account, MODEL).account()).isEqualTo(5);
        }

        @Test
        void theModelLimitHoldsWithinAGroupAndCountsEachModelApart() throws Exception {
            CountDownLatch release = new CountDownLatch(1);
            Future<Task> first = holdTheTurn(release);
            List<Future<Task>> ofModel = new ArrayList<>();
            List<Future<Task>> ofOther = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ofModel.add(submit(task(MODEL), NO_LIMIT, 3, h -> { }));
                ofOther.add(submit(task(OTHER_MODEL), NO_LIMIT, 3, h -> { }));
            }
            awaitWaiting(12);
            release.countDown();
            assertThat(failureOf(first)).isNull();

            int landedOfModel = 0;
            for (Future<Task> f : ofModel) {
                Throwable failure = failureOf(f);
                if (failure == null) {
                    landedOfModel++;
                } else {
                    assertThat(failure).isInstanceOf(VeditException.class).hasMessageContaining(MODEL + " has 3 queued tasks (limit 3)");
                }
            }
            int landedOfOther = 0;
            for (Future<Task> f : ofOther) {
                if (failureOf(f) == null) {
                    landedOfOther++;
                }
            }
            assertThat(landedOfModel).as("the first task is of this model").isEqualTo(2);
            assertThat(landedOfOther).isEqualTo(3);
            assertThat(reads.queued(account, MODEL)).isEqualTo(new TaskReads.Queued(6, 3));
        }

        @Test
        void concurrentSubmitsNeverPassTheLimit() throws Exception {
            List<Future<Task>> submits = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                submits.add(submit(task(MODEL), 30, NO_LIMIT, h -> { }));
            }
            int landed = 0;
            for (Future<Task> f : submits) {
                if (failureOf(f) == null) {
                    landed++;
                }
            }
            assertThat(landed).isEqualTo(30);
            assertThat(reads.queued(account, MODEL).account()).isEqualTo(30);
        }

        /**
         * A task that was running when a group counted the queue, and that a retry or a rescue puts back afterwards, must
         * count against the limit of the groups that follow, though they may let submits in on a bound instead of a count
         * (QueueBounds): so each re-entry into the queue moves the entries the bound is made of.
         */
        private void aTaskPutBackCountsAgainstTheLimit(java.util.function.Consumer<List<Task>> putBack) throws Exception {
            long now = TaskBuilder.NOW + 1000;
            submit(task(MODEL), NO_LIMIT, NO_LIMIT, h -> { }).get(60, TimeUnit.SECONDS);
            submit(task(MODEL), NO_LIMIT, NO_LIMIT, h -> { }).get(60, TimeUnit.SECONDS);
            List<Task> running = List.of(queue.claim("w1", now, e -> 100).orElseThrow(), queue.claim("w2", now, e -> 100).orElseThrow());
            // Counted with both running: none queued, and remembered as the bound.
            assertThat(failureOf(submit(task(MODEL), 3, NO_LIMIT, h -> { }))).isNull();

            putBack.accept(running);
            assertThat(reads.queued(account, MODEL).account()).isEqualTo(3);

            Throwable refused = failureOf(submit(task(MODEL), 3, NO_LIMIT, h -> { }));
            assertThat(refused).isInstanceOf(VeditException.class).hasMessageContaining("already has 3 queued tasks (limit 3)");
            assertThat(reads.queued(account, MODEL).account()).isEqualTo(3);
        }

        @Test
        void aRetriedTaskCountsAgainstTheLimitOfLaterSubmits() throws Exception {
            aTaskPutBackCountsAgainstTheLimit(running -> running.forEach(t -> assertThat(queue.record(queue.retriedLater(t.id(),
                    t.workerId(), t.attempt(), 0, ErrorCode.GENERATION_FAILED, "try again", TaskBuilder.NOW + 2000))).isTrue()));
        }

        @Test
        void aRescuedTaskCountsAgainstTheLimitOfLaterSubmits() throws Exception {
            aTaskPutBackCountsAgainstTheLimit(running -> {
                long now = TaskBuilder.NOW + 2000;
                assertThat(queue.rescueStale(now + 60_000, now, 0)).isEqualTo(2);
            });
        }

        @Test
        void submitsFarBelowTheLimitsAreLetInAndTheLimitStillHolds() throws Exception {
            // Many groups in a row: most are let in on the bound, the last ones must count and stop at the limit.
            for (int i = 0; i < 40; i++) {
                Throwable failure = failureOf(submit(task(i % 2 == 0 ? MODEL : OTHER_MODEL), 25, NO_LIMIT, h -> { }));
                if (i < 25) {
                    assertThat(failure).as("submit %d", i).isNull();
                } else {
                    assertThat(failure).as("submit %d", i).isInstanceOf(VeditException.class);
                }
            }
            assertThat(reads.queued(account, MODEL).account()).isEqualTo(25);
        }
    }
}
