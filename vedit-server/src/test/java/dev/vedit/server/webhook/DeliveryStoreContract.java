package dev.vedit.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vedit.server.auth.Account;
import dev.vedit.server.auth.ApiKeys;
import dev.vedit.server.db.Database;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The delivery queue's guarantees, run against every database vedit supports (one subclass each). */
abstract class DeliveryStoreContract {
    static final long LEASE = 40_000;
    Database db;
    DeliveryStore store;
    EndedTasks tasks;
    ApiKeys keys;
    long now = 1_800_000_000_000L;

    abstract Database open();

    @BeforeEach
    void setUp() {
        db = open();
        store = new DeliveryStore(db.jdbi());
        tasks = new EndedTasks(db.jdbi(), store.enqueueOnTaskEnd());
        keys = new ApiKeys(db.jdbi(), Clock.systemUTC(), 2, 100);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    Account account() {
        return keys.createAccount("test", ApiKeys.generate());
    }

    @Test
    void aTaskEndingWithAWebhookUrlGetsOnePendingDeliveryAndOneWithoutGetsNone() {
        Account a = account();
        long with = tasks.end(a.id(), "https://example.com/hook", now);
        long without = tasks.end(a.id(), null, now);

        Delivery d = store.forTask(with, a.id()).orElseThrow();
        assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(d.url()).isEqualTo("https://example.com/hook");
        assertThat(d.attempts()).isZero();
        assertThat(d.nextAttemptAt()).isEqualTo(now);
        assertThat(d.webhookId()).isEqualTo("msg_" + d.id());
        assertThat(store.forTask(without, a.id())).isEmpty();
    }

    @Test
    void claimStartsAnAttemptAndOnlyTheClaimingNodeRecordsItsOutcome() {
        Account a = account();
        long task = tasks.end(a.id(), "https://example.com/hook", now);

        Delivery claimed = store.claim("n1", now, LEASE, 10).getFirst();
        assertThat(claimed.taskId()).isEqualTo(task);
        assertThat(claimed.status()).isEqualTo(DeliveryStatus.SENDING);
        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(store.claim("n2", now, LEASE, 10)).as("in flight, lease running").isEmpty();

        assertThat(store.recordAttempt(claimed, "n2", DeliveryStatus.SUCCESS, now, 200, "ok", null, now)).isFalse();
        assertThat(store.recordAttempt(claimed, "n1", DeliveryStatus.PENDING, now + 10_000, 500, "boom", "HTTP 500", now)).isTrue();
        Delivery after = store.forTask(task, a.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(after.responseStatus()).isEqualTo(500);
        assertThat(after.responseBody()).isEqualTo("boom");
        assertThat(store.claim("n1", now + 9_999, LEASE, 10)).as("not due yet").isEmpty();
        assertThat(store.claim("n1", now + 10_000, LEASE, 10)).singleElement().extracting(Delivery::attempts).isEqualTo(2);
    }

    @Test
    void anAttemptWhoseNodeDiedIsClaimedAgainAfterItsLeaseAndTheDeadNodeCannotRecord() {
        Account a = account();
        tasks.end(a.id(), "https://example.com/hook", now);
        Delivery lost = store.claim("dead", now, LEASE, 10).getFirst();

        assertThat(store.claim("n2", now + LEASE - 1, LEASE, 10)).isEmpty();
        Delivery retried = store.claim("n2", now + LEASE + 1, LEASE, 10).getFirst();
        assertThat(retried.id()).isEqualTo(lost.id());
        assertThat(retried.attempts()).isEqualTo(2);
        assertThat(retried.claimedBy()).isEqualTo("n2");

        assertThat(store.recordAttempt(lost, "dead", DeliveryStatus.SUCCESS, now, 200, "", null, now)).isFalse();
        assertThat(store.recordAttempt(retried, "n2", DeliveryStatus.SUCCESS, now, 200, "", null, now)).isTrue();
    }

    @Test
    void concurrentNodesNeverClaimTheSameDelivery() throws Exception {
        Account a = account();
        for (int i = 0; i < 40; i++) {
            tasks.end(a.id(), "https://example.com/hook/" + i, now);
        }
        Set<Long> claimed = ConcurrentHashMap.newKeySet();
        List<Long> all = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        for (int n = 0; n < 6; n++) {
            String node = "n" + n;
            pool.submit(() -> {
                start.await();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (claimed.size() < 40 && System.nanoTime() < deadline) {
                    for (Delivery d : store.claim(node, now, LEASE, 3)) {
                        claimed.add(d.id());
                        all.add(d.id());
                    }
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(claimed).hasSize(40);
        assertThat(all).hasSize(40);
    }

    @Test
    void aManualRetryRestartsTheScheduleAtOnceWithTheNewUrlButNeverDuringAnAttempt() {
        Account a = account();
        long task = tasks.end(a.id(), "https://example.com/old", now);
        Delivery first = store.claim("n1", now, LEASE, 10).getFirst();

        assertThat(store.retry(first.id(), a.id(), "https://example.com/new", now)).isEqualTo(RetryOutcome.IN_FLIGHT);
        store.recordAttempt(first, "n1", DeliveryStatus.GONE, now, 410, "", "gone", now);
        assertThat(store.retry(first.id(), a.id(), "https://example.com/new", now + 5)).isEqualTo(RetryOutcome.SCHEDULED);

        Delivery again = store.forTask(task, a.id()).orElseThrow();
        assertThat(again.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(again.url()).isEqualTo("https://example.com/new");
        assertThat(again.attempts()).isZero();
        assertThat(store.retry(first.id(), a.id(), null, now + 6)).isEqualTo(RetryOutcome.SCHEDULED);
        assertThat(store.forTask(task, a.id()).orElseThrow().url()).as("no URL keeps the URL").isEqualTo("https://example.com/new");
    }

    @Test
    void aDeliveryIsOnlyVisibleToItsAccount() {
        Account owner = account();
        Account other = account();
        long task = tasks.end(owner.id(), "https://example.com/hook", now);
        long id = store.forTask(task, owner.id()).orElseThrow().id();

        assertThat(store.forTask(task, other.id())).isEmpty();
        assertThat(store.find(id, other.id())).isEmpty();
        assertThat(store.retry(id, other.id(), "https://attacker.example/", now)).isEqualTo(RetryOutcome.NOT_FOUND);
        assertThat(store.find(id, owner.id()).orElseThrow().url()).isEqualTo("https://example.com/hook");
    }

    @Test
    void thePayloadIsFixedByTheFirstAttempt() {
        Account a = account();
        long task = tasks.end(a.id(), "https://example.com/hook", now);
        long id = store.forTask(task, a.id()).orElseThrow().id();

        assertThat(store.fixPayload(id, "{\"first\":1}")).isEqualTo("{\"first\":1}");
        assertThat(store.fixPayload(id, "{\"second\":2}")).isEqualTo("{\"first\":1}");
    }

    @Test
    void releasingInFlightAttemptsMakesThemDueAtOnce() {
        Account a = account();
        tasks.end(a.id(), "https://example.com/hook", now);
        store.claim("dead", now, LEASE, 10);

        assertThat(store.releaseAllInFlight(now + 1)).isEqualTo(1);
        assertThat(store.claim("n2", now + 1, LEASE, 10)).singleElement().extracting(Delivery::attempts).isEqualTo(2);
    }
}
