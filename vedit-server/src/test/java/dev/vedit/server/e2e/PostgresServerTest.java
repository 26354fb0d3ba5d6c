package dev.vedit.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vedit.server.db.TestDatabases;
import dev.vedit.server.http.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole service runs unchanged on PostgreSQL ({@code --db-url}): submit, run, query, cancel. */
class PostgresServerTest {
    @TempDir
    Path dir;

    @Test
    void anEditRunsEndToEndOnPostgres() throws Exception {
        String url = TestDatabases.newPostgresDatabase();
        try (TestServer s = new TestServer(dir.resolve("server"), c -> c.withDatabase(url, "postgres", "postgres"))) {
            Path clip = new Clips(dir.resolve("server").resolve("cache")).clip(dir.resolve("in.mp4"), 320, 240, 1.5);
            String video = "data:video/mp4;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(clip));
            JsonNode submitted = s.post("/openapi/v2/kling-video-o3-std/video-edit", s.keyA,
                    Map.of("prompt", "flip it vertically and make it darker", "videoUrl", video));
            String taskId = submitted.path("taskId").asText();
            assertThat(taskId).as(submitted.toString()).matches("\\d{19}");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                    s.post("/openapi/v2/query", s.keyA, Map.of("taskId", taskId)).path("status").asText().equals("SUCCESS"));
            JsonNode outputs = s.post("/task/openapi/outputs", s.keyA, Map.of("taskId", taskId));
            assertThat(outputs.path("code").asInt()).isZero();
            assertThat(outputs.path("data").get(0).path("fileType").asText()).isEqualTo("mp4");
            assertThat(s.post("/openapi/v2/query", s.keyB, Map.of("taskId", taskId)).path("errorCode").asText()).isEqualTo("1004");
        }
    }
}
