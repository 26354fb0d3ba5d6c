package dev.vedit.server.e2e;

import static dev.vedit.server.task.QueueSettingsBuilder.fastQueue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vedit.sdk.AuthenticationException;
import dev.vedit.sdk.NotFoundException;
import dev.vedit.sdk.TaskEvents;
import dev.vedit.sdk.VeditClient;
import dev.vedit.server.Deployment;
import dev.vedit.wire.QueryReply;
import dev.vedit.server.db.TestDatabases;
import dev.vedit.server.http.TestServer;
import dev.vedit.server.media.TestS3;
import dev.vedit.server.task.QueueSettings;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live task events (server-sent events): a task's stream carries its states up to SUCCESS and ends; resuming with
 * Last-Event-ID sends only what is newer (204 once the end was seen); the account stream sees the account's tasks
 * and no one else's; and on PostgreSQL a stream on an api node follows a task that a worker on another node runs.
 */
class LiveEventsTest {
    private static final String O3 = "/openapi/v2/kling-video-o3-pro/video-edit";

    @TempDir
    Path dir;

    /** One server-sent event. */
    record Event(String id, JsonNode data) {
    }

    /** Reads a stream in the background, event by event, until it ends or is closed. */
    static final class Reader implements AutoCloseable {
        final List<Event> events = new CopyOnWriteArrayList<>();
        final AtomicBoolean ended = new AtomicBoolean();
        final HttpResponse<Stream<String>> response;

        Reader(TestServer s, String path, String key, String lastEventId) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.url(path))).header("Authorization", "Bearer " + key)
                    .header("Accept", "text/event-stream");
            if (lastEventId != null) {
                b.header("Last-Event-ID", lastEventId);
            }
            response = s.http.send(b.build(), HttpResponse.BodyHandlers.ofLines());
            Thread.ofVirtual().start(() -> {
                String id = null;
                StringBuilder data = new StringBuilder();
                try (Stream<String> lines = response.body()) {
                    for (String line : (Iterable<String>) lines::iterator) {
                        if (line.startsWith("id: ")) {
                            id = line.substring(4);
                        } else if (line.startsWith("data: ")) {
                            data.append(line.substring(6));
                        } else if (line.isEmpty() && !data.isEmpty()) {
                            events.add(new Event(id, s.json.readTree(data.toString())));
                            data.setLength(0);
                        }
                    }
                } catch (Exception e) {
                    // closed by the test
                } finally {
                    ended.set(true);
                }
            });
        }

        List<JsonNode> of(String taskId) {
            return events.stream().map(Event::data).filter(d -> d.path("taskId").asText().equals(taskId)).toList();
        }

        @Override
        public void close() {
            response.body().close();
        }
    }

    @Test
    void aTaskStreamCarriesItsStatesToTheEndAndResumesFromLastEventId() throws Exception {
        try (TestServer s = new TestServer(dir.resolve("h2"))) {
            Path clip = new Clips(dir.resolve("h2").resolve("cache")).clip(dir.resolve("in.mp4"), 320, 240, 2.0);
            String video = Uploads.downloadUrl(s, s.keyA, "in.mp4", Files.readAllBytes(clip));
            try (Reader all = new Reader(s, "/vedit/v1/events", s.keyA, null);
                 Reader others = new Reader(s, "/vedit/v1/events", s.keyB, null)) {
                assertThat(all.response.statusCode()).isEqualTo(200);
                assertThat(all.response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
                String taskId = submit(s, video);
                Reader one = new Reader(s, "/vedit/v1/tasks/" + taskId + "/events", s.keyA, null);
                await().atMost(Duration.ofSeconds(120)).until(one.ended::get);
                followTheTaskToTheEnd(one, taskId);

                await().atMost(Duration.ofSeconds(10)).until(() -> all.of(taskId).stream().anyMatch(d -> d.path("status").asText().equals("SUCCESS")));
                // The account stream polls, and states between two polls collapse into the latest: on a busy machine
                // it may show only the end, so what it must show is the order.
                assertForwardOnly(all.of(taskId).stream().map(d -> d.path("status").asText()).toList());
                assertThat(others.of(taskId)).as("another account's stream").isEmpty();
                assertThat(others.ended.get()).as("an account stream stays open").isFalse();

                // Resuming: with the last id nothing is left (204), with an older one the current state comes at once.
                List<Event> seen = one.events;
                HttpResponse<String> done = s.raw(HttpRequest.newBuilder(URI.create(s.url("/vedit/v1/tasks/" + taskId + "/events")))
                        .header("Authorization", "Bearer " + s.keyA).header("Last-Event-ID", seen.getLast().id()).build());
                assertThat(done.statusCode()).isEqualTo(204);
                try (Reader resumed = new Reader(s, "/vedit/v1/tasks/" + taskId + "/events", s.keyA, seen.getFirst().id())) {
                    await().atMost(Duration.ofSeconds(10)).until(resumed.ended::get);
                    assertThat(resumed.events).hasSize(1);
                    assertThat(resumed.events.getFirst().id()).isEqualTo(seen.getLast().id());
                    assertThat(resumed.events.getFirst().data().path("status").asText()).isEqualTo("SUCCESS");
                }
            }

            // The SDK: client.events(taskId) follows a task to its end.
            VeditClient client = VeditClient.builder().baseUrl(s.server.baseUrl()).apiKey(s.keyA).build();
            String second = submit(s, video);
            List<QueryReply> viaSdk = new ArrayList<>();
            try (TaskEvents events = client.events(second)) {
                events.forEach(viaSdk::add);
            }
            assertThat(viaSdk).isNotEmpty();
            assertThat(viaSdk.getLast().status()).isEqualTo("SUCCESS");
            assertThat(viaSdk.getLast().results()).hasSize(1);
            assertThat(viaSdk).extracting(QueryReply::taskId).containsOnly(second);
            assertThatThrownBy(() -> client.events("1234567890123456789").iterator().hasNext()).isInstanceOf(NotFoundException.class);
            VeditClient stranger = VeditClient.builder().baseUrl(s.server.baseUrl()).apiKey("not-a-key").build();
            assertThatThrownBy(() -> stranger.events(second).iterator().hasNext()).isInstanceOf(AuthenticationException.class);

            // Errors: unknown or foreign task 404 (807), no or bad key 401 (802).
            HttpResponse<String> unknown = s.raw(HttpRequest.newBuilder(URI.create(s.url("/vedit/v1/tasks/1234567890123456789/events")))
                    .header("Authorization", "Bearer " + s.keyA).build());
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(s.json.readTree(unknown.body()).path("code").asInt()).isEqualTo(807);
            HttpResponse<String> anonymous = s.raw(HttpRequest.newBuilder(URI.create(s.url("/vedit/v1/events"))).build());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(s.json.readTree(anonymous.body()).path("code").asInt()).isEqualTo(802);
        }
    }

    @Test
    void onPostgresAStreamOnAnApiNodeFollowsATaskThatAWorkerNodeRuns() throws Exception {
        String dbUrl = TestDatabases.newPostgresDatabase();
        Deployment shared = Deployment.single().withS3("s3://" + TestS3.newBucket() + "/vedit", TestS3.endpoint());
        QueueSettings queue = fastQueue().workers(1).pollInterval(Duration.ofMillis(200)).build();
        String keyA = TestServer.newKey();
        String keyB = TestServer.newKey();
        Path clip = new Clips(dir.resolve("cache")).clip(dir.resolve("in.mp4"), 320, 240, 2.0);
        String video = "data:video/mp4;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(clip));
        try (TestServer api = new TestServer(dir.resolve("api"), c -> c.withDatabase(dbUrl, "postgres", "postgres").withQueue(queue)
                .withDeployment(shared.withRole(Deployment.Role.API)), keyA, keyB);
             TestServer worker = new TestServer(dir.resolve("worker"), c -> c.withDatabase(dbUrl, "postgres", "postgres").withQueue(queue)
                     .withDeployment(shared.withRole(Deployment.Role.WORKER)), keyA, keyB);
             Reader all = new Reader(api, "/vedit/v1/events", keyA, null)) {
            String taskId = submit(api, video);
            try (Reader one = new Reader(api, "/vedit/v1/tasks/" + taskId + "/events", keyA, null)) {
                await().atMost(Duration.ofSeconds(120)).until(one.ended::get);
                followTheTaskToTheEnd(one, taskId);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> all.of(taskId).stream().anyMatch(d -> d.path("status").asText().equals("SUCCESS")));
        }
    }

    private static void followTheTaskToTheEnd(Reader one, String taskId) {
        List<Event> events = new ArrayList<>(one.events);
        assertThat(events).isNotEmpty();
        assertThat(events).extracting(e -> e.data().path("taskId").asText()).containsOnly(taskId);
        assertThat(events).extracting(Event::id).doesNotHaveDuplicates();
        List<String> statuses = events.stream().map(e -> e.data().path("status").asText()).toList();
        // States only move forward, and the stream saw the task at work before it ended.
        assertForwardOnly(statuses);
        assertThat(statuses).as("seen before the end").containsAnyOf("QUEUED", "RUNNING");
        JsonNode last = events.getLast().data();
        assertThat(last.path("results").get(0).path("url").asText()).contains("/media/");
        assertThat(last.path("progress").asInt()).isEqualTo(100);
    }

    /** The statuses move only forward and end in SUCCESS. */
    private static void assertForwardOnly(List<String> statuses) {
        List<String> order = List.of("QUEUED", "RUNNING", "SUCCESS");
        assertThat(statuses).as("statuses").isNotEmpty();
        for (int i = 1; i < statuses.size(); i++) {
            assertThat(order.indexOf(statuses.get(i))).as(statuses.toString()).isGreaterThanOrEqualTo(order.indexOf(statuses.get(i - 1)));
        }
        assertThat(statuses.getLast()).as(statuses.toString()).isEqualTo("SUCCESS");
    }

    private static String submit(TestServer s, String video) {
        JsonNode r = s.post(O3, s.keyA, Map.of("prompt", "make it black and white and slow it down to half speed", "videoUrl", video));
        assertThat(r.path("errorCode").asText()).as(r.toString()).isEmpty();
        return r.path("taskId").asText();
    }

}
