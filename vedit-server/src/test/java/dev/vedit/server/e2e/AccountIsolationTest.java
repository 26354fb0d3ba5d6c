package dev.vedit.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vedit.server.http.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One account can never see, query, cancel or download another account's tasks and results: key B is tried on
 * every endpoint against a task of key A that really ran, and gets "not found" (never the task, never a URL).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountIsolationTest {
    private static final String O3 = "/openapi/v2/kling-video-o3-pro/video-edit";

    @TempDir
    static Path dir;
    TestServer s;
    String sourceUrl;
    String doneTaskId;
    String resultUrl;

    @BeforeAll
    void start() throws IOException {
        s = new TestServer(dir.resolve("server"));
        Path clip = new Clips(dir.resolve("server").resolve("cache")).clip(dir.resolve("a.mp4"), 160, 120, 1.0);
        sourceUrl = Uploads.downloadUrl(s, s.keyA, "a.mp4", Files.readAllBytes(clip));
        doneTaskId = submitAsA("make it black and white");
        JsonNode done = awaitEnd(doneTaskId);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCESS");
        resultUrl = done.path("results").get(0).path("url").asText();
    }

    @AfterAll
    void stop() {
        s.close();
    }

    String submitAsA(String prompt) {
        JsonNode r = s.post(O3, s.keyA, Map.of("prompt", prompt, "videoUrl", sourceUrl));
        assertThat(r.path("errorCode").asText()).as(r.toString()).isEmpty();
        return r.path("taskId").asText();
    }

    JsonNode awaitEnd(String taskId) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = s.post("/openapi/v2/query", s.keyA, Map.of("taskId", taskId));
            return List.of("SUCCESS", "FAILED").contains(last[0].path("status").asText());
        });
        return last[0];
    }

    @Test
    void anotherKeysQueryOfAFinishedTaskReadsAsNotFoundAndLeaksNoUrl() {
        JsonNode q = s.post("/openapi/v2/query", s.keyB, Map.of("taskId", doneTaskId));
        assertThat(q.path("errorCode").asText()).isEqualTo("1004");
        assertThat(q.path("status").asText()).isEmpty();
        assertThat(q.toString()).doesNotContain(resultUrl).doesNotContain("/media/");
    }

    @Test
    void anotherKeysV1StatusAndOutputsReadAsNotFound() {
        for (String path : List.of("/task/openapi/status", "/task/openapi/outputs")) {
            JsonNode r = s.post(path, s.keyB, Map.of("taskId", doneTaskId));
            assertThat(r.path("code").asInt()).as(path).isEqualTo(807);
            assertThat(r.toString()).doesNotContain("/media/");
            JsonNode viaBodyKey = s.post(path, null, Map.of("apiKey", s.keyB, "taskId", doneTaskId));
            assertThat(viaBodyKey.path("code").asInt()).as(path).isEqualTo(807);
        }
        // The owner still sees it, so "not found" above is isolation, not a broken endpoint.
        assertThat(s.post("/task/openapi/outputs", s.keyA, Map.of("taskId", doneTaskId)).toString()).contains(resultUrl);
    }

    @Test
    void anotherKeysTaskListNeverShowsTheOwnersTasks() throws IOException {
        HttpResponse<String> list = s.raw(HttpRequest.newBuilder(URI.create(s.url("/openapi/v2/tasks?pageSize=100")))
                .header("Authorization", "Bearer " + s.keyB).GET().build());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(s.json.readTree(list.body()).path("code").asInt()).isZero();
        assertThat(list.body()).doesNotContain(doneTaskId).doesNotContain("/media/");
        HttpResponse<String> own = s.raw(HttpRequest.newBuilder(URI.create(s.url("/openapi/v2/tasks?pageSize=100")))
                .header("Authorization", "Bearer " + s.keyA).GET().build());
        assertThat(own.body()).contains(doneTaskId);
    }

    @Test
    void anotherKeyCannotCancelATaskWhichThenFinishes() {
        String id = submitAsA("mirror it");
        assertThat(s.post("/task/openapi/cancel", s.keyB, Map.of("taskId", id)).path("code").asInt()).isEqualTo(807);
        assertThat(awaitEnd(id).path("status").asText()).isEqualTo("SUCCESS");
    }

    @Test
    void anotherKeysCountsNeverIncludeTheOwnersTasks() {
        for (int i = 0; i < 3; i++) {
            submitAsA("flip it vertically");
        }
        JsonNode account = s.post("/uc/openapi/accountStatus", s.keyB, Map.of());
        assertThat(account.path("data").path("currentTaskCounts").asText()).isEqualTo("0");
        HttpResponse<String> queue = s.raw(HttpRequest.newBuilder(URI.create(s.url("/openapi/v2/queue/status")))
                .header("Authorization", "Bearer " + s.keyB).GET().build());
        assertThat(queue.body()).contains("\"runningCount\":0").contains("\"queuedCount\":0");
    }

    @Test
    void resultUrlsAreUnguessableCapabilitiesAndAForgedTokenFindsNothing() {
        String token = URI.create(resultUrl).getPath().split("/")[2];
        // 32 random bytes, base64url: 256 bits, far past guessing.
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(head(resultUrl)).isEqualTo(200);
        char[] forged = token.toCharArray();
        forged[10] = forged[10] == 'A' ? 'B' : 'A';
        assertThat(head(resultUrl.replace(token, new String(forged)))).isEqualTo(404);
        assertThat(head(s.url("/media/../" + resultUrl.substring(resultUrl.lastIndexOf('/') + 1)))).isEqualTo(404);
    }

    private int head(String url) {
        return s.raw(HttpRequest.newBuilder(URI.create(url)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build()).statusCode();
    }
}
