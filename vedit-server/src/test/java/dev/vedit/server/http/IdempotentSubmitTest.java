package dev.vedit.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vedit.server.Deployment;
import dev.vedit.server.db.TestDatabases;
import dev.vedit.server.media.TestS3;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Idempotency-Key} on submits: one task per key and request for 24 h, on one node and across api nodes. */
class IdempotentSubmitTest {
    private static final String O3 = "/openapi/v2/kling-video-o3-pro/video-edit";
    private static final Map<String, Object> MIRROR = Map.of("prompt", "mirror it", "videoUrl", "https://example.com/in.mp4");

    @TempDir
    Path dir;

    @Test
    void theSameKeyAndRequestAnswerTheSameTaskAndADifferentRequestIsRefused() throws Exception {
        try (TestServer s = new TestServer(dir, c -> c.withQueue(c.queue().withWorkers(0)))) {
            String key = UUID.randomUUID().toString();
            HttpResponse<String> first = submit(s, s.keyA, key, MIRROR);
            HttpResponse<String> again = submit(s, s.keyA, key, MIRROR);
            String taskId = body(s, first).path("taskId").asText();
            assertThat(taskId).matches("\\d{19}");
            assertThat(body(s, again).path("taskId").asText()).isEqualTo(taskId);
            assertThat(first.headers().firstValue("Idempotency-Key")).contains(key);
            assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
            assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
            assertThat(tasksOf(s, s.keyA)).isEqualTo(1);

            JsonNode other = body(s, submit(s, s.keyA, key, Map.of("prompt", "flip it upside down", "videoUrl", "https://example.com/in.mp4")));
            ContractTest.assertRejected(other, "1007", "Idempotency-Key", "different request");
            // Another account's key space is its own; a new key is a new task.
            assertThat(body(s, submit(s, s.keyB, key, MIRROR)).path("taskId").asText()).matches("\\d{19}").isNotEqualTo(taskId);
            assertThat(body(s, submit(s, s.keyA, UUID.randomUUID().toString(), MIRROR)).path("taskId").asText()).isNotEqualTo(taskId);
            assertThat(body(s, submit(s, s.keyA, null, MIRROR)).path("taskId").asText()).isNotEqualTo(taskId);
            assertThat(tasksOf(s, s.keyA)).isEqualTo(3);
        }
    }

    @Test
    void aRefusedSubmitRecordsNothingSoTheCorrectedRequestMayReuseTheKey() throws Exception {
        try (TestServer s = new TestServer(dir, c -> c.withQueue(c.queue().withWorkers(0)))) {
            String key = UUID.randomUUID().toString();
            ContractTest.assertRejected(body(s, submit(s, s.keyA, key, Map.of("prompt", "turn it into anime style", "videoUrl", "https://example.com/in.mp4"))),
                    "2001");
            assertThat(body(s, submit(s, s.keyA, key, MIRROR)).path("errorCode").asText()).isEmpty();
            ContractTest.assertRejected(body(s, submit(s, s.keyA, "x".repeat(256), MIRROR)), "1007", "Idempotency-Key");
            ContractTest.assertRejected(body(s, submit(s, s.keyA, "two words", MIRROR)), "1007", "Idempotency-Key");
        }
    }

    @Test
    void racingSubmitsWithOneKeyCreateOneTask() throws Exception {
        try (TestServer s = new TestServer(dir, c -> c.withQueue(c.queue().withWorkers(0)))) {
            String key = UUID.randomUUID().toString();
            assertThat(race(List.of(s, s), s.keyA, key)).hasSize(1);
            assertThat(tasksOf(s, s.keyA)).isEqualTo(1);
        }
    }

    @Test
    void aKeyHoldsAcrossApiNodesOnPostgresAndExpiresAfter24Hours() throws Exception {
        String db = TestDatabases.newPostgresDatabase();
        Deployment api = Deployment.single().withS3("s3://" + TestS3.newBucket() + "/vedit", TestS3.endpoint()).withRole(Deployment.Role.API);
        try (TestServer one = new TestServer(dir.resolve("one"), c -> c.withDatabase(db, "postgres", "postgres").withDeployment(api))) {
            try (TestServer two = new TestServer(dir.resolve("two"), c -> c.withDatabase(db, "postgres", "postgres").withDeployment(api)
                    .withApiKeys(List.of(one.keyA, one.keyB)))) {
                String key = UUID.randomUUID().toString();
                Set<String> ids = race(List.of(one, two, one, two, one, two), one.keyA, key);
                assertThat(ids).hasSize(1);
                String taskId = ids.iterator().next();
                assertThat(body(two, submit(two, one.keyA, key, MIRROR)).path("taskId").asText()).isEqualTo(taskId);
                assertThat(tasksOf(one, one.keyA)).isEqualTo(1);

                // 24 h later the key is free again: the same request is a new task.
                Jdbi.create(db, "postgres", "postgres").useHandle(h -> h.execute(
                        "UPDATE idempotency_keys SET created_at = created_at - 86400001"));
                String later = body(two, submit(two, one.keyA, key, MIRROR)).path("taskId").asText();
                assertThat(later).matches("\\d{19}").isNotEqualTo(taskId);
                assertThat(body(one, submit(one, one.keyA, key, MIRROR)).path("taskId").asText()).isEqualTo(later);
            }
        }
    }

    /** Submits the same request with one key from several threads at once; the task ids they got. */
    private static Set<String> race(List<TestServer> nodes, String apiKey, String key) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (TestServer node : nodes) {
                calls.add(() -> body(node, submit(node, apiKey, key, MIRROR)).path("taskId").asText());
            }
            Set<String> ids = new HashSet<>();
            for (Future<String> f : pool.invokeAll(calls)) {
                ids.add(f.get());
            }
            return ids;
        } finally {
            pool.shutdownNow();
        }
    }

    private static HttpResponse<String> submit(TestServer s, String apiKey, String idempotencyKey, Map<String, Object> body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.url(O3))).header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(s.json.writeValueAsString(body)));
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> r = s.raw(b.build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r;
    }

    private static JsonNode body(TestServer s, HttpResponse<String> r) throws Exception {
        return s.json.readTree(r.body());
    }

    private static int tasksOf(TestServer s, String apiKey) throws Exception {
        HttpResponse<String> r = s.raw(HttpRequest.newBuilder(URI.create(s.url("/openapi/v2/tasks?pageSize=100")))
                .header("Authorization", "Bearer " + apiKey).GET().build());
        return s.json.readTree(r.body()).path("data").path("tasks").size();
    }
}
