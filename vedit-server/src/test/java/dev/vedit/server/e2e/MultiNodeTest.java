package dev.vedit.server.e2e;

import dev.vedit.server.http.TestServer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vedit.server.db.TestDatabases;
import dev.vedit.server.media.TestS3;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale-out deployment for real: 2 api and 2 worker processes on one PostgreSQL database and one S3
 * server, hundreds of tasks submitted over both api nodes, one worker {@code kill -9}ed midway. Every task
 * ends exactly once (one terminal event, one output), and every result URL works from the other api node.
 */
class MultiNodeTest {
    private static final String KEY = "fedcba9876543210fedcba9876543210";
    private static final int TASKS = 200;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final List<Process> processes = Collections.synchronizedList(new ArrayList<>());

    @TempDir
    Path dir;

    @AfterEach
    void stopNodes() throws InterruptedException {
        for (Process p : processes) {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    @Test
    void everyTaskEndsExactlyOnceAcrossNodesWhenAWorkerIsKilledMidway() throws Exception {
        String dbUrl = TestDatabases.newPostgresDatabase();
        String bucket = TestS3.newBucket();
        Clips clips = new Clips(dir.resolve("cache"));
        Path clip = clips.clip(dir.resolve("in.mp4"), 64, 48, 0.4);
        String ffmpeg = clips.ffmpeg().ffmpegPath().toString();
        int[] ports = {freePort(), freePort(), freePort(), freePort()};
        String api1 = "http://127.0.0.1:" + ports[0];
        String api2 = "http://127.0.0.1:" + ports[1];
        // Every node hands out the same public base URL, as behind a load balancer; here api 1 stands in for it.
        List<String> common = List.of("--db-url", dbUrl, "--db-user", "postgres", "--db-password", "postgres",
                "--media-store", "s3://" + bucket, "--public-url", api1, "--key-concurrency", "100",
                "--stale-after", "10s");
        startNode("api1", ports[0], "api", common, ffmpeg);
        startNode("api2", ports[1], "api", common, ffmpeg);
        Process worker1 = startNode("worker1", ports[2], "worker", common, ffmpeg);
        startNode("worker2", ports[3], "worker", common, ffmpeg);
        for (int port : ports) {
            TestServer.awaitHealthy(http, "http://127.0.0.1:" + port);
        }

        String videoUrl = upload(api2, clip);
        List<String> ids = submitAll(List.of(api1, api2), videoUrl);
        assertThat(ids).hasSize(TASKS).doesNotHaveDuplicates();

        String ended = "SELECT COUNT(*) FROM tasks WHERE status IN ('SUCCESS', 'FAILED')";
        awaitWhileMoving(() -> count(dbUrl, ended), TASKS / 5,
                () -> count(dbUrl, "SELECT COUNT(*) FROM tasks WHERE status = 'RUNNING'") > 0);
        worker1.destroyForcibly(); // SIGKILL mid-run: its silent attempts are re-queued by the other worker's rescuer after 10 s
        worker1.waitFor();

        awaitWhileMoving(() -> count(dbUrl, ended), TASKS, () -> true);

        assertThat(count(dbUrl, "SELECT COUNT(*) FROM tasks WHERE status = 'SUCCESS'")).isEqualTo(TASKS);
        assertThat(count(dbUrl, "SELECT COUNT(*) FROM task_events WHERE status IN ('SUCCESS', 'FAILED')"))
                .as("terminal events").isEqualTo(TASKS);
        assertThat(count(dbUrl, "SELECT COUNT(DISTINCT task_id) FROM task_events WHERE status IN ('SUCCESS', 'FAILED')"))
                .isEqualTo(TASKS);
        assertThat(count(dbUrl, "SELECT COUNT(*) FROM task_outputs")).as("outputs").isEqualTo(TASKS);
        assertThat(count(dbUrl, "SELECT COUNT(DISTINCT task_id) FROM task_outputs")).isEqualTo(TASKS);
        assertThat(count(dbUrl, "SELECT COUNT(DISTINCT SUBSTRING(worker_id FROM 1 FOR 13)) FROM task_events WHERE status = 'RUNNING'"))
                .as("both worker nodes ran tasks").isEqualTo(2);
        assertThat(count(dbUrl, "SELECT COUNT(*) FROM tasks WHERE attempt > 1"))
                .as("tasks the killed worker was running were re-run by the other").isPositive();

        // Results live in S3 and links in the database: the api node that did not hand a URL out serves it.
        for (int i = 0; i < ids.size(); i++) {
            String base = i % 2 == 0 ? api1 : api2;
            JsonNode q = post(base + "/openapi/v2/query", Map.of("taskId", ids.get(i)));
            String url = q.path("results").get(0).path("url").asText();
            assertThat(url).startsWith(api1 + "/media/");
            String fromOther = api2 + url.substring(api1.length());
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(fromOther)).header("Range", "bytes=4-7").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).as(fromOther).isEqualTo(206);
            assertThat(new String(r.body(), StandardCharsets.US_ASCII)).isEqualTo("ftyp");
        }
    }

    private Process startNode(String name, int port, String role, List<String> common, String ffmpeg) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "dev.vedit.server.Main", "serve", "--port", Integer.toString(port), "--data-dir", dir.resolve(name).toString(),
                "--role", role, "--workers", "2"));
        command.addAll(common);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("VEDIT_API_KEY", KEY);
        // The test's FFmpeg, not one extraction per node; a bundled build needs its libraries (and libpulse stub) beside it.
        pb.environment().put("VEDIT_FFMPEG", ffmpeg);
        pb.environment().put("LD_LIBRARY_PATH", Path.of(ffmpeg).getParent().toString());
        pb.environment().putAll(TestS3.environment());
        Path logs = Files.createDirectories(Path.of("target", "multi-node-logs"));
        pb.redirectErrorStream(true).redirectOutput(logs.resolve(name + "-" + System.nanoTime() + ".log").toFile());
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private List<String> submitAll(List<String> apis, String videoUrl) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                String base = apis.get(i % apis.size());
                String prompt = i % 2 == 0 ? "make it black and white" : "mirror it";
                futures.add(pool.submit(() -> {
                    JsonNode r = post(base + "/openapi/v2/kling-video-o3-std/video-edit", Map.of("prompt", prompt, "videoUrl", videoUrl));
                    assertThat(r.path("errorCode").asText()).as(r.toString()).isEmpty();
                    return r.path("taskId").asText();
                }));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> f : futures) {
                ids.add(f.get());
            }
            return ids;
        } finally {
            pool.shutdownNow();
        }
    }

    private String upload(String base, Path file) throws Exception {
        String boundary = "vedit-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"in.mp4\"\r\n"
                + "Content-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(file));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/openapi/v2/media/upload/binary"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode reply = json.readTree(r.body());
        assertThat(reply.path("code").asInt()).as(r.body()).isZero();
        return reply.path("data").path("download_url").asText();
    }

    private JsonNode post(String url, Object body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + KEY)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }


    /** How long the count of ended tasks may stand still: the killed worker's attempts wait 10 s (stale-after) to be rescued. */
    private static final Duration STALL = Duration.ofSeconds(120);

    /**
     * Waits until {@code count} reaches {@code target} and {@code also} holds, for as long as tasks keep ending: a loaded
     * machine ends them slowly, which is no failure, while a queue that stops ending them for {@link #STALL} is stuck.
     */
    private static void awaitWhileMoving(Callable<Long> count, long target, Callable<Boolean> also) throws Exception {
        long seen = -1;
        long movedAt = System.nanoTime();
        while (true) {
            long now = count.call();
            if (now >= target && also.call()) {
                return;
            }
            if (now != seen) {
                seen = now;
                movedAt = System.nanoTime();
            } else if (System.nanoTime() - movedAt > STALL.toNanos()) {
                throw new AssertionError(now + " of " + target + " tasks ended, and none for " + STALL.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }

    private static long count(String dbUrl, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(dbUrl, "postgres", "postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
