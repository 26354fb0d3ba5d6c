package dev.vedit.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vedit.wire.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every endpoint of the contract and its error paths, over real HTTP. Workers are off, so submitted tasks
 * stay QUEUED and the replies are deterministic; the edit itself is covered by the end-to-end tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContractTest {
    private static final String O3 = "/openapi/v2/kling-video-o3-pro/video-edit";
    private static final String VIDEO = "https://example.com/in.mp4";

    @TempDir
    static Path dir;
    TestServer s;

    @BeforeAll
    void start() {
        s = new TestServer(dir, c -> c.withQueue(c.queue().withWorkers(0)));
        s.server.apiKeys().updateLimits(s.keyB, 2, 3);
    }

    @AfterAll
    void stop() {
        s.close();
    }

    Map<String, Object> edit(String prompt) {
        return Map.of("prompt", prompt, "videoUrl", VIDEO);
    }

    JsonNode submit(Object body) {
        return s.post(O3, s.keyA, body);
    }

    static void assertRejected(JsonNode reply, String code, String... mentions) {
        assertThat(reply.path("taskId").asText()).isEmpty();
        assertThat(reply.path("status").asText()).isEmpty();
        assertThat(reply.path("errorCode").asText()).isEqualTo(code);
        assertThat(reply.has("results")).isTrue();
        assertThat(reply.get("results").isNull()).isTrue();
        String message = reply.path("errorMessage").asText();
        assertThat(message).contains(" | ");
        for (String m : mentions) {
            assertThat(message).contains(m);
        }
    }

    @Test
    void healthzAnswersOkOnceStarted() {
        HttpResponse<String> r = s.raw(HttpRequest.newBuilder(URI.create(s.url("/healthz"))).GET().build());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void acceptedSubmitHasTheContractShape() throws Exception {
        JsonNode r = submit(edit("make it black and white"));
        assertThat(r.path("taskId").asText()).matches("\\d{19}");
        assertThat(r.path("status").asText()).isEqualTo("QUEUED");
        assertThat(r.path("errorCode").asText()).isEmpty();
        assertThat(r.path("errorMessage").asText()).isEmpty();
        assertThat(r.get("results").isNull()).isTrue();
        assertThat(r.path("clientId").asText()).matches("[0-9a-f]{32}");
        JsonNode tips = s.json.readTree(r.path("promptTips").asText());
        assertThat(tips.path("result").asBoolean()).isTrue();
        assertThat(r.path("plan").path("operations").get(0).path("op").asText()).isEqualTo("grayscale");
    }

    @Test
    void everyEndpointAndAliasAcceptsASubmit() {
        List<Map.Entry<String, Map<String, Object>>> cases = List.of(
                Map.entry("/openapi/v2/kling-video-o3-pro/video-edit", edit("mirror the video")),
                Map.entry("/openapi/v2/kling-video-o3-std/video-edit", edit("mirror the video")),
                Map.entry("/openapi/v2/kling-video-o1-std/edit-video", edit("mirror the video")),
                Map.entry("/openapi/v2/alibaba/wan-2.7/video-edit", Map.of("prompt", "mirror", "videoUrl", VIDEO, "imageUrls", List.of(VIDEO))),
                Map.entry("/openapi/v2/wan-2.7/video-edit", Map.of("prompt", "mirror", "videoUrl", VIDEO, "imageUrls", List.of(VIDEO))),
                Map.entry("/openapi/v2/rhart-video-g-official/edit-video", edit("mirror the video")),
                Map.entry("/openapi/v2/xai/grok-imagine/edit-video-official-stable", edit("mirror the video")));
        for (var c : cases) {
            JsonNode r = s.post(c.getKey(), s.keyB, c.getValue());
            assertThat(r.path("errorCode").asText()).as(c.getKey() + " -> " + r).isEmpty();
            assertThat(s.post("/task/openapi/cancel", s.keyB, Map.of("taskId", r.path("taskId").asText())).path("code").asInt()).isZero();
        }
    }

    @Test
    void missingKeyIsRejectedWith1002() {
        assertRejected(s.post(O3, null, edit("mirror")), "1002", "Authorization: Bearer");
        assertRejected(s.post(O3, "00000000000000000000000000000000", edit("mirror")), "1002", "not known");
    }

    @Test
    void missingPromptIsRejectedNamingTheField() {
        assertRejected(submit(Map.of("videoUrl", VIDEO)), "1007", "prompt is required", "prompt 为必填项");
    }

    @Test
    void missingVideoIsRejectedNamingTheField() {
        assertRejected(submit(Map.of("prompt", "mirror")), "1007", "videoUrl is required");
    }

    @Test
    void badUrlIsRejectedWith1001() {
        assertRejected(submit(Map.of("prompt", "mirror", "videoUrl", "file:///etc/passwd")), "1001", "videoUrl");
    }

    @Test
    void wrongTypeAndEnumAreRejectedNamingTheField() {
        assertRejected(submit(Map.of("prompt", "mirror", "videoUrl", VIDEO, "keepOriginalSound", "maybe")), "1007", "keepOriginalSound");
        JsonNode r = s.post("/openapi/v2/rhart-video-g-official/edit-video", s.keyA, Map.of("prompt", "mirror it", "videoUrl", VIDEO,
                "resolution", "4k"));
        assertRejected(r, "1007", "resolution", "720p", "480p");
    }

    @Test
    void wrongJsonTypesAreRejectedNamingTheFieldButNumericListValuesAreAccepted() {
        String wan = "/openapi/v2/alibaba/wan-2.7/video-edit";
        String image = "https://cdn.example.com/ref.png";
        // A plain string where the contract has a list, a quoted seed, a quoted boolean: all wrong types.
        assertRejected(s.post(wan, s.keyA, Map.of("prompt", "mirror it", "videoUrl", VIDEO, "imageUrls", image)), "1007", "imageUrls", "array");
        assertRejected(s.post(wan, s.keyA, Map.of("prompt", "mirror it", "videoUrl", VIDEO, "imageUrls", List.of(image), "seed", "42")),
                "1007", "seed", "integer");
        assertRejected(s.post(wan, s.keyA, Map.of("prompt", "mirror it", "videoUrl", VIDEO, "imageUrls", List.of(image), "promptExtend", "true")),
                "1007", "promptExtend", "boolean");
        // LIST values are strings on the wire; RunningHub documents numeric ones ("duration": "5"), given either way.
        for (Object duration : List.of("0", 0)) {
            JsonNode ok = s.post(wan, s.keyA, Map.of("prompt", "mirror it", "videoUrl", VIDEO, "imageUrls", List.of(image), "duration", duration,
                    "seed", 42));
            assertThat(ok.path("errorCode").asText()).as(ok.toString()).isEmpty();
            s.post("/task/openapi/cancel", s.keyA, Map.of("taskId", ok.path("taskId").asText()));
        }
    }

    @Test
    void refusalsThatNoRetryCanFixReadAsPermanentToTheOfficialComfyUiNode() {
        // Real replies: an edit the engine refuses (2001), a wrong type (1007), a bad URL (1001), an unknown key (1002).
        List<JsonNode> permanent = List.of(
                submit(edit("turn it into anime style")),
                submit(Map.of("prompt", "mirror", "videoUrl", VIDEO, "keepOriginalSound", "maybe")),
                submit(Map.of("prompt", "mirror", "videoUrl", "ftp://example.com/in.mp4")),
                s.post(O3, "not-a-key", edit("mirror")));
        assertThat(permanent).extracting(r -> r.path("errorCode").asText()).containsExactly("2001", "1007", "1001", "1002");
        for (JsonNode r : permanent) {
            assertThat(OfficialComfyUiNode.wouldResubmit(r.path("errorMessage").asText())).as(r.toString()).isFalse();
        }
        for (ErrorCode code : List.of(ErrorCode.EDIT_NOT_SUPPORTED, ErrorCode.MEDIA_INVALID, ErrorCode.MEDIA_LIMIT, ErrorCode.INVALID_PARAMETERS)) {
            assertThat(OfficialComfyUiNode.wouldResubmit(code.message())).as(code.name()).isFalse();
        }
        // What may well succeed a moment later must still be retried by it.
        for (ErrorCode code : List.of(ErrorCode.RATE_LIMITED, ErrorCode.QUEUE_LIMIT, ErrorCode.SYSTEM_BUSY, ErrorCode.SERVICE_UNAVAILABLE,
                ErrorCode.INTERNAL_ERROR, ErrorCode.RETRIES_EXHAUSTED)) {
            assertThat(OfficialComfyUiNode.wouldResubmit(code.message())).as(code.name()).isTrue();
        }
    }

    @Test
    void tooManyImagesAreRejected() {
        assertRejected(submit(Map.of("prompt", "mirror", "videoUrl", VIDEO, "imageUrls", List.of(VIDEO, VIDEO, VIDEO, VIDEO, VIDEO))),
                "1007", "imageUrls", "at most 4");
    }

    @Test
    void anEditTheEngineCannotDoIsRefusedAtSubmitQuotingTheWords() {
        assertRejected(submit(Map.of("prompt", "Replace the man's clothes with those in Figure 1", "videoUrl", VIDEO,
                "imageUrls", List.of("https://example.com/shirt.png"))), "2001", "clothes", "ComfyUI");
        assertRejected(submit(edit("make the sky purple")), "2001", "make the sky purple");
    }

    @Test
    void malformedJsonIsRejectedWith1007() {
        assertRejected(s.post(O3, s.keyA, "{\"prompt\": "), "1007", "not valid JSON");
    }

    @Test
    void extraFieldsAndAForeignHostAreAccepted() throws Exception {
        String body = s.json.writeValueAsString(Map.of("apiKey", s.keyA, "prompt", "mirror", "videoUrl", VIDEO, "somethingNew", 1));
        URI uri = URI.create(s.url(O3));
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            out.write(("POST " + O3 + " HTTP/1.1\r\nHost: www.runninghub.cn\r\nContent-Type: application/json\r\nContent-Length: "
                    + bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String response = all.toString(StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200");
            String json = response.substring(response.indexOf("\r\n\r\n") + 4);
            assertThat(s.json.readTree(json).path("taskId").asText()).matches("\\d{19}");
        }
    }

    @Test
    void queryReturnsTheTaskWhetherTaskIdIsAStringOrANumber() {
        String id = submit(edit("flip it vertically")).path("taskId").asText();
        JsonNode byString = s.post("/openapi/v2/query", s.keyA, Map.of("taskId", id));
        JsonNode byNumber = s.post("/openapi/v2/query", s.keyA, "{\"taskId\": " + id + "}");
        for (JsonNode q : List.of(byString, byNumber)) {
            assertThat(q.path("taskId").asText()).isEqualTo(id);
            assertThat(q.path("status").asText()).isEqualTo("QUEUED");
            assertThat(q.path("errorCode").asText()).isEmpty();
            assertThat(q.get("results").isNull()).isTrue();
            assertThat(q.path("failedReason").isObject()).isTrue();
            assertThat(q.path("usage").path("taskCostTime").asText()).isEqualTo("0");
            assertThat(q.path("clientId").asText()).isEmpty();
            assertThat(q.path("promptTips").asText()).isEmpty();
        }
    }

    @Test
    void unknownOrForeignTaskReadsAsNotFound() {
        JsonNode unknown = s.post("/openapi/v2/query", s.keyA, Map.of("taskId", "2100773838112505858"));
        assertThat(unknown.toString()).isEqualTo("{\"taskId\":\"2100773838112505858\",\"status\":\"\",\"errorCode\":\"1004\","
                + "\"errorMessage\":\"Task not found, please check the task ID | 任务不存在或已过期，请检查任务ID\",\"results\":null,"
                + "\"failedReason\":{},\"usage\":null}");
        String id = submit(edit("mirror")).path("taskId").asText();
        assertThat(s.post("/openapi/v2/query", s.keyB, Map.of("taskId", id)).path("errorCode").asText()).isEqualTo("1004");
        assertThat(s.post("/task/openapi/status", s.keyB, Map.of("taskId", id)).path("code").asInt()).isEqualTo(807);
        assertThat(s.post("/task/openapi/cancel", s.keyB, Map.of("taskId", id)).path("code").asInt()).isEqualTo(807);
        assertThat(s.post("/openapi/v2/query", s.keyA, Map.of()).path("errorCode").asText()).isEqualTo("1007");
    }

    @Test
    void v1EndpointsReportQueuedTasksAndCancelThem() {
        String id = submit(edit("rotate 90 degrees")).path("taskId").asText();
        JsonNode status = s.post("/task/openapi/status", null, Map.of("apiKey", s.keyA, "taskId", id));
        assertThat(status.path("code").asInt()).isZero();
        assertThat(status.path("data").asText()).isEqualTo("QUEUED");
        assertThat(s.post("/task/openapi/outputs", null, Map.of("apiKey", s.keyA, "taskId", id)).path("code").asInt()).isEqualTo(813);

        JsonNode cancel = s.post("/task/openapi/cancel", null, Map.of("apiKey", s.keyA, "taskId", id));
        assertThat(cancel.path("code").asInt()).isZero();
        assertThat(cancel.get("data").isNull()).isTrue();
        JsonNode q = s.post("/openapi/v2/query", s.keyA, Map.of("taskId", id));
        assertThat(q.path("status").asText()).isEqualTo("FAILED");
        assertThat(q.path("errorCode").asText()).isEqualTo("2002");
        // The same three fields as every other failure, node included.
        assertThat(q.path("failedReason").has("node_name")).as(q.toString()).isTrue();
        assertThat(q.path("failedReason").path("exception_type").asText()).isEqualTo("TASK_CANCELLED");
        assertThat(q.path("failedReason").path("exception_message").asText()).contains("cancelled");
        JsonNode outputs = s.post("/task/openapi/outputs", null, Map.of("apiKey", s.keyA, "taskId", id));
        assertThat(outputs.path("code").asInt()).isEqualTo(805);
        assertThat(outputs.path("data").path("failedReason").isObject()).isTrue();
        assertThat(s.post("/task/openapi/status", null, Map.of("apiKey", "nope", "taskId", id)).path("code").asInt()).isEqualTo(802);
    }

    @Test
    void accountAndQueueStatusCountTheKeysTasks() {
        JsonNode account = s.post("/uc/openapi/accountStatus", null, Map.of("apikey", s.keyA));
        assertThat(account.path("code").asInt()).isZero();
        assertThat(account.path("data").path("currency").asText()).isEqualTo("CNY");
        assertThat(account.path("data").path("remainCoins").isTextual()).isTrue();
        assertThat(account.path("data").path("currentTaskCounts").isTextual()).isTrue();
        assertThat(s.post("/uc/openapi/accountStatus", null, Map.of("apikey", "wrong")).path("code").asInt()).isEqualTo(802);

        HttpResponse<String> r = s.raw(HttpRequest.newBuilder(URI.create(s.url("/openapi/v2/queue/status")))
                .header("Authorization", "Bearer " + s.keyA).GET().build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"code\":0").contains("concurrentLimit").contains("runningCount").contains("queuedCount")
                .contains("totalCurrentTasks");
    }

    @Test
    void aFullPerKeyQueueIsRejectedWith421() {
        // keyB's queue limit is 3; earlier tests cancel what they queue under keyB.
        String[] ids = new String[3];
        for (int i = 0; i < 3; i++) {
            JsonNode r = s.post(O3, s.keyB, edit("mirror"));
            assertThat(r.path("errorCode").asText()).as(r.toString()).isEmpty();
            ids[i] = r.path("taskId").asText();
        }
        assertRejected(s.post(O3, s.keyB, edit("mirror")), "421", "queued");
        for (String id : ids) {
            s.post("/task/openapi/cancel", s.keyB, Map.of("taskId", id));
        }
        assertThat(s.post(O3, s.keyB, edit("mirror")).path("errorCode").asText()).isEmpty();
    }

    @Test
    void wrongMethodIsATransportErrorAndAnUnknownModelPathABusinessError() {
        HttpResponse<String> get = s.raw(HttpRequest.newBuilder(URI.create(s.url(O3))).GET().build());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.body()).contains("\"errorCode\":\"1009\"");
        HttpResponse<String> unknown = s.raw(HttpRequest.newBuilder(URI.create(s.url("/openapi/v2/no-such-model/edit")))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        // Contract §1: HTTP 200 with the error in the body, so raise_for_status() clients still read the message.
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(unknown.body()).contains("\"errorCode\":\"1007\"").contains("kling-video-o3-pro/video-edit");
        HttpResponse<String> outside = s.raw(HttpRequest.newBuilder(URI.create(s.url("/no-such-thing"))).GET().build());
        assertThat(outside.statusCode()).isEqualTo(404);
    }
}
