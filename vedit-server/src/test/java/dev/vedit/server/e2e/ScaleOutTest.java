package dev.vedit.server.e2e;

import static dev.vedit.server.task.QueueSettingsBuilder.fastQueue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vedit.server.Deployment;
import dev.vedit.server.ServerConfig;
import dev.vedit.server.VeditServer;
import dev.vedit.server.db.TestDatabases;
import dev.vedit.server.http.TestServer;
import dev.vedit.server.media.TestS3;
import dev.vedit.server.task.QueueSettings;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An api node and a worker node, in one JVM but sharing nothing but a PostgreSQL database and an S3 bucket,
 * as on two machines: the api node never runs tasks, the worker is woken by LISTEN/NOTIFY long before its poll
 * interval (also after its LISTEN connection is killed), and a poll-only worker still finds every task.
 */
class ScaleOutTest {
    private static final Duration LONG_POLL = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private String dbUrl;
    private Deployment shared;
    /** Every node of a deployment has the same VEDIT_API_KEY list. */
    private final String keyA = TestServer.newKey();
    private final String keyB = TestServer.newKey();
    private String video;

    @BeforeEach
    void sharedDatabaseBucketAndClip() throws Exception {
        dbUrl = TestDatabases.newPostgresDatabase();
        shared = Deployment.single().withS3("s3://" + TestS3.newBucket() + "/vedit", TestS3.endpoint());
        Path clip = new Clips(dir.resolve("cache")).clip(dir.resolve("in.mp4"), 160, 120, 0.6);
        video = "data:video/mp4;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(clip));
    }

    private TestServer node(String name, Deployment.Role role, Duration poll, boolean pollOnly) {
        QueueSettings queue = fastQueue().workers(1).pollInterval(poll).build();
        return new TestServer(dir.resolve(name), c -> c.withDatabase(dbUrl, "postgres", "postgres").withQueue(queue)
                .withDeployment(shared.withRole(role).withPollOnly(pollOnly)), keyA, keyB);
    }

    @Test
    void anApiNodeNeverRunsTasksAndNotifyWakesAnIdleWorkerLongBeforeItsPollInterval() throws Exception {
        try (TestServer api = node("api", Deployment.Role.API, LONG_POLL, false)) {
            String first = submit(api);
            Thread.sleep(1500);
            assertThat(status(api, first)).as("an api node claims nothing").isEqualTo("QUEUED");

            try (TestServer worker = node("worker", Deployment.Role.WORKER, LONG_POLL, false)) {
                awaitSuccess(api, first, Duration.ofSeconds(60));
                Thread.sleep(1000); // the worker is now idle, waiting up to 30 s for its next poll

                long latency = dispatchLatency(api);
                assertThat(latency).as("dispatch latency (ms) with a %s s poll interval", LONG_POLL.toSeconds()).isLessThan(5000);

                // Kill the LISTEN session: the listener reconnects, and NOTIFY works again.
                assertThat(terminateListeners()).isEqualTo(1);
                Thread.sleep(1500);
                long afterReconnect = dispatchLatency(api);
                assertThat(afterReconnect).as("dispatch latency (ms) after the LISTEN connection was killed").isLessThan(5000);

                HttpResponse<String> health = api.raw(HttpRequest.newBuilder(URI.create(worker.url("/healthz"))).build());
                assertThat(health.statusCode()).isEqualTo(200);
                HttpResponse<String> query = api.raw(HttpRequest.newBuilder(URI.create(worker.url("/openapi/v2/query")))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"taskId\":\"" + first + "\"}")).build());
                assertThat(query.statusCode()).as("a worker node serves no API").isEqualTo(404);
            }
            // The result lives in S3 and the link in the database: the api node serves it, ranges included.
            String url = api.post("/openapi/v2/query", api.keyA, Map.of("taskId", first)).path("results").get(0).path("url").asText();
            HttpResponse<byte[]> part = api.http.send(HttpRequest.newBuilder(URI.create(url)).header("Range", "bytes=4-11").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(part.statusCode()).isEqualTo(206);
            assertThat(new String(part.body(), java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("ftypisom");
        }
    }

    @Test
    void aPollOnlyWorkerStillRunsEveryTask() throws Exception {
        try (TestServer api = node("api", Deployment.Role.API, Duration.ofSeconds(1), false);
             TestServer worker = node("worker", Deployment.Role.WORKER, Duration.ofSeconds(1), true)) {
            assertThat(terminateListeners()).as("no LISTEN connection in poll-only mode").isZero();
            List<String> ids = List.of(submit(api), submit(api));
            for (String id : ids) {
                awaitSuccess(api, id, Duration.ofSeconds(60));
            }
        }
    }

    @Test
    void splitRolesOnTheEmbeddedDatabaseAreRefusedWithAClearMessage() {
        ServerConfig config = ServerConfig.defaults(dir.resolve("h2")).withPort(0)
                .withDeployment(Deployment.single().withRole(Deployment.Role.WORKER));

        assertThatThrownBy(() -> VeditServer.start(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--role worker needs a database shared by all nodes").hasMessageContaining("--db-url")
                .hasMessageContaining("内嵌 H2");
    }

    @Test
    void splitRolesWithMediaOnDiskAreRefusedWithAClearMessage() {
        ServerConfig config = ServerConfig.defaults(dir.resolve("pg")).withPort(0).withDatabase(dbUrl, "postgres", "postgres")
                .withDeployment(Deployment.single().withRole(Deployment.Role.API));

        assertThatThrownBy(() -> VeditServer.start(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--role api needs media shared by all nodes").hasMessageContaining("--media-store s3://BUCKET");
    }

    @Test
    void unknownRolesAndMediaStoresAreRefused() {
        assertThatThrownBy(() -> Deployment.Role.parse("manager")).hasMessageContaining("--role must be all, api or worker");
        assertThatThrownBy(() -> new Deployment(Deployment.Role.ALL, "ftp://x", null, null, false))
                .hasMessageContaining("--media-store must be disk or s3://BUCKET");
        assertThat(Deployment.Role.parse(" Worker ")).isEqualTo(Deployment.Role.WORKER);
    }

    private String submit(TestServer api) {
        JsonNode r = api.post("/openapi/v2/kling-video-o3-std/video-edit", api.keyA, Map.of("prompt", "make it black and white", "videoUrl", video));
        assertThat(r.path("errorCode").asText()).as(r.toString()).isEmpty();
        return r.path("taskId").asText();
    }

    /** Milliseconds from a submit until a worker has claimed the task. */
    private long dispatchLatency(TestServer api) {
        long start = System.nanoTime();
        String id = submit(api);
        await().atMost(LONG_POLL.plusSeconds(10)).pollInterval(Duration.ofMillis(25)).until(() -> !status(api, id).equals("QUEUED"));
        long latency = (System.nanoTime() - start) / 1_000_000;
        awaitSuccess(api, id, Duration.ofSeconds(60));
        return latency;
    }

    private static String status(TestServer api, String id) {
        return api.post("/openapi/v2/query", api.keyA, Map.of("taskId", id)).path("status").asText();
    }

    private static void awaitSuccess(TestServer api, String id, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> status(api, id).equals("SUCCESS"));
    }

    /** Ends the database sessions LISTENing for tasks; returns how many there were. */
    private int terminateListeners() throws Exception {
        try (Connection c = DriverManager.getConnection(dbUrl, "postgres", "postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     + "WHERE datname = current_database() AND query LIKE 'LISTEN %' AND pid <> pg_backend_pid()")) {
            int n = 0;
            while (rs.next()) {
                n++;
            }
            return n;
        }
    }
}
