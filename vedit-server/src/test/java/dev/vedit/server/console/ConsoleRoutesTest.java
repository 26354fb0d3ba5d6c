package dev.vedit.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vedit.server.http.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's files come from the server itself and name no other host; the routes it uses answer what the
 * console shows: the catalog, a dry-run plan or the refusal (with the refused words), a task with its history.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleRoutesTest {
    @TempDir
    static Path dir;
    TestServer s;

    @BeforeAll
    void start() {
        s = new TestServer(dir, c -> c.withQueue(c.queue().withWorkers(0)));
    }

    @AfterAll
    void stop() {
        s.close();
    }

    HttpResponse<String> get(String path, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.url(path)));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return s.raw(b.build());
    }

    @Test
    void theConsoleIsServedFromTheJarAndLoadsNothingFromElsewhere() {
        HttpResponse<String> page = get("/console", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'self'", "frame-ancestors 'none'");
        assertThat(page.body()).contains("/console/app.js", "/console/app.css");
        for (String asset : List.of("app.js", "i18n.js", "app.css")) {
            HttpResponse<String> r = get("/console/" + asset, null);
            assertThat(r.statusCode()).as(asset).isEqualTo(200);
            assertThat(r.body()).as(asset).doesNotContain("http://", "https://", "//cdn");
        }
        assertThat(get("/console/app.js", null).headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
        assertThat(get("/console/i18n.js", null).body()).contains("'nav.tasks': 'Tasks'", "'nav.tasks': '任务'");
        assertThat(get("/console/../ops/docs.html", null).statusCode()).isEqualTo(404);
        assertThat(get("/console/secret.txt", null).statusCode()).isEqualTo(404);
    }

    @Test
    void theCatalogNeedsAKeyAndListsTheModelsWithTheirLimits() throws Exception {
        assertThat(get("/vedit/v1/models", null).statusCode()).isEqualTo(401);
        JsonNode models = s.json.readTree(get("/vedit/v1/models", s.keyA).body()).path("data");
        assertThat(models).hasSize(5);
        JsonNode o3 = models.get(0);
        assertThat(o3.path("endpoint").asText()).isNotEmpty();
        assertThat(o3.path("limits").has("videoMaxSeconds")).isTrue();
        assertThat(o3.path("fields").toString()).contains("\"prompt\"", "\"formats\"");
    }

    @Test
    void aDryRunShowsThePlanOrTheRefusalWithTheRefusedWordsAndQueuesNothing() {
        JsonNode ok = s.post("/vedit/v1/plan", s.keyB, Map.of("model", "kling-video-o3-pro/video-edit",
                "prompt", "make it black and white and mirror it", "videoUrl", "https://example.com/in.mp4")).path("data");
        assertThat(ok.path("accepted").asBoolean()).as(ok.toString()).isTrue();
        assertThat(ok.path("engine").asText()).isEqualTo("local");
        assertThat(ok.path("plan").path("operations").findValuesAsText("op")).contains("grayscale", "hflip");
        assertThat(ok.path("plan").path("operations").get(0).path("source").asText()).isNotEmpty();

        JsonNode refused = s.post("/vedit/v1/plan", s.keyB, Map.of("model", "kling-video-o3-pro/video-edit",
                "prompt", "mirror it and turn it into anime style", "videoUrl", "https://example.com/in.mp4")).path("data");
        assertThat(refused.path("accepted").asBoolean()).isFalse();
        assertThat(refused.path("errorCode").asText()).isEqualTo("2001");
        assertThat(refused.path("refused").toString()).contains("anime style");

        JsonNode invalid = s.post("/vedit/v1/plan", s.keyB, Map.of("model", "kling-video-o3-pro/video-edit", "prompt", "mirror it")).path("data");
        assertThat(invalid.path("accepted").asBoolean()).isFalse();
        assertThat(invalid.path("errorMessage").asText()).contains("videoUrl");

        JsonNode unknownModel = s.post("/vedit/v1/plan", s.keyB, Map.of("model", "nope", "prompt", "mirror it"));
        assertThat(unknownModel.path("code").asInt()).isEqualTo(301);
        assertThat(unknownModel.path("msg").asText()).contains("model must be one of");

        JsonNode list = s.post("/uc/openapi/accountStatus", s.keyB, Map.of());
        assertThat(list.path("data").path("currentTaskCounts").asText("0")).isEqualTo("0");
    }

    @Test
    void aTaskComesWithItsRequestAndHistoryAndIsNotFoundForAnotherKey() throws Exception {
        JsonNode submitted = s.post("/openapi/v2/kling-video-o3-pro/video-edit", s.keyA, Map.of("prompt", "mirror it",
                "videoUrl", "https://example.com/in.mp4"));
        String id = submitted.path("taskId").asText();
        JsonNode d = s.json.readTree(get("/vedit/v1/tasks/" + id, s.keyA).body()).path("data");
        assertThat(d.path("task").path("taskId").asText()).isEqualTo(id);
        assertThat(d.path("task").path("status").asText()).isEqualTo("QUEUED");
        assertThat(d.path("request").path("videoUrl").asText()).isEqualTo("https://example.com/in.mp4");
        assertThat(d.path("history").get(0).path("status").asText()).isEqualTo("QUEUED");
        assertThat(d.path("endpoint").asText()).isEqualTo("kling-video-o3-pro/video-edit");

        JsonNode foreign = s.json.readTree(get("/vedit/v1/tasks/" + id, s.keyB).body());
        assertThat(foreign.path("code").asInt()).isEqualTo(1004);
        assertThat(foreign.toString()).doesNotContain("example.com");
    }
}
