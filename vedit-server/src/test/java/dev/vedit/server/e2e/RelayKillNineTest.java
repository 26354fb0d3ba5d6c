package dev.vedit.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vedit.server.http.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relaying vedit (a separate process) is killed with {@code kill -9} while its task runs upstream (a second real
 * vedit); after a restart on the same data dir the task resumes from its saved engine state and finishes with the
 * upstream's result in our own store, and the upstream has exactly one task: nothing was submitted twice.
 */
class RelayKillNineTest {
    private static final String KEY = "fedcba9876543210fedcba9876543210";
    private static final String ENDPOINT = "kling-video-o3-pro/video-edit";
    private final List<Path> logFiles = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aRelayKilledMidRunResumesItsUpstreamTaskAndNeverSubmitsTwice() throws Exception {
        Path data = dir.resolve("relay-data");
        Clips clips = new Clips(data.resolve("cache"));
        Path clip = clips.clip(dir.resolve("in.mp4"), 640, 360, 8.0);
        String dataUri = "data:video/mp4;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(clip));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String base = "http://127.0.0.1:" + port;
        String relayKeyUsed;

        try (TestServer upstream = new TestServer(dir.resolve("upstream"))) {
            String relayKey = upstream.keyA;
            relayKeyUsed = relayKey;
            Process first = startRelay(data, port, upstream.server.baseUrl(), relayKey);
            String taskId;
            try {
                TestServer.awaitHealthy(http, base);
                // A data: URI is stored here at submit: our own media, which the relay must upload upstream.
                JsonNode r = post(base + "/openapi/v2/" + ENDPOINT, Map.of("prompt", "make it black and white and slow it down to half speed",
                        "videoUrl", dataUri));
                assertThat(r.path("errorCode").asText()).as(r.toString()).isEmpty();
                assertThat(r.path("plan").path("engine").asText()).isEqualTo("relay");
                taskId = r.path("taskId").asText();
                // The kill lands once the upstream has the task: after the submit, before our side finished.
                await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(50)).until(() -> !upstreamTasks(upstream, relayKey).isEmpty());
                assertThat(status(base, taskId)).isNotIn("SUCCESS", "FAILED");
            } finally {
                first.destroyForcibly(); // SIGKILL: no shutdown hook, no clean-up
                first.waitFor();
            }

            Process second = startRelay(data, port, upstream.server.baseUrl(), relayKey);
            try {
                TestServer.awaitHealthy(http, base);
                await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(500)).until(() ->
                        List.of("SUCCESS", "FAILED").contains(status(base, taskId)));
                JsonNode q = post(base + "/openapi/v2/query", Map.of("taskId", taskId));
                assertThat(q.path("status").asText()).as(q.toString()).isEqualTo("SUCCESS");
                assertThat(q.path("plan").path("engine").asText()).isEqualTo("relay");
                String result = q.path("results").get(0).path("url").asText();
                assertThat(result).startsWith(base + "/media/");
                Path out = dir.resolve("out.mp4");
                HttpResponse<Path> download = http.send(HttpRequest.newBuilder(URI.create(result)).build(), HttpResponse.BodyHandlers.ofFile(out));
                assertThat(download.statusCode()).isEqualTo(200);
                assertThat(clips.ffmpeg().probe(out, Duration.ofSeconds(30)).durationSeconds()).as("slowed to half speed").isGreaterThan(14);
            } finally {
                second.destroy();
                second.waitFor();
            }

            List<JsonNode> tasks = upstreamTasks(upstream, relayKey);
            assertThat(tasks).as("upstream tasks").hasSize(1);
            assertThat(tasks.getFirst().path("status").asText()).isEqualTo("SUCCESS");
        }
        String secondLog = Files.readString(logFiles.get(1));
        assertThat(secondLog).as("the restarted relay resumed the saved upstream task instead of starting afresh")
                .containsAnyOf("resuming upstream task", "looking for its upstream task");
        for (Path log : logFiles) {
            String text = Files.readString(log);
            assertThat(text).as(log.toString()).doesNotContain(KEY).doesNotContain(relayKeyUsed);
        }
    }

    private Process startRelay(Path data, int port, String upstream, String relayKey) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.vedit.server.Main", "serve",
                "--port", Integer.toString(port), "--data-dir", data.toString(), "--workers", "1",
                "--relay-url", upstream, "--route", ENDPOINT + "=relay");
        pb.environment().put("VEDIT_API_KEY", KEY);
        pb.environment().put("VEDIT_RELAY_KEY", relayKey);
        Path logs = Files.createDirectories(Path.of("target", "relay-kill-nine-logs"));
        Path log = logs.resolve("relay-" + System.nanoTime() + ".log");
        logFiles.add(log);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return pb.start();
    }

    private List<JsonNode> upstreamTasks(TestServer upstream, String key) {
        HttpResponse<String> r = upstream.raw(HttpRequest.newBuilder(URI.create(upstream.url("/openapi/v2/tasks?page=1&pageSize=100")))
                .header("Authorization", "Bearer " + key).build());
        try {
            List<JsonNode> list = new ArrayList<>();
            json.readTree(r.body()).path("data").path("tasks").forEach(list::add);
            return list;
        } catch (IOException e) {
            throw new AssertionError(r.body(), e);
        }
    }


    private String status(String base, String id) {
        try {
            return post(base + "/openapi/v2/query", Map.of("taskId", id)).path("status").asText();
        } catch (Exception e) {
            return "";
        }
    }

    private JsonNode post(String url, Object body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + KEY)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        return json.readTree(r.body());
    }
}
