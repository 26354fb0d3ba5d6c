package dev.vedit.server.http;

import static dev.vedit.server.task.QueueSettingsBuilder.fastQueue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vedit.server.task.QueueSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The wire shape of vedit's task-list extension, {@code GET /openapi/v2/tasks}, over plain HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskListContractTest {
    @TempDir
    static Path dir;
    TestServer s;

    @BeforeAll
    void start() {
        QueueSettings noWorkers = fastQueue().workers(0).build();
        s = new TestServer(dir, c -> c.withQueue(noWorkers));
    }

    @AfterAll
    void stop() {
        s.close();
    }

    JsonNode get(String pathAndQuery, String key) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.url(pathAndQuery))).GET();
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> r = s.raw(b.build());
        assertThat(r.statusCode()).isEqualTo(200);
        return s.json.readTree(r.body());
    }

    @Test
    void theListIsAV1EnvelopeOfTheCallersTasksNewestFirst() throws IOException {
        String taskId = s.post("/openapi/v2/kling-video-o3-pro/video-edit", s.keyA,
                Map.of("prompt", "mirror it", "videoUrl", "https://cdn.example.com/a.mp4")).path("taskId").asText();
        JsonNode reply = get("/openapi/v2/tasks?page=1&pageSize=5", s.keyA);
        assertThat(reply.path("code").asInt()).isZero();
        assertThat(reply.path("msg").asText()).isEqualTo("success");
        JsonNode data = reply.path("data");
        assertThat(data.path("page").asInt()).isEqualTo(1);
        assertThat(data.path("pageSize").asInt()).isEqualTo(5);
        assertThat(data.path("hasMore").asBoolean()).isFalse();
        JsonNode task = data.path("tasks").get(0);
        assertThat(task.path("taskId").asText()).isEqualTo(taskId);
        assertThat(task.path("status").asText()).isEqualTo("QUEUED");
        assertThat(task.has("progress")).isTrue();
        assertThat(task.path("finishedAt").isNull()).isTrue();
        assertThat(get("/openapi/v2/tasks", s.keyB).path("data").path("tasks")).isEmpty();
    }

    @Test
    void withoutAKeyOrWithBadPagingItAnswersTheV1ErrorCodes() throws IOException {
        assertThat(get("/openapi/v2/tasks", null).path("code").asInt()).isEqualTo(802);
        JsonNode badPage = get("/openapi/v2/tasks?page=0", s.keyA);
        assertThat(badPage.path("code").asInt()).isEqualTo(301);
        assertThat(badPage.path("msg").asText()).contains("page must be 1 or more").contains("page 须不小于 1");
        assertThat(get("/openapi/v2/tasks?pageSize=abc", s.keyA).path("msg").asText()).contains("pageSize must be a whole number");
    }
}
