package dev.vedit.server.e2e;

import dev.vedit.server.http.TestServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.vedit.server.db.Database;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code kill -9} of the service in the middle of work loses nothing: after a restart on the same data
 * dir, every task reaches a terminal state exactly once (one terminal event in its history), with one output
 * per success, no duplicate outputs, no work or temp files left, the API key never in the logs, and its
 * TASK_END webhook is delivered (one logical delivery: one webhook-id per task).
 * {@code -Dvedit.killnine.tasks=N} runs more tasks (default 8).
 */
class KillNineTest {
    private static final String KEY = "0123456789abcdef0123456789abcdef";
    private static final int TASKS = Integer.getInteger("vedit.killnine.tasks", 8);
    private final List<Path> logFiles = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyTaskEndsExactlyOnceAfterTheServiceIsKilledMidRun() throws Exception {
        Path data = dir.resolve("data");
        Clips clips = new Clips(data.resolve("cache"));
        Path clip = clips.clip(dir.resolve("in.mp4"), 640, 360, 8.0);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String base = "http://127.0.0.1:" + port;
        String dataUri = "data:video/mp4;base64," + java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(clip));

        // The receiver refuses each delivery's first attempt, so retries straddle the kill.
        Map<String, List<JsonNode>> deliveries = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            try (exchange) {
                JsonNode event = json.readTree(exchange.getRequestBody().readAllBytes());
                List<JsonNode> seen = deliveries.computeIfAbsent(exchange.getRequestHeaders().getFirst("webhook-id"),
                        k -> new CopyOnWriteArrayList<>());
                seen.add(event);
                exchange.sendResponseHeaders(seen.size() == 1 ? 503 : 200, -1);
            }
        });
        receiver.start();
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";

        Process first = startService(data, port);
        List<String> ids = new ArrayList<>();
        try {
            TestServer.awaitHealthy(http, base);
            for (int i = 0; i < TASKS; i++) {
                JsonNode r = post(base + "/openapi/v2/kling-video-o3-pro/video-edit",
                        Map.of("prompt", i % 2 == 0 ? "slow it down to half speed and mirror it" : "make it black and white", "videoUrl", dataUri,
                                "webhookUrl", hook));
                assertThat(r.path("errorCode").asText()).as(r.toString()).isEmpty();
                ids.add(r.path("taskId").asText());
            }
            // Both workers busy: the kill lands on two running FFmpeg edits and a queue behind them.
            await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().filter(id -> status(base, id).equals("RUNNING")).count() >= 2);
        } finally {
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no clean-up
            first.waitFor();
        }
        // The killed JVM's FFmpeg children got no signal: they run on, re-parented, until the next start kills them.
        String inside = data.toAbsolutePath().normalize() + "/";
        List<ProcessHandle> orphans = ProcessHandle.allProcesses().filter(p -> p.info().arguments()
                .map(args -> java.util.Arrays.stream(args).anyMatch(a -> a.startsWith("file:" + inside))).orElse(false)).toList();

        Process second = startService(data, port);
        try {
            TestServer.awaitHealthy(http, base);
            assertThat(orphans).as("FFmpeg processes of the killed run, after the restart").noneMatch(ProcessHandle::isAlive);
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500)).until(() ->
                    ids.stream().allMatch(id -> List.of("SUCCESS", "FAILED").contains(status(base, id))));
            for (String id : ids) {
                JsonNode q = post(base + "/openapi/v2/query", Map.of("taskId", id));
                assertThat(q.path("status").asText()).as(q.toString()).isEqualTo("SUCCESS");
                assertThat(q.path("results")).hasSize(1);
                HttpResponse<Void> head = http.send(HttpRequest.newBuilder(URI.create(q.path("results").get(0).path("url").asText()))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
                assertThat(head.statusCode()).isEqualTo(200);
            }
            try (Stream<Path> left = Files.list(data.resolve("work"))) {
                assertThat(left.toList()).isEmpty();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> deliveries.values().stream().filter(d -> d.size() >= 2).count() == ids.size());
            assertThat(deliveries).hasSize(ids.size());
            assertThat(deliveries.values().stream().map(d -> d.getLast().path("taskId").asText()).toList())
                    .containsExactlyInAnyOrderElementsOf(ids);
            assertThat(deliveries.values()).allSatisfy(d ->
                    assertThat(d.getLast().path("eventData").path("status").asText()).isEqualTo("SUCCESS"));
        } finally {
            second.destroy();
            second.waitFor();
            receiver.stop(0);
        }
        Database db = Database.open(Database.h2Url(data), null, null, 2);
        try {
            for (String id : ids) {
                long terminal = db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM task_events WHERE task_id = :id AND status IN ('SUCCESS', 'FAILED')")
                        .bind("id", Long.parseLong(id)).mapTo(Long.class).one());
                assertThat(terminal).as("terminal events of task " + id).isEqualTo(1);
                long outputs = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM task_outputs WHERE task_id = :id")
                        .bind("id", Long.parseLong(id)).mapTo(Long.class).one());
                assertThat(outputs).as("outputs of task " + id).isEqualTo(1);
            }
            long distinctLinks = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(DISTINCT link_token) FROM task_outputs")
                    .mapTo(Long.class).one());
            assertThat(distinctLinks).isEqualTo(ids.size());
        } finally {
            db.close();
        }
        for (String area : List.of("work", "tmp")) {
            try (Stream<Path> left = Files.walk(data.resolve(area))) {
                assertThat(left.filter(Files::isRegularFile).toList()).as("files left in " + area).isEmpty();
            }
        }
        for (Path log : logFiles) {
            assertThat(Files.readString(log)).as(log.toString()).doesNotContain(KEY).doesNotContain(KEY.substring(0, 16));
        }
    }

    private Process startService(Path data, int port) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.vedit.server.Main", "serve",
                "--port", Integer.toString(port), "--data-dir", data.toString(), "--workers", "2", "--key-concurrency", "2",
                "--allow-outbound", "127.0.0.1", "--webhook-retry-schedule", "1s,1s,1s,1s,1s");
        pb.environment().put("VEDIT_API_KEY", KEY);
        Path logs = Files.createDirectories(Path.of("target", "kill-nine-logs"));
        Path log = logs.resolve("service-" + System.nanoTime() + ".log");
        logFiles.add(log);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return pb.start();
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
