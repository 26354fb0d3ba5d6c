package dev.vedit.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vedit.server.http.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL restarted under a running service (same port, same data dir): while it is down the API answers
 * 503 with {@code 1010} instead of hanging or crashing; afterwards the service serves again without a restart
 * of its own, and a task running across the outage still ends exactly once.
 */
class PostgresRestartTest {
    private static final String O3 = "/openapi/v2/kling-video-o3-pro/video-edit";

    @TempDir
    Path dir;

    @Test
    void theServiceRidesOutAPostgresRestart() throws Exception {
        Path pgData = dir.resolve("pg");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedPostgres pg = start(pgData, port);
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE vedit");
        }
        String url = pg.getJdbcUrl("postgres", "vedit");
        Path data = dir.resolve("server");
        try (TestServer s = new TestServer(data, c -> c.withDatabase(url, "postgres", "postgres"))) {
            Path clip = new Clips(data.resolve("cache")).clip(dir.resolve("in.mp4"), 640, 360, 4.0);
            String video = "data:video/mp4;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(clip));
            String acrossOutage = s.post(O3, s.keyA, Map.of("prompt", "slow it down to half speed and mirror it", "videoUrl", video))
                    .path("taskId").asText();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                    s.post("/openapi/v2/query", s.keyA, Map.of("taskId", acrossOutage)).path("status").asText().equals("RUNNING"));

            pg.close(); // a clean stop; its data dir stays
            HttpResponse<String> down = s.raw(HttpRequest.newBuilder(URI.create(s.url("/openapi/v2/query")))
                    .header("Authorization", "Bearer " + s.keyA).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"taskId\":\"" + acrossOutage + "\"}")).build());
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"errorCode\":\"1010\"").contains(" | ");
            HttpResponse<String> submitWhileDown = s.raw(HttpRequest.newBuilder(URI.create(s.url(O3)))
                    .header("Authorization", "Bearer " + s.keyA).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"mirror\",\"videoUrl\":\"https://example.com/a.mp4\"}")).build());
            assertThat(submitWhileDown.statusCode()).isIn(503);
            assertThat(submitWhileDown.body()).contains("\"errorCode\":\"1010\"");

            pg = start(pgData, port);
            JsonNode[] last = new JsonNode[1];
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).ignoreExceptions().until(() -> {
                last[0] = s.post("/openapi/v2/query", s.keyA, Map.of("taskId", acrossOutage));
                return Set.of("SUCCESS", "FAILED").contains(last[0].path("status").asText());
            });
            assertThat(last[0].path("status").asText()).as(last[0].toString()).isEqualTo("SUCCESS");
            try (Connection c = pg.getDatabase("postgres", "vedit").getConnection(); Statement st = c.createStatement();
                    var rs = st.executeQuery("SELECT COUNT(*) FROM task_events WHERE task_id = " + Long.parseLong(acrossOutage)
                            + " AND status IN ('SUCCESS', 'FAILED')")) {
                rs.next();
                assertThat(rs.getLong(1)).as("terminal events").isEqualTo(1);
            }
            String after = s.post(O3, s.keyA, Map.of("prompt", "make it black and white", "videoUrl", video)).path("taskId").asText();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() ->
                    s.post("/openapi/v2/query", s.keyA, Map.of("taskId", after)).path("status").asText().equals("SUCCESS"));
        } finally {
            pg.close();
        }
    }

    private static EmbeddedPostgres start(Path dataDir, int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port).start();
    }
}
