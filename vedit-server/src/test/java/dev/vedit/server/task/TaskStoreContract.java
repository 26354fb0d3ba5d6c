package dev.vedit.server.task;

import static dev.vedit.server.task.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vedit.server.auth.Account;
import dev.vedit.server.auth.ApiKeys;
import dev.vedit.server.db.Database;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.TaskStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store's guarantees (the queue's transitions and the read side), run against every database vedit supports (one subclass each). */
abstract class TaskStoreContract {
    private static final String O3 = "kling-video-o3-pro/video-edit";
    private Database db;
    TaskQueue store;
    TaskReads reads;
    ApiKeys keys;
    TaskIds ids = new TaskIds(Clock.systemUTC());
    long now = TaskBuilder.NOW;

    abstract Database open();

    @BeforeEach
    void setUp() {
        db = open();
        store = new TaskQueue(db);
        reads = new TaskReads(db.jdbi());
        keys = new ApiKeys(db.jdbi(), Clock.systemUTC(), 2, 100);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    Account account(String key) {
        return keys.createAccount("test", key);
    }

    Task queue(Account account) {
        Task t = aTask().withId(ids.next()).forAccount(account.id()).withEndpoint(O3).submittedAt(now).build();
        store.insert(t);
        return t;
    }

    @Test
    void aTaskIsOnlyVisibleToItsAccount() {
        Account a = account(ApiKeys.generate());
        Account b = account(ApiKeys.generate());
        Task t = queue(a);
        assertThat(reads.find(t.id(), a.id())).isPresent();
        assertThat(reads.find(t.id(), b.id())).isEmpty();
    }

    @Test
    void claimTakesTheOldestQueuedTaskAndMarksItRunning() {
        Account a = account(ApiKeys.generate());
        Task first = queue(a);
        queue(a);
        Task claimed = store.claim("w1", now, e -> 100).orElseThrow();
        assertThat(claimed.id()).isEqualTo(first.id());
        assertThat(claimed.status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(claimed.attempt()).isEqualTo(1);
        assertThat(claimed.workerId()).isEqualTo("w1");
    }

    @Test
    void concurrentWorkersNeverClaimTheSameTask() throws Exception {
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            accounts.add(keys.createAccount("a" + i, ApiKeys.generate()));
        }
        // Each account may run 2 at once: 10 accounts x 2 = 20 claimable of the 40 queued.
        for (int i = 0; i < 40; i++) {
            queue(accounts.get(i % 10));
        }
        Set<Long> claimed = ConcurrentHashMap.newKeySet();
        List<Long> all = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        for (int w = 0; w < 6; w++) {
            String worker = "w" + w;
            pool.submit(() -> {
                start.await();
                // A claim may come back empty while other workers hold rows locked: keep polling, as workers do.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (claimed.size() < 20 && System.nanoTime() < deadline) {
                    store.claim(worker, now, e -> 100).ifPresent(t -> {
                        claimed.add(t.id());
                        all.add(t.id());
                    });
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(all).hasSize(claimed.size());
        assertThat(claimed).hasSize(20);
        assertThat(store.claim("late", now, e -> 100)).isEmpty();
    }

    @Test
    void concurrentClaimsOfOneKeyNeverRunMoreThanItsLimit() throws Exception {
        // The single-key burst of issue 15: the claims overlap up to the account row lock, under which they count the
        // key's running tasks; however they interleave, the key runs its limit.
        Account one = account(ApiKeys.generate()); // limit 2
        for (int i = 0; i < 20; i++) {
            queue(one);
        }
        List<Long> claimed = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        for (int w = 0; w < 8; w++) {
            String worker = "w" + w;
            pool.submit(() -> {
                start.await();
                for (int i = 0; i < 10; i++) {
                    store.claim(worker, now, e -> 100).ifPresent(t -> claimed.add(t.id()));
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(claimed).as("claimed ids").hasSize(2).doesNotHaveDuplicates();
        assertThat(claimed.stream().map(id -> reads.find(id).orElseThrow().status())).containsOnly(TaskStatus.RUNNING);
        assertThat(store.claim("late", now, e -> 100)).as("the key runs its limit").isEmpty();
    }

    @Test
    void anAccountAtItsConcurrencyLimitWaitsWhileOthersRun() {
        Account busy = account(ApiKeys.generate()); // limit 2
        Account other = account(ApiKeys.generate());
        queue(busy);
        queue(busy);
        Task third = queue(busy);
        Task others = queue(other);
        assertThat(store.claim("w", now, e -> 100).orElseThrow().accountId()).isEqualTo(busy.id());
        assertThat(store.claim("w", now, e -> 100).orElseThrow().id()).as("fair: the other account's turn").isEqualTo(others.id());
        assertThat(store.claim("w", now, e -> 100).orElseThrow().accountId()).isEqualTo(busy.id());
        assertThat(store.claim("w", now, e -> 100)).as("busy runs 2, its limit").isEmpty();
        assertThat(reads.find(third.id()).orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);
    }

    @Test
    void claimsGoRoundTheAccountsWithQueuedWorkSoAFloodDoesNotStarveALaterKey() {
        ApiKeys roomy = new ApiKeys(db.jdbi(), Clock.systemUTC(), 8, 100); // concurrency = the worker count
        Account flood = roomy.createAccount("flood", ApiKeys.generate());
        Account small = roomy.createAccount("small", ApiKeys.generate());
        Account third = roomy.createAccount("third", ApiKeys.generate());
        List<Task> floods = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            floods.add(queue(flood));
        }
        Task smallJob = queue(small);
        Task thirdJob = queue(third);

        assertThat(store.claim("w1", now, e -> 100).orElseThrow().id()).as("oldest first").isEqualTo(floods.get(0).id());
        assertThat(store.claim("w2", now, e -> 100).orElseThrow().id()).as("then the key running nothing")
                .isEqualTo(smallJob.id());
        assertThat(store.claim("w3", now, e -> 100).orElseThrow().id()).isEqualTo(thirdJob.id());
        assertThat(store.claim("w4", now, e -> 100).orElseThrow().id()).isEqualTo(floods.get(1).id());
    }

    @Test
    void twoBusyAccountsTakeTurns() {
        ApiKeys roomy = new ApiKeys(db.jdbi(), Clock.systemUTC(), 8, 100);
        Account a = roomy.createAccount("a", ApiKeys.generate());
        Account b = roomy.createAccount("b", ApiKeys.generate());
        for (int i = 0; i < 4; i++) {
            queue(a);
        }
        for (int i = 0; i < 4; i++) {
            queue(b);
        }
        List<Long> owners = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            owners.add(store.claim("w" + i, now, e -> 100).orElseThrow().accountId());
        }
        assertThat(owners).containsExactly(a.id(), b.id(), a.id(), b.id(), a.id(), b.id());
    }

    // Batches: several workers' ends and claims in one transaction (WorkerBatches, issue 15).

    @Test
    void aBatchRecordsItsEndsThenClaimsForEachWorkerUntilTheQueueIsEmpty() {
        ApiKeys roomy = new ApiKeys(db.jdbi(), Clock.systemUTC(), 8, 100);
        Account a = roomy.createAccount("a", ApiKeys.generate());
        for (int i = 0; i < 4; i++) {
            queue(a);
        }
        Task first = store.claim("w1", now, e -> 100).orElseThrow();
        Task second = store.claim("w2", now, e -> 100).orElseThrow();

        TaskQueue.Batch batch = store.endAndClaim(List.of(store.succeeded(first.id(), "w1", 1, List.of(), now),
                        store.failed(second.id(), "w2", 1, ErrorCode.GENERATION_FAILED, "x", null, now),
                        store.succeeded(first.id(), "w9", 1, List.of(), now)),
                List.of("w1", "w2", "w3"), now, e -> 100);

        assertThat(batch.recorded()).as("the third end is not its worker's").containsExactly(true, true, false);
        assertThat(batch.claimed()).hasSize(3);
        assertThat(batch.claimed().get(0)).get().extracting(Task::workerId, Task::status).containsExactly("w1", TaskStatus.RUNNING);
        assertThat(batch.claimed().get(1)).get().extracting(Task::workerId).isEqualTo("w2");
        assertThat(batch.claimed().get(2)).as("two were left").isEmpty();
        assertThat(batch.claimed().get(0).orElseThrow().id()).isNotEqualTo(batch.claimed().get(1).orElseThrow().id());
        assertThat(reads.find(first.id()).orElseThrow().status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(reads.find(second.id()).orElseThrow().status()).isEqualTo(TaskStatus.FAILED);
        for (Optional<Task> claimed : batch.claimed().subList(0, 2)) {
            Task stored = reads.find(claimed.orElseThrow().id()).orElseThrow();
            assertThat(stored.status()).isEqualTo(TaskStatus.RUNNING);
            assertThat(stored.workerId()).isEqualTo(claimed.orElseThrow().workerId());
        }
    }

    @Test
    void aBatchKeepsTheKeysLimitAndTakesTheSlotItsOwnEndFreed() {
        Account one = account(ApiKeys.generate()); // limit 2
        for (int i = 0; i < 5; i++) {
            queue(one);
        }
        TaskQueue.Batch full = store.endAndClaim(List.of(), List.of("w1", "w2", "w3", "w4"), now, e -> 100);
        assertThat(full.claimed()).extracting(Optional::isPresent).containsExactly(true, true, false, false);

        Task running = full.claimed().getFirst().orElseThrow();
        TaskQueue.Batch next = store.endAndClaim(List.of(store.succeeded(running.id(), "w1", 1, List.of(), now)),
                List.of("w1", "w3"), now, e -> 100);
        assertThat(next.recorded()).containsExactly(true);
        assertThat(next.claimed()).as("the slot w1's end freed, and no more").extracting(Optional::isPresent).containsExactly(true, false);
        assertThat(reads.counts(one.id()).running()).isEqualTo(2);
    }

    @Test
    void aBatchsClaimsGoRoundTheKeys() {
        ApiKeys roomy = new ApiKeys(db.jdbi(), Clock.systemUTC(), 8, 100);
        Account flood = roomy.createAccount("flood", ApiKeys.generate());
        Account small = roomy.createAccount("small", ApiKeys.generate());
        for (int i = 0; i < 6; i++) {
            queue(flood);
        }
        Task smallJob = queue(small);
        TaskQueue.Batch batch = store.endAndClaim(List.of(), List.of("w1", "w2", "w3"), now, e -> 100);
        assertThat(batch.claimed()).extracting(t -> t.orElseThrow().accountId()).containsExactly(flood.id(), small.id(), flood.id());
        assertThat(batch.claimed().get(1).orElseThrow().id()).isEqualTo(smallJob.id());
    }

    @Test
    void aBatchsClaimsSkipAFullModelsTasksForTheNextModelsAndStopWhenNothingFits() {
        ApiKeys roomy = new ApiKeys(db.jdbi(), Clock.systemUTC(), 8, 100);
        Account a = roomy.createAccount("a", ApiKeys.generate());
        Task first = queue(a);
        queue(a);
        queue(a);
        Task other = aTask().withId(ids.next()).forAccount(a.id()).withEndpoint("other-model/edit").submittedAt(now).build();
        store.insert(other);

        TaskQueue.Batch batch = store.endAndClaim(List.of(), List.of("w1", "w2", "w3", "w4"), now, e -> 1);
        assertThat(batch.claimed()).as("one of each model, then nothing fits")
                .extracting(t -> t.map(Task::id)).containsExactly(Optional.of(first.id()), Optional.of(other.id()), Optional.empty(), Optional.empty());
        assertThat(reads.counts(a.id()).running()).isEqualTo(2);
    }

    @Test
    void eachClaimOfABatchIsRecordedInItsTasksHistory() {
        Account a = account(ApiKeys.generate());
        Task t1 = queue(a);
        Task t2 = queue(a);
        store.endAndClaim(List.of(), List.of("w1", "w2"), now + 5, e -> 100);
        assertThat(reads.events(t1.id())).extracting(TaskEvent::status, TaskEvent::attempt, TaskEvent::workerId, TaskEvent::at)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(TaskStatus.QUEUED, 0, null, now),
                        org.assertj.core.groups.Tuple.tuple(TaskStatus.RUNNING, 1, "w1", now + 5));
        assertThat(reads.events(t2.id())).extracting(TaskEvent::status, TaskEvent::workerId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(TaskStatus.QUEUED, null),
                        org.assertj.core.groups.Tuple.tuple(TaskStatus.RUNNING, "w2"));
    }

    @Test
    void theSuccessesOfABatchAreWrittenTogetherEachWithItsOutputsEventAndHook() {
        List<Ended> ended = java.util.Collections.synchronizedList(new ArrayList<>());
        TaskQueue hooked = storeRecordingEnds(ended);
        ApiKeys roomy = new ApiKeys(db.jdbi(), Clock.systemUTC(), 8, 100);
        Account a = roomy.createAccount("a", ApiKeys.generate());
        queue(a);
        queue(a);
        queue(a);
        List<Task> running = hooked.endAndClaim(List.of(), List.of("w1", "w2", "w3"), now, e -> 100).claimed().stream()
                .map(Optional::orElseThrow).toList();
        TaskOutput out1 = new TaskOutput(0, "k1", "video", "node-1", "t1");
        TaskOutput out2 = new TaskOutput(0, "k2", "video", "node-1", "t2");
        TaskOutput out2b = new TaskOutput(1, "k3", "image", "node-1", "t3");

        TaskQueue.Batch batch = hooked.endAndClaim(List.of(
                hooked.succeeded(running.get(0).id(), "w1", 1, List.of(out1), now + 7),
                hooked.failed(running.get(2).id(), "w3", 1, ErrorCode.GENERATION_FAILED, "x", null, now + 7),
                hooked.succeeded(running.get(2).id(), "w3", 1, List.of(out1), now + 7),
                hooked.succeeded(running.get(1).id(), "w2", 1, List.of(out2, out2b), now + 7)), List.of(), now + 7, e -> 100);

        assertThat(batch.recorded()).as("in the order given; w3's success comes after its failure, no longer its to end")
                .containsExactly(true, true, false, true);
        assertThat(reads.outputs(running.get(0).id())).containsExactly(out1);
        assertThat(reads.outputs(running.get(1).id())).containsExactly(out2, out2b);
        assertThat(reads.outputs(running.get(2).id())).isEmpty();
        assertThat(reads.find(running.get(1).id()).orElseThrow()).extracting(Task::status, Task::finishedAt)
                .containsExactly(TaskStatus.SUCCESS, now + 7);
        assertThat(reads.events(running.get(1).id()).getLast()).extracting(TaskEvent::status, TaskEvent::attempt, TaskEvent::workerId,
                TaskEvent::message, TaskEvent::at).containsExactly(TaskStatus.SUCCESS, 1, "w2", "finished", now + 7);
        assertThat(ended).containsExactlyInAnyOrder(new Ended(running.get(0).id(), "SUCCESS"), new Ended(running.get(1).id(), "SUCCESS"),
                new Ended(running.get(2).id(), "FAILED"));
    }

    @Test
    void concurrentBatchesOfSeveralClaimsNeverRunAKeyOverItsLimit() throws Exception {
        // Two nodes' worker groups at once (on PostgreSQL two queues of one database, as two nodes are): each group
        // counts its keys' running tasks once, under the keys' row locks, for all its claims.
        List<Account> accounts = List.of(account(ApiKeys.generate()), account(ApiKeys.generate()), account(ApiKeys.generate())); // limit 2 each
        for (int i = 0; i < 30; i++) {
            queue(accounts.get(i % 3));
        }
        List<TaskQueue> nodes = List.of(store, new TaskQueue(db));
        List<Task> claimed = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<java.util.concurrent.Future<?>> groups = new ArrayList<>();
        for (int g = 0; g < 4; g++) {
            TaskQueue node = nodes.get(g % 2);
            String group = "g" + g;
            groups.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 5; i++) {
                    node.endAndClaim(List.of(), List.of(group + "-w1", group + "-w2", group + "-w3", group + "-w4"), now, e -> 100)
                            .claimed().forEach(t -> t.ifPresent(claimed::add));
                }
                return null;
            }));
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        for (java.util.concurrent.Future<?> g : groups) {
            g.get();
        }
        assertThat(claimed).extracting(Task::id).doesNotHaveDuplicates();
        assertThat(claimed).as("each key its limit, 2, and no more").hasSize(6);
        for (Account a : accounts) {
            assertThat(reads.counts(a.id()).running()).isEqualTo(2);
        }
    }

    @Test
    void aBatchThatFailsRecordsNothingNeitherItsEndsNorItsClaims() {
        List<Ended> ended = java.util.Collections.synchronizedList(new ArrayList<>());
        TaskQueue failing = new TaskQueue(db, (h, t, at) -> {
            throw new IllegalStateException("the hook's insert failed");
        }, List.of());
        Account a = account(ApiKeys.generate());
        queue(a);
        Task queued = queue(a);
        Task running = failing.claim("w1", now, e -> 100).orElseThrow();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> failing.endAndClaim(
                        List.of(failing.succeeded(running.id(), "w1", 1, List.of(), now)), List.of("w1", "w2"), now, e -> 100))
                .hasMessageContaining("the hook's insert failed");
        assertThat(reads.find(running.id()).orElseThrow().status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(reads.find(queued.id()).orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);
        // Its parts, recorded one by one afterwards, are as they would have been.
        assertThat(storeRecordingEnds(ended).succeed(running.id(), "w1", 1, List.of(), now)).isTrue();
        assertThat(store.claim("w2", now, e -> 100)).get().extracting(Task::id).isEqualTo(queued.id());
    }

    @Test
    void aListenerThatFailsAfterTheCommitDoesNotTakeTheBatchsClaimsAway() {
        TaskQueue listened = new TaskQueue(db, TaskEndHook.NONE, List.of(t -> {
            throw new IllegalStateException("a listener's bug");
        }));
        Account a = account(ApiKeys.generate());
        queue(a);
        Task next = queue(a);
        Task running = listened.claim("w1", now, e -> 100).orElseThrow();

        TaskQueue.Batch batch = listened.endAndClaim(List.of(listened.succeeded(running.id(), "w1", 1, List.of(), now)),
                List.of("w1"), now, e -> 100);
        assertThat(batch.recorded()).containsExactly(true);
        assertThat(batch.claimed().getFirst()).get().extracting(Task::id).isEqualTo(next.id());
        assertThat(reads.find(running.id()).orElseThrow().status()).isEqualTo(TaskStatus.SUCCESS);
    }

    @Test
    void aTaskClaimedInABatchIsRescuedWhenItsWorkerDies() {
        Account a = account(ApiKeys.generate());
        Task t1 = queue(a);
        Task t2 = queue(a);
        TaskQueue.Batch batch = store.endAndClaim(List.of(), List.of("dead-w1", "live-w2"), now, e -> 100);
        assertThat(batch.claimed()).extracting(t -> t.orElseThrow().id()).containsExactly(t1.id(), t2.id());
        // Only the live worker heart-beats; the other's process died right after the batch's commit.
        assertThat(store.heartbeat(t2.id(), "live-w2", 1, null, now + 20_000)).isEqualTo(TaskQueue.Heartbeat.OWNED);

        assertThat(store.rescueStale(now + 10_000, now + 31_000, now + 31_000)).as("the dead worker's task only").isEqualTo(1);
        assertThat(reads.find(t1.id()).orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);
        assertThat(reads.find(t2.id()).orElseThrow().status()).isEqualTo(TaskStatus.RUNNING);
        TaskQueue.Batch next = store.endAndClaim(List.of(store.succeeded(t2.id(), "live-w2", 1, List.of(), now + 32_000)),
                List.of("live-w2"), now + 32_000, e -> 100);
        assertThat(next.claimed().getFirst()).get().extracting(Task::id, Task::attempt).containsExactly(t1.id(), 2);
        assertThat(store.succeed(t1.id(), "dead-w1", 1, List.of(), now + 33_000)).as("the dead attempt cannot end it").isFalse();
    }

    @Test
    void aTaskClaimedInABatchIsCancelledThroughItsHeartbeatAndTheOthersRunOn() {
        Account a = account(ApiKeys.generate());
        Task t1 = queue(a);
        Task t2 = queue(a);
        store.endAndClaim(List.of(), List.of("w1", "w2"), now, e -> 100);

        assertThat(store.requestCancel(t1.id(), a.id(), now)).isEqualTo(TaskQueue.CancelOutcome.CANCEL_REQUESTED);
        assertThat(store.heartbeat(t1.id(), "w1", 1, null, now)).isEqualTo(TaskQueue.Heartbeat.CANCEL_REQUESTED);
        assertThat(store.heartbeat(t2.id(), "w2", 1, null, now)).isEqualTo(TaskQueue.Heartbeat.OWNED);
        TaskQueue.Batch ends = store.endAndClaim(List.of(
                store.failed(t1.id(), "w1", 1, ErrorCode.TASK_CANCELLED, ErrorCode.TASK_CANCELLED.message(), null, now),
                store.succeeded(t2.id(), "w2", 1, List.of(), now)), List.of(), now, e -> 100);
        assertThat(ends.recorded()).containsExactly(true, true);
        assertThat(reads.find(t1.id()).orElseThrow()).extracting(Task::status, Task::errorCode)
                .containsExactly(TaskStatus.FAILED, ErrorCode.TASK_CANCELLED.code());
        assertThat(reads.find(t2.id()).orElseThrow().status()).isEqualTo(TaskStatus.SUCCESS);
    }

    @Test
    void aQueuedTaskCancelledBeforeABatchIsNotClaimedByIt() {
        Account a = account(ApiKeys.generate());
        Task cancelled = queue(a);
        Task other = queue(a);
        assertThat(store.requestCancel(cancelled.id(), a.id(), now)).isEqualTo(TaskQueue.CancelOutcome.CANCELLED);
        TaskQueue.Batch batch = store.endAndClaim(List.of(), List.of("w1", "w2"), now, e -> 100);
        assertThat(batch.claimed()).extracting(t -> t.map(Task::id)).containsExactly(Optional.of(other.id()), Optional.empty());
    }

    @Test
    void workersEndingAndClaimingThroughSharedBatchesRunEveryTaskOnce() throws Exception {
        ApiKeys roomy = new ApiKeys(db.jdbi(), Clock.systemUTC(), 8, 100);
        List<Account> accounts = List.of(roomy.createAccount("a", ApiKeys.generate()), roomy.createAccount("b", ApiKeys.generate()));
        List<Long> queued = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            queued.add(queue(accounts.get(i % 2)).id());
        }
        WorkerBatches batches = new WorkerBatches(store, () -> now, e -> 100);
        List<Long> ran = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            String worker = "w" + w;
            workers.add(pool.submit(() -> {
                start.await();
                TaskQueue.AttemptEnd end = null;
                while (true) {
                    WorkerBatches.Outcome outcome = batches.submit(worker, end, true);
                    assertThat(outcome.failure()).isNull();
                    assertThat(outcome.recorded()).as("each worker's own end, recorded").isEqualTo(end != null);
                    if (outcome.next().isEmpty()) {
                        return null;
                    }
                    Task task = outcome.next().get();
                    assertThat(task.workerId()).as("the task handed out is the one claimed for this worker").isEqualTo(worker);
                    ran.add(task.id());
                    end = store.succeeded(task.id(), worker, task.attempt(), List.of(), now);
                }
            }));
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        for (java.util.concurrent.Future<?> w : workers) {
            w.get(); // a failed assertion in a worker fails the test here
        }
        assertThat(ran).hasSize(120).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(queued);
        for (long id : queued) {
            assertThat(reads.find(id).orElseThrow().status()).isEqualTo(TaskStatus.SUCCESS);
        }
    }

    @Test
    void aModelAtItsConcurrencyLimitIsNotClaimed() {
        Account a = account(ApiKeys.generate());
        queue(a);
        queue(a);
        assertThat(store.claim("w", now, e -> 1)).isPresent();
        assertThat(store.claim("w", now, e -> 1)).isEmpty();
    }

    @Test
    void aRetryIsNotClaimedBeforeItsBackoffEnds() {
        Account a = account(ApiKeys.generate());
        queue(a);
        Task t = store.claim("w", now, e -> 100).orElseThrow();
        assertThat(store.retryLater(t.id(), "w", 1, now + 5000, ErrorCode.FILE_PROCESSING_FAILED, "network", now)).isTrue();
        assertThat(store.claim("w", now + 4999, e -> 100)).isEmpty();
        Task again = store.claim("w2", now + 5000, e -> 100).orElseThrow();
        assertThat(again.attempt()).isEqualTo(2);
    }

    @Test
    void onlyTheOwningAttemptCanEndATask() {
        Account a = account(ApiKeys.generate());
        queue(a);
        Task t = store.claim("w1", now, e -> 100).orElseThrow();
        assertThat(store.succeed(t.id(), "other", 1, List.of(), now)).isFalse();
        assertThat(store.fail(t.id(), "w1", 2, ErrorCode.GENERATION_FAILED, "x", null, now)).isFalse();
        assertThat(store.succeed(t.id(), "w1", 1, List.of(new TaskOutput(0, "openapi/x.mp4", "mp4", "local", "tok")), now + 1000)).isTrue();
        assertThat(store.fail(t.id(), "w1", 1, ErrorCode.GENERATION_FAILED, "late", null, now)).isFalse();
        Task done = reads.find(t.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(reads.outputs(t.id())).extracting(TaskOutput::mediaKey).containsExactly("openapi/x.mp4");
    }

    @Test
    void aSilentAttemptIsRequeuedAndItsOldWorkerLosesIt() {
        Account a = account(ApiKeys.generate());
        queue(a);
        Task t = store.claim("w1", now, e -> 100).orElseThrow();
        assertThat(store.rescueStale(now + 1, now + 31_000, now + 31_000)).isEqualTo(1);
        assertThat(store.heartbeat(t.id(), "w1", 1, 50, now + 32_000)).isEqualTo(TaskQueue.Heartbeat.LOST);
        Task again = store.claim("w2", now + 31_000, e -> 100).orElseThrow();
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(store.succeed(t.id(), "w1", 1, List.of(), now + 40_000)).isFalse();
        assertThat(store.succeed(t.id(), "w2", 2, List.of(), now + 40_000)).isTrue();
    }

    @Test
    void aSilentAttemptOutOfAttemptsFailsWithRetriesExhausted() {
        Account a = account(ApiKeys.generate());
        queue(a);
        long t0 = now;
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(store.claim("w", t0, e -> 100)).isPresent();
            store.rescueStale(t0 + 1, t0 + 1, t0 + 1);
            t0 += 10;
        }
        Task failed = reads.page(a.id(), 0, 1).get(0);
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.errorCode()).isEqualTo(ErrorCode.RETRIES_EXHAUSTED.code());
        assertThat(reads.events(failed.id())).extracting(TaskEvent::status)
                .containsExactly(TaskStatus.QUEUED, TaskStatus.RUNNING, TaskStatus.QUEUED, TaskStatus.RUNNING, TaskStatus.QUEUED,
                        TaskStatus.RUNNING, TaskStatus.FAILED);
    }

    @Test
    void cancellingAQueuedTaskEndsItAtOnce() {
        Account a = account(ApiKeys.generate());
        Task t = queue(a);
        assertThat(store.requestCancel(t.id(), a.id(), now)).isEqualTo(TaskQueue.CancelOutcome.CANCELLED);
        Task cancelled = reads.find(t.id()).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(cancelled.errorCode()).isEqualTo(ErrorCode.TASK_CANCELLED.code());
        assertThat(store.claim("w", now, e -> 100)).isEmpty();
        assertThat(store.requestCancel(t.id(), a.id(), now)).isEqualTo(TaskQueue.CancelOutcome.ALREADY_FINISHED);
    }

    @Test
    void cancellingARunningTaskIsSeenByItsHeartbeat() {
        Account a = account(ApiKeys.generate());
        queue(a);
        Task t = store.claim("w", now, e -> 100).orElseThrow();
        assertThat(store.heartbeat(t.id(), "w", 1, 10, now)).isEqualTo(TaskQueue.Heartbeat.OWNED);
        assertThat(store.requestCancel(t.id(), a.id(), now)).isEqualTo(TaskQueue.CancelOutcome.CANCEL_REQUESTED);
        assertThat(store.heartbeat(t.id(), "w", 1, 20, now)).isEqualTo(TaskQueue.Heartbeat.CANCEL_REQUESTED);
    }

    @Test
    void anotherAccountCannotCancelATask() {
        Account a = account(ApiKeys.generate());
        Account b = account(ApiKeys.generate());
        Task t = queue(a);
        assertThat(store.requestCancel(t.id(), b.id(), now)).isEqualTo(TaskQueue.CancelOutcome.NOT_FOUND);
        assertThat(reads.find(t.id()).orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);
    }

    @Test
    void countsSplitRunningAndQueued() {
        Account a = account(ApiKeys.generate());
        queue(a);
        queue(a);
        queue(a);
        store.claim("w", now, e -> 100);
        TaskReads.Counts c = reads.counts(a.id());
        assertThat(c.running()).isEqualTo(1);
        assertThat(c.queued()).isEqualTo(2);
        assertThat(reads.queued(a.id(), O3)).isEqualTo(new TaskReads.Queued(2, 2));
        assertThat(reads.queued(a.id(), "other-model/video-edit")).isEqualTo(new TaskReads.Queued(2, 0));
    }

    @Test
    void queueLimitCountsStopAtTheirLimits() {
        Account a = account(ApiKeys.generate());
        queue(a);
        queue(a);
        queue(a);
        assertThat(reads.queuedUpTo(a.id(), 100, O3, 100)).isEqualTo(new TaskReads.Queued(3, 3));
        assertThat(reads.queuedUpTo(a.id(), 2, O3, 100)).isEqualTo(new TaskReads.Queued(2, 3));
        assertThat(reads.queuedUpTo(a.id(), 100, O3, 1)).isEqualTo(new TaskReads.Queued(3, 1));
        assertThat(reads.queuedUpTo(a.id(), 0, "other-model/video-edit", 5)).isEqualTo(new TaskReads.Queued(0, 0));
        assertThat(reads.queued(a.id(), O3)).as("the full count, for a refusal's message").isEqualTo(new TaskReads.Queued(3, 3));
    }

    @Test
    void taskIdsAreNineteenDigitsAndIncreasing() {
        long previous = 0;
        for (int i = 0; i < 10_000; i++) {
            long id = ids.next();
            assertThat(Long.toString(id)).hasSize(19);
            assertThat(id).isGreaterThan(previous);
            previous = id;
        }
    }

    /** The status each end-hook call saw, read through the hook's own handle (so inside the transition's transaction). */
    record Ended(long taskId, String statusSeen) {
    }

    TaskQueue storeRecordingEnds(List<Ended> ended) {
        return new TaskQueue(db, (h, t, at) -> {
            // The row the hook is handed is the one the transaction just wrote.
            String status = h.createQuery("SELECT status FROM tasks WHERE id = :id").bind("id", t.id()).mapTo(String.class).one();
            assertThat(t.status().name()).isEqualTo(status);
            ended.add(new Ended(t.id(), status));
        }, List.of());
    }

    @Test
    void everyTerminalTransitionRunsTheEndHookOnceInsideItsTransaction() {
        List<Ended> ended = java.util.Collections.synchronizedList(new ArrayList<>());
        TaskQueue hooked = storeRecordingEnds(ended);
        Account a = keys.createAccount("a", ApiKeys.generate());
        Task succeeded = queue(a);
        Task failed = queue(a);
        Task cancelled = queue(a);

        Task first = hooked.claim("w1", now, e -> 100).orElseThrow();
        assertThat(hooked.succeed(first.id(), "w1", 1, List.of(), now)).isTrue();
        Task second = hooked.claim("w1", now, e -> 100).orElseThrow();
        assertThat(hooked.fail(second.id(), "w1", 1, ErrorCode.GENERATION_FAILED, "x", null, now)).isTrue();
        assertThat(hooked.requestCancel(cancelled.id(), a.id(), now)).isEqualTo(TaskQueue.CancelOutcome.CANCELLED);
        // Transitions that do not end the task, and repeated ends, call nothing.
        assertThat(hooked.succeed(first.id(), "w1", 1, List.of(), now)).isFalse();
        assertThat(hooked.requestCancel(cancelled.id(), a.id(), now)).isEqualTo(TaskQueue.CancelOutcome.ALREADY_FINISHED);

        assertThat(ended).containsExactly(new Ended(succeeded.id(), "SUCCESS"), new Ended(failed.id(), "FAILED"),
                new Ended(cancelled.id(), "FAILED"));
    }

    @Test
    void aTaskRescuedOutOfAttemptsRunsTheEndHook() {
        List<Ended> ended = java.util.Collections.synchronizedList(new ArrayList<>());
        TaskQueue hooked = storeRecordingEnds(ended);
        Task t = queue(keys.createAccount("a", ApiKeys.generate())); // 3 attempts
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(hooked.claim("w" + attempt, now, e -> 100)).isPresent();
            assertThat(ended).isEmpty();
            hooked.rescueStale(now + 1, now, now);
        }
        assertThat(ended).containsExactly(new Ended(t.id(), "FAILED"));
    }

    @Test
    void aFailingEndHookRollsTheTransitionBack() {
        TaskQueue failing = new TaskQueue(db, (h, t, at) -> {
            throw new IllegalStateException("the hook's insert failed");
        }, List.of());
        Account a = keys.createAccount("a", ApiKeys.generate());
        Task t = queue(a);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> failing.requestCancel(t.id(), a.id(), now))
                .hasMessageContaining("the hook's insert failed");
        assertThat(reads.find(t.id()).orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);
        assertThat(reads.events(t.id())).hasSize(1);
    }

    @Test
    void listenersHearOfEveryEndingAfterItCommitsRescuedAndCancelledIncluded() {
        List<Task> heard = java.util.Collections.synchronizedList(new ArrayList<>());
        TaskQueue listened = new TaskQueue(db, TaskEndHook.NONE, List.of(heard::add));
        Account a = keys.createAccount("a", ApiKeys.generate());
        Task cancelledQueued = queue(a);
        Task rescued = queue(a);
        assertThat(listened.requestCancel(cancelledQueued.id(), a.id(), now)).isEqualTo(TaskQueue.CancelOutcome.CANCELLED);
        Task running = listened.claim("w1", now, e -> 100).orElseThrow();
        assertThat(running.id()).isEqualTo(rescued.id());
        assertThat(listened.requestCancel(rescued.id(), a.id(), now)).isEqualTo(TaskQueue.CancelOutcome.CANCEL_REQUESTED);
        listened.rescueStale(now + 1, now, now); // its worker died after the cancel was asked for

        assertThat(heard).extracting(Task::id).containsExactly(cancelledQueued.id(), rescued.id());
        assertThat(heard).allSatisfy(t -> {
            assertThat(t.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(t.errorCode()).isEqualTo(ErrorCode.TASK_CANCELLED.code());
            assertThat(t.failedReasonJson()).contains("\"node_name\"");
        });
    }

    @Test
    void engineStateSurvivesARescueSoTheNextAttemptCanResumeTheRemoteJob() {
        Account a = account(ApiKeys.generate());
        Task t = queue(a);
        Task first = store.claim("w1", now, e -> 100).orElseThrow();
        assertThat(first.engineState()).isNull();
        assertThat(store.saveEngineState(t.id(), "w1", 1, "{\"promptId\":\"p-1\"}", now)).isTrue();
        store.rescueStale(now + 1, now, now); // w1 died

        Task second = store.claim("w2", now, e -> 100).orElseThrow();
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.engineState()).isEqualTo("{\"promptId\":\"p-1\"}");
        // The dead attempt can no longer write: only the owner of the running attempt saves state.
        assertThat(store.saveEngineState(t.id(), "w1", 1, "{\"promptId\":\"p-2\"}", now)).isFalse();
        assertThat(reads.find(t.id()).orElseThrow().engineState()).isEqualTo("{\"promptId\":\"p-1\"}");
    }
}
