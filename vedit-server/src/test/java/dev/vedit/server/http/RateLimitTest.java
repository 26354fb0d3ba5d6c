package dev.vedit.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each API key has its own token bucket; past it every endpoint answers {@code 1003} in its own reply shape. */
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
}
