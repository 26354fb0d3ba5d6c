package dev.vedit.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.vedit.server.ffmpeg.TestMedia;
import dev.vedit.server.http.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real replies of a real server (a real edit included) checked against the reply schemas that {@code /openapi.json}
 * itself declares for their path and method, and the document's own examples against the same schemas. A field the
 * document does not declare, a missing required one or a wrong type fails the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiConformanceTest {
    private static final String O3 = "/openapi/v2/kling-video-o3-pro/video-edit";
    private static final String WAN = "/openapi/v2/alibaba/wan-2.7/video-edit";
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    @TempDir
    static Path dir;
    TestServer s;
    JsonNode document;
    String videoUrl;
    String doneTaskId;

    @BeforeAll
    void start() throws Exception {
        s = new TestServer(dir.resolve("server"));
        document = s.json.readTree(get("/openapi.json").body());
        JsonNode uploaded = s.upload(TestMedia.clip(dir, "source.mp4", 1.0));
        conforms("/openapi/v2/media/upload/binary", "post", uploaded);
        videoUrl = uploaded.path("data").path("download_url").asText();
        // A private address: the delivery is refused at once (FAILED), which gives the task a webhook record to read.
        JsonNode submitted = s.post(O3, s.keyA, Map.of("prompt", "make it black and white", "videoUrl", videoUrl,
                "webhookUrl", "http://10.255.255.1/hook"));
        conforms(O3, "post", submitted);
        doneTaskId = submitted.path("taskId").asText();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                s.post("/openapi/v2/query", s.keyA, Map.of("taskId", doneTaskId)).path("status").asText().equals("SUCCESS"));
    }

    @AfterAll
    void stop() {
        s.close();
    }

    @Test
    void taskRepliesMatchTheirSchemaInEveryState() {
        conforms("/openapi/v2/query", "post", s.post("/openapi/v2/query", s.keyA, Map.of("taskId", doneTaskId)));
        conforms("/openapi/v2/query", "post", s.post("/openapi/v2/query", s.keyA, Map.of("taskId", "2100773838112505858")));
        conforms("/openapi/v2/query", "post", s.post("/openapi/v2/query", s.keyA, Map.of()));
        conforms("/openapi/v2/query", "post", s.post("/openapi/v2/query", "not-a-key", Map.of("taskId", doneTaskId)));
        // Refusals of a submit: engine (2001), wrong type (1007), bad URL (1001), unknown path under /openapi/v2/.
        conforms(O3, "post", s.post(O3, s.keyA, Map.of("prompt", "turn it into anime style", "videoUrl", videoUrl)));
        conforms(WAN, "post", s.post(WAN, s.keyA, Map.of("prompt", "mirror it", "videoUrl", videoUrl, "imageUrls", "https://example.com/a.png")));
        conforms(O3, "post", s.post(O3, s.keyA, Map.of("prompt", "mirror it", "videoUrl", "ftp://example.com/a.mp4")));
        conforms(O3, "post", s.post("/openapi/v2/no-such-model", s.keyA, Map.of("prompt", "mirror it")));
    }

    @Test
    void aCancelledTaskAndTheV1EndpointsMatchTheirSchemas() {
        // A server without workers, so the task is still QUEUED when it is cancelled.
        try (TestServer idle = new TestServer(dir.resolve("idle"), c -> c.withQueue(c.queue().withWorkers(0)))) {
            String id = idle.post(O3, idle.keyA, Map.of("prompt", "mirror it", "videoUrl", "https://example.com/in.mp4")).path("taskId").asText();
            conforms("/task/openapi/status", "post", idle.post("/task/openapi/status", idle.keyA, Map.of("taskId", id)));
            conforms("/task/openapi/outputs", "post", idle.post("/task/openapi/outputs", idle.keyA, Map.of("taskId", id)));
            conforms("/openapi/v2/tasks", "get", getJson(idle, "/openapi/v2/tasks?page=1&pageSize=100", idle.keyA));
            conforms("/openapi/v2/queue/status", "get", getJson(idle, "/openapi/v2/queue/status", idle.keyA));
            conforms("/task/openapi/cancel", "post", idle.post("/task/openapi/cancel", idle.keyA, Map.of("taskId", id)));
            JsonNode cancelled = idle.post("/openapi/v2/query", idle.keyA, Map.of("taskId", id));
            assertThat(cancelled.path("errorCode").asText()).isEqualTo("2002");
            conforms("/openapi/v2/query", "post", cancelled);
            conforms("/task/openapi/outputs", "post", idle.post("/task/openapi/outputs", idle.keyA, Map.of("taskId", id)));
        }
        conforms("/task/openapi/outputs", "post", s.post("/task/openapi/outputs", s.keyA, Map.of("taskId", doneTaskId)));
        conforms("/task/openapi/status", "post", s.post("/task/openapi/status", s.keyA, Map.of("taskId", doneTaskId)));
        conforms("/task/openapi/status", "post", s.post("/task/openapi/status", s.keyA, Map.of("taskId", "1")));
        conforms("/task/openapi/cancel", "post", s.post("/task/openapi/cancel", s.keyA, Map.of("taskId", "1")));
        conforms("/uc/openapi/accountStatus", "post", s.post("/uc/openapi/accountStatus", null, Map.of("apikey", s.keyA)));
        conforms("/openapi/v2/queue/status", "get", getJson(s, "/openapi/v2/queue/status", s.keyA));
        conforms("/openapi/v2/tasks", "get", getJson(s, "/openapi/v2/tasks?page=1&pageSize=100", s.keyA));
        conforms("/openapi/v2/tasks", "get", getJson(s, "/openapi/v2/tasks?pageSize=101", s.keyA));
        conforms("/uc/openapi/webhookSecret", "post", s.post("/uc/openapi/webhookSecret", s.keyA, Map.of()));
    }

    @Test
    void theWebhookRecordMatchesItsSchema() {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                s.post("/task/openapi/getWebhookDetail", s.keyA, Map.of("taskId", doneTaskId)).path("code").asInt() == 0);
        JsonNode detail = s.post("/task/openapi/getWebhookDetail", s.keyA, Map.of("taskId", doneTaskId));
        conforms("/task/openapi/getWebhookDetail", "post", detail);
        conforms("/task/openapi/retryWebhook", "post", s.post("/task/openapi/retryWebhook", s.keyA, Map.of("webhookId", "1")));
    }

    @Test
    void theDocumentsOwnExamplesMatchItsSchemas() {
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                JsonNode examples = op.getValue().path("responses").path("200").path("content").path("application/json").path("examples");
                for (JsonNode example : examples) {
                    conforms(path.getKey(), op.getKey(), example.path("value"));
                    checked++;
                }
            }
        }
        assertThat(checked).as("response examples in the document").isGreaterThan(20);
    }

    @Test
    void aReplyThatDoesNotMatchItsSchemaFails() {
        ObjectNode cancelledWithoutNode = (ObjectNode) s.json.valueToTree(Map.of("taskId", "1383453458050519040", "status", "FAILED",
                "errorCode", "2002", "errorMessage", "cancelled", "failedReason", Map.of("exception_type", "TASK_CANCELLED", "exception_message", "x")));
        cancelledWithoutNode.putNull("results");
        assertThatThrownBy(() -> conforms("/openapi/v2/query", "post", cancelledWithoutNode)).hasMessageContaining("failedReason");
        ObjectNode undeclared = s.post("/openapi/v2/query", s.keyA, Map.of("taskId", doneTaskId)).deepCopy();
        undeclared.put("surprise", 1);
        assertThatThrownBy(() -> conforms("/openapi/v2/query", "post", undeclared)).hasMessageContaining("surprise");
        ObjectNode untypedData = getJson(s, "/openapi/v2/queue/status", s.keyA).deepCopy();
        untypedData.put("data", "QUEUED");
        assertThatThrownBy(() -> conforms("/openapi/v2/queue/status", "get", untypedData)).hasMessageContaining("data");
    }

    @Test
    void theDocumentStatesTheLimitsAndCodesTheServerApplies() {
        String text = document.toString();
        assertThat(text).doesNotContain("0-0 s").contains("Source video 2-10 s");
        assertThat(document.at("/paths/~1openapi~1v2~1query/post/description").asText()).contains("1004").doesNotContain("807");
        assertThat(document.at("/components/schemas/EditPlan/properties/operations/items/properties/source/type").asText()).isEqualTo("string");
        JsonNode pageSize = null;
        for (JsonNode p : document.at("/paths/~1openapi~1v2~1tasks/get/parameters")) {
            if (p.path("name").asText().equals("pageSize")) {
                pageSize = p;
            }
        }
        assertThat(pageSize).isNotNull();
        assertThat(pageSize.at("/schema/maximum").asInt()).isEqualTo(dev.vedit.wire.TaskPage.MAX_PAGE_SIZE);
    }

    /** Validates {@code reply} against the 200 reply schema the document declares for {@code path} and {@code method}. */
    private void conforms(String path, String method, JsonNode reply) {
        String documented = document.path("paths").has(path) ? path : null;
        assertThat(documented).as("%s is in the document", path).isNotNull();
        String pointer = "#/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method + "/responses/200/content/application~1json/schema";
        ObjectNode root = document.deepCopy();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$ref", pointer);
        JsonSchema schema = SCHEMAS.getSchema(root);
        Set<ValidationMessage> errors = schema.validate(reply);
        if (!errors.isEmpty()) {
            throw new AssertionError(method + " " + path + " reply does not match its schema: " + errors + "\n" + reply.toPrettyString());
        }
    }

    private HttpResponse<String> get(String path) {
        return s.raw(HttpRequest.newBuilder(URI.create(s.url(path))).GET().build());
    }

    private static JsonNode getJson(TestServer server, String path, String key) {
        try {
            return server.json.readTree(server.raw(HttpRequest.newBuilder(URI.create(server.url(path))).header("Authorization", "Bearer " + key)
                    .GET().build()).body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
