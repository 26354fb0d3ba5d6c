package dev.vedit.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vedit.server.Deployment;
import dev.vedit.server.auth.ApiKeys;
import dev.vedit.server.db.Database;
import dev.vedit.server.db.TestDatabases;
import dev.vedit.server.media.TestS3;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each API key has its own token bucket; past it every endpoint answers {@code 1003} in its own reply shape. On
 * PostgreSQL the bucket is in the database, shared by every api node.
 */
class RateLimitTest {
    @TempDir
    Path dir;

    @Test
    void theBucketAllowsABurstThenRefillsAtTheRate() {
        AtomicLong now = new AtomicLong();
        KeyRateLimiter limiter = new KeyRateLimiter(2, 3, now::get);
        assertThat(limiter.tryAcquire(1)).isTrue();
        assertThat(limiter.tryAcquire(1)).isTrue();
        assertThat(limiter.tryAcquire(1)).isTrue();
        assertThat(limiter.tryAcquire(1)).isFalse();
        assertThat(limiter.secondsUntilNext(1)).isEqualTo(0.5);
        assertThat(limiter.tryAcquire(2)).as("another account has its own bucket").isTrue();
        now.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(limiter.tryAcquire(1)).isTrue();
        assertThat(limiter.tryAcquire(1)).isFalse();
        now.addAndGet(Duration.ofHours(1).toNanos());
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire(1)).as("refill stops at the burst").isTrue();
        }
        assertThat(limiter.tryAcquire(1)).isFalse();
    }

    @Test
    void aZeroRateMeansNoLimit() {
        KeyRateLimiter limiter = new KeyRateLimiter(0, 1, () -> 0);
        for (int i = 0; i < 10_000; i++) {
            assertThat(limiter.tryAcquire(1)).isTrue();
        }
    }

    @Test
    void pastItsBurstAKeyGets1003OnEveryEndpointWhileAnotherKeyIsServed() {
        try (TestServer s = new TestServer(dir, c -> c.withQueue(c.queue().withWorkers(0))
                .withRequestLimits(new RequestLimits(0.001, 2, Duration.ofSeconds(30))))) {
            assertThat(s.post("/uc/openapi/accountStatus", s.keyA, Map.of()).path("code").asInt()).isZero();
            assertThat(s.post("/uc/openapi/accountStatus", s.keyA, Map.of()).path("code").asInt()).isZero();

            JsonNode submit = s.post("/openapi/v2/kling-video-o3-pro/video-edit", s.keyA,
                    Map.of("prompt", "mirror", "videoUrl", "https://example.com/a.mp4"));
            assertThat(submit.path("errorCode").asText()).isEqualTo("1003");
            assertThat(submit.path("taskId").asText()).isEmpty();
            assertThat(submit.path("errorMessage").asText()).contains("requests/s").contains(" | ").contains("限速");

            JsonNode query = s.post("/openapi/v2/query", s.keyA, Map.of("taskId", "1"));
            assertThat(query.path("errorCode").asText()).isEqualTo("1003");
            assertThat(query.path("taskId").asText()).isEqualTo("1");
            for (String v1 : new String[] {"/task/openapi/status", "/task/openapi/outputs", "/task/openapi/cancel", "/uc/openapi/accountStatus",
                    "/task/openapi/getWebhookDetail", "/task/openapi/retryWebhook", "/uc/openapi/webhookSecret"}) {
                JsonNode r = s.post(v1, s.keyA, Map.of("taskId", "1"));
                assertThat(r.path("code").asInt()).as(v1).isEqualTo(1003);
                assertThat(r.path("msg").asText()).as(v1).contains(" | ");
            }
            var queue = s.raw(HttpRequest.newBuilder(URI.create(s.url("/openapi/v2/queue/status")))
                    .header("Authorization", "Bearer " + s.keyA).GET().build());
            assertThat(queue.statusCode()).isEqualTo(200);
            assertThat(queue.body()).contains("\"code\":1003");
            var upload = s.raw(HttpRequest.newBuilder(URI.create(s.url("/openapi/v2/media/upload/binary")))
                    .header("Authorization", "Bearer " + s.keyA).header("Content-Type", "multipart/form-data; boundary=x")
                    .POST(HttpRequest.BodyPublishers.ofString("--x--\r\n")).build());
            assertThat(upload.statusCode()).isEqualTo(200);
            assertThat(upload.body()).contains("\"code\":1003");

            assertThat(s.post("/uc/openapi/accountStatus", s.keyB, Map.of()).path("code").asInt()).isZero();
            // An unknown key is still told its key is wrong, not that it is too fast.
            assertThat(s.post("/uc/openapi/accountStatus", "nope", Map.of()).path("code").asInt()).isEqualTo(802);
        }
    }

    @Test
    void theSharedBucketAllowsABurstThenRefillsAtTheRateOnTheDatabaseClock() {
        try (Database db = TestDatabases.postgres()) {
            ApiKeys keys = new ApiKeys(db.jdbi(), Clock.systemUTC(), 2, 10);
            long one = keys.createAccount("one", TestServer.newKey()).id();
            long two = keys.createAccount("two", TestServer.newKey()).id();
            // One token per 100 s: the test's own run time cannot refill a token; moving the bucket back in time does.
            SharedRateLimiter limiter = new SharedRateLimiter(db.jdbi(), new RequestLimits(0.01, 3, Duration.ofSeconds(30)));
            for (int i = 0; i < 3; i++) {
                assertThat(limiter.admit(one).admitted()).as("burst request %d", i).isTrue();
            }
            RateLimiter.Admission refused = limiter.admit(one);
            assertThat(refused.admitted()).isFalse();
            assertThat(refused.retryAfterSeconds()).as("the next token is one interval away").isBetween(90.0, 100.0);
            assertThat(limiter.admit(two).admitted()).as("another account has its own bucket").isTrue();

            Runnable hundredSecondsPass = () -> db.jdbi().useHandle(h -> h.execute("UPDATE rate_buckets SET tat = tat - 100000000 WHERE account_id = ?", one));
            hundredSecondsPass.run();
            assertThat(limiter.admit(one).admitted()).as("one token refilled").isTrue();
            assertThat(limiter.admit(one).admitted()).isFalse();
            db.jdbi().useHandle(h -> h.execute("UPDATE rate_buckets SET tat = tat - 3600000000 WHERE account_id = ?", one));
            for (int i = 0; i < 3; i++) {
                assertThat(limiter.admit(one).admitted()).as("refill stops at the burst").isTrue();
            }
            assertThat(limiter.admit(one).admitted()).isFalse();
            assertThat(new SharedRateLimiter(db.jdbi(), new RequestLimits(0, 1, Duration.ofSeconds(30))).admit(one).admitted())
                    .as("a zero rate means no limit").isTrue();
        }
    }

    @Test
    void twoApiNodesOnOnePostgresTogetherAdmitNoMoreThanTheLimit() throws Exception {
        String db = TestDatabases.newPostgresDatabase();
        Deployment api = Deployment.single().withS3("s3://" + TestS3.newBucket() + "/vedit", TestS3.endpoint()).withRole(Deployment.Role.API);
        RequestLimits limits = new RequestLimits(0.001, 6, Duration.ofSeconds(30));
        try (TestServer one = new TestServer(dir.resolve("one"), c -> c.withDatabase(db, "postgres", "postgres").withDeployment(api)
                .withRequestLimits(limits))) {
            try (TestServer two = new TestServer(dir.resolve("two"), c -> c.withDatabase(db, "postgres", "postgres").withDeployment(api)
                    .withRequestLimits(limits), one.keyA, one.keyB)) {
                // 24 requests of one key at once, half to each node: with a bucket per process each node would admit 6.
                ExecutorService pool = Executors.newFixedThreadPool(8);
                List<JsonNode> replies = new ArrayList<>();
                try {
                    List<Callable<JsonNode>> calls = new ArrayList<>();
                    for (int i = 0; i < 24; i++) {
                        TestServer node = i % 2 == 0 ? one : two;
                        calls.add(() -> node.post("/uc/openapi/accountStatus", one.keyA, Map.of()));
                    }
                    for (Future<JsonNode> f : pool.invokeAll(calls)) {
                        replies.add(f.get());
                    }
                } finally {
                    pool.shutdownNow();
                }
                assertThat(replies.stream().filter(r -> r.path("code").asInt() == 0).count()).as("admitted by both nodes together").isEqualTo(6);
                JsonNode refused = replies.stream().filter(r -> r.path("code").asInt() != 0).findFirst().orElseThrow();
                assertThat(refused.path("code").asInt()).isEqualTo(1003);
                assertThat(refused.path("msg").asText()).contains("6)").contains("retry in").contains("限速");
                assertThat(two.post("/uc/openapi/accountStatus", one.keyA, Map.of()).path("code").asInt()).as("still empty on the other node").isEqualTo(1003);
                assertThat(one.post("/uc/openapi/accountStatus", one.keyB, Map.of()).path("code").asInt()).as("another key is served").isZero();
                assertThat(two.post("/uc/openapi/accountStatus", one.keyB, Map.of()).path("code").asInt()).isZero();
            }
        }
    }
}
