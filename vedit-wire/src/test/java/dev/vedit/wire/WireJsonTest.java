package dev.vedit.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Serialisation of the wire records, compared byte for byte with the contract's examples where it shows them. */
class WireJsonTest {
    private final ObjectMapper mapper = WireJson.newMapper();

    private String json(Object value) throws Exception {
        byte[] bytes = mapper.writeValueAsBytes(value);
        String text = new String(bytes, UTF_8);
        assertThat(mapper.writeValueAsString(value)).isEqualTo(text);
        return text;
    }

    private void assertBytes(Object value, String expected) throws Exception {
        assertThat(json(value)).isEqualTo(expected);
        assertThat(mapper.writeValueAsBytes(value)).isEqualTo(expected.getBytes(UTF_8));
    }

    private static final String PROMPT_TIPS = "{\"result\": true, \"error\": null, \"outputs_to_execute\": [\"4\"], \"node_errors\": {}}";

    // ---------------------------------------------------------------- submit

    @Test
    void rejectedSubmitIsExactlyTheContractShapeWithoutClientIdPromptTipsOrPlan() throws Exception {
        assertBytes(SubmitReply.rejected(ErrorCode.INVALID_PARAMETERS, "Invalid parameters: prompt is required | 参数错误：prompt 为必填项"),
                "{\"taskId\":\"\",\"status\":\"\",\"errorCode\":\"1007\",\"errorMessage\":\"Invalid parameters: prompt is required | 参数错误：prompt 为必填项\",\"results\":null}");
    }

    @Test
    void validatorRejectionRendersAsTheContractsRejectedSubmit() throws Exception {
        ModelSpec o3 = ModelCatalog.standard().byPath("kling-video-o3-pro/video-edit").orElseThrow();
        var body = JsonNodeFactory.instance.objectNode().put("videoUrl", "https://cdn.example.com/in.mp4");
        VeditException e;
        try {
            RequestValidator.validate(o3, body);
            throw new AssertionError("a body without prompt must be rejected");
        } catch (VeditException rejected) {
            e = rejected;
        }
        assertBytes(SubmitReply.rejected(e.code(), e.getMessage()),
                "{\"taskId\":\"\",\"status\":\"\",\"errorCode\":\"1007\",\"errorMessage\":\"Invalid parameters: prompt is required | 参数错误：prompt 为必填项\",\"results\":null}");
    }

    @Test
    void acceptedSubmitIsTheContractExampleWithNullResultsAndPromptTipsAsAString() throws Exception {
        SubmitReply reply = new SubmitReply("2013508786110730241", "QUEUED", "", "", null, "f828b9af25161bc066ef152db7b29ccc", PROMPT_TIPS, null);
        assertBytes(reply,
                "{\"taskId\":\"2013508786110730241\",\"status\":\"QUEUED\",\"errorCode\":\"\",\"errorMessage\":\"\",\"results\":null,"
                        + "\"clientId\":\"f828b9af25161bc066ef152db7b29ccc\","
                        + "\"promptTips\":\"{\\\"result\\\": true, \\\"error\\\": null, \\\"outputs_to_execute\\\": [\\\"4\\\"], \\\"node_errors\\\": {}}\"}");
        assertThat(mapper.readTree(json(reply)).get("promptTips").isTextual()).isTrue();
        assertThat(reply.accepted()).isTrue();
    }

    @Test
    void rejectedSubmitIsNotAccepted() {
        assertThat(SubmitReply.rejected(ErrorCode.QUEUE_LIMIT, ErrorCode.QUEUE_LIMIT.message()).accepted()).isFalse();
    }

    @Test
    void submitPlanExtensionComesLastAndOnlyWhenPresent() throws Exception {
        EditPlan plan = new EditPlan("local", List.of(new EditOperation("grayscale", Map.of(), "black and white")));
        String text = json(new SubmitReply("2013508786110730241", "QUEUED", "", "", null, "f828b9af25161bc066ef152db7b29ccc", PROMPT_TIPS, plan));
        assertThat(text).endsWith(",\"plan\":{\"engine\":\"local\",\"operations\":[{\"op\":\"grayscale\",\"params\":{},\"source\":\"black and white\"}]}}");
        assertThat(text.indexOf("\"promptTips\"")).isLessThan(text.indexOf("\"plan\""));
    }

    @Test
    void editOperationWithoutSourceOmitsIt() throws Exception {
        assertBytes(new EditOperation("speed", Map.of("factor", 2.0), null), "{\"op\":\"speed\",\"params\":{\"factor\":2.0}}");
    }

    // ---------------------------------------------------------------- query

    @Test
    void queryNotFoundIsExactlyTheContractExample() throws Exception {
        assertBytes(QueryReply.notFound("2100773838112505858"),
                "{\"taskId\":\"2100773838112505858\",\"status\":\"\",\"errorCode\":\"1004\","
                        + "\"errorMessage\":\"Task not found, please check the task ID | 任务不存在或已过期，请检查任务ID\","
                        + "\"results\":null,\"failedReason\":{},\"usage\":null}");
    }

    @Test
    void failedQueryWithoutTaskIdEchoesAnEmptyTaskId() throws Exception {
        assertThat(json(QueryReply.failedQuery(null, ErrorCode.INVALID_PARAMETERS, "Invalid parameters: taskId is required | 参数错误：taskId 为必填项")))
                .startsWith("{\"taskId\":\"\",\"status\":\"\",\"errorCode\":\"1007\",");
    }

    @Test
    void successfulQueryListsFieldsInContractOrderWithResultsAndUsage() throws Exception {
        QueryReply reply = new QueryReply("2013508786110730241", "SUCCESS", "", "",
                List.of(new TaskResult("https://files.example.com/out.mp4", "mp4", "4", null)),
                Map.of(), new Usage(null, null, "12", null), "", "", null, null);
        assertBytes(reply,
                "{\"taskId\":\"2013508786110730241\",\"status\":\"SUCCESS\",\"errorCode\":\"\",\"errorMessage\":\"\","
                        + "\"results\":[{\"url\":\"https://files.example.com/out.mp4\",\"outputType\":\"mp4\",\"nodeId\":\"4\",\"text\":null}],"
                        + "\"failedReason\":{},"
                        + "\"usage\":{\"consumeMoney\":null,\"consumeCoins\":null,\"taskCostTime\":\"12\",\"thirdPartyConsumeMoney\":null},"
                        + "\"clientId\":\"\",\"promptTips\":\"\"}");
    }

    @Test
    void runningQueryKeepsNullResultsAndShowsProgressAfterTheContractFields() throws Exception {
        QueryReply reply = new QueryReply("2013508786110730241", "RUNNING", "", "", null, Map.of(), null, "", "", null, 40);
        assertBytes(reply,
                "{\"taskId\":\"2013508786110730241\",\"status\":\"RUNNING\",\"errorCode\":\"\",\"errorMessage\":\"\","
                        + "\"results\":null,\"failedReason\":{},\"usage\":null,\"clientId\":\"\",\"promptTips\":\"\",\"progress\":40}");
    }

    @Test
    void failedQueryCarriesFailedReasonMembersInInsertionOrder() throws Exception {
        Map<String, Object> reason = new LinkedHashMap<>();
        reason.put("node_id", "4");
        reason.put("exception_type", "MediaLimit");
        reason.put("exception_message", "video is 31 s, the model accepts at most 10 s");
        QueryReply reply = new QueryReply("2013508786110730241", "FAILED", "2004", "Media is outside the model's limits | 媒体超出模型限制",
                null, reason, new Usage(null, null, "0", null), "", "", null, null);
        assertThat(json(reply)).contains(
                "\"results\":null,\"failedReason\":{\"node_id\":\"4\",\"exception_type\":\"MediaLimit\","
                        + "\"exception_message\":\"video is 31 s, the model accepts at most 10 s\"},\"usage\":{");
    }

    @Test
    void taskResultKeepsNullText() throws Exception {
        assertBytes(new TaskResult("https://files.example.com/out.mp4", "mp4", "4", null),
                "{\"url\":\"https://files.example.com/out.mp4\",\"outputType\":\"mp4\",\"nodeId\":\"4\",\"text\":null}");
    }

    @Test
    void usageKeepsEveryNullMember() throws Exception {
        assertBytes(new Usage(null, null, null, null),
                "{\"consumeMoney\":null,\"consumeCoins\":null,\"taskCostTime\":null,\"thirdPartyConsumeMoney\":null}");
        assertBytes(new Usage("0.50", "50", "12", null),
                "{\"consumeMoney\":\"0.50\",\"consumeCoins\":\"50\",\"taskCostTime\":\"12\",\"thirdPartyConsumeMoney\":null}");
    }

    @Test
    void contractQueryReplyReadsBackIgnoringUnknownFields() throws Exception {
        QueryReply read = mapper.readValue(
                "{\"taskId\":\"2013508786110730241\",\"status\":\"SUCCESS\",\"errorCode\":\"\",\"errorMessage\":\"\","
                        + "\"results\":[{\"url\":\"https://x/out.mp4\",\"outputType\":\"mp4\",\"nodeId\":\"4\",\"text\":null}],"
                        + "\"failedReason\":{},\"usage\":{\"consumeMoney\":null,\"consumeCoins\":null,\"taskCostTime\":\"12\",\"thirdPartyConsumeMoney\":null},"
                        + "\"clientId\":\"\",\"promptTips\":\"\",\"somethingNew\":{\"a\":1}}",
                QueryReply.class);
        assertThat(read.status()).isEqualTo("SUCCESS");
        assertThat(read.results()).containsExactly(new TaskResult("https://x/out.mp4", "mp4", "4", null));
        assertThat(read.usage()).isEqualTo(new Usage(null, null, "12", null));
        assertThat(read.failedReason()).isEmpty();
    }

    @Test
    void contractSubmitReplyReadsBack() throws Exception {
        SubmitReply read = mapper.readValue(
                "{\"taskId\":\"\",\"status\":\"\",\"errorCode\":\"1007\",\"errorMessage\":\"Invalid parameters: prompt is required | 参数错误：prompt 为必填项\",\"results\":null}",
                SubmitReply.class);
        assertThat(read).isEqualTo(SubmitReply.rejected(ErrorCode.INVALID_PARAMETERS, "Invalid parameters: prompt is required | 参数错误：prompt 为必填项"));
    }

    // ---------------------------------------------------------------- webhook

    @Test
    void webhookEventWrapsTheQueryReplyAsAnObjectInContractOrder() throws Exception {
        QueryReply data = new QueryReply("2015810049043947521", "SUCCESS", "", "",
                List.of(new TaskResult("https://files.example.com/out.mp4", "mp4", "4", null)),
                Map.of(), new Usage(null, null, "12", null), "", "", null, null);
        String text = json(new WebhookEvent(WebhookEvent.TASK_END, "2015810049043947521", data));
        assertThat(text).isEqualTo("{\"event\":\"TASK_END\",\"taskId\":\"2015810049043947521\",\"eventData\":" + json(data) + "}");
        assertThat(mapper.readTree(text).get("eventData").isObject()).isTrue();
    }

    // ---------------------------------------------------------------- upload and v1

    @Test
    void uploadReplyUsesMessageAndDownloadUrl() throws Exception {
        assertBytes(UploadReply.ok(new UploadReply.Uploaded("video", "https://files.example.com/openapi/abc.mp4", "openapi/abc.mp4", "3490")),
                "{\"code\":0,\"message\":\"success\",\"data\":{\"type\":\"video\",\"download_url\":\"https://files.example.com/openapi/abc.mp4\","
                        + "\"fileName\":\"openapi/abc.mp4\",\"size\":\"3490\"}}");
    }

    @Test
    void uploadErrorKeepsNullData() throws Exception {
        assertBytes(UploadReply.error(401, "ApiKey verification failed | API Key 校验失败"),
                "{\"code\":401,\"message\":\"ApiKey verification failed | API Key 校验失败\",\"data\":null}");
    }

    @Test
    void v1ReplyUsesMsgAndKeepsNullData() throws Exception {
        assertBytes(V1Reply.ok("QUEUED"), "{\"code\":0,\"msg\":\"success\",\"data\":\"QUEUED\"}");
        assertBytes(V1Reply.error(V1Reply.APIKEY_TASK_NOT_FOUND, "APIKEY_TASK_NOT_FOUND"),
                "{\"code\":807,\"msg\":\"APIKEY_TASK_NOT_FOUND\",\"data\":null}");
        assertBytes(new V1Reply<>(0, "", null), "{\"code\":0,\"msg\":\"\",\"data\":null}");
    }

    @Test
    void v1CodesAreTheContractNumbers() {
        assertThat(List.of(V1Reply.APIKEY_TASK_NOT_FOUND, V1Reply.APIKEY_TASK_IS_RUNNING, V1Reply.APIKEY_TASK_IS_QUEUED,
                V1Reply.APIKEY_TASK_STATUS_ERROR, V1Reply.APIKEY_UNAUTHORIZED, V1Reply.PARAMS_INVALID))
                .containsExactly(807, 804, 813, 805, 802, 301);
    }

    @Test
    void v1OutputsListFieldsInContractOrder() throws Exception {
        assertBytes(V1Reply.ok(List.of(new V1Output("https://files.example.com/out.mp4", "mp4", "83", "4"))),
                "{\"code\":0,\"msg\":\"success\",\"data\":[{\"fileUrl\":\"https://files.example.com/out.mp4\",\"fileType\":\"mp4\",\"taskCostTime\":\"83\",\"nodeId\":\"4\"}]}");
    }

    @Test
    void accountStatusHasNumbersAsStringsInContractOrder() throws Exception {
        assertBytes(new AccountStatus("1000", "0", "12.50", "CNY", "vedit"),
                "{\"remainCoins\":\"1000\",\"currentTaskCounts\":\"0\",\"remainMoney\":\"12.50\",\"currency\":\"CNY\",\"apiType\":\"vedit\"}");
    }

    @Test
    void queueStatusListsFieldsInContractOrder() throws Exception {
        assertBytes(new QueueStatus("standard", 1, 1, 2, 3),
                "{\"apiKeyType\":\"standard\",\"concurrentLimit\":1,\"runningCount\":1,\"queuedCount\":2,\"totalCurrentTasks\":3}");
    }

    // ---------------------------------------------------------------- error codes

    @Test
    void errorCodesCarryTheContractNumbersAndBilingualMessages() {
        assertThat(ErrorCode.INVALID_URL.code()).isEqualTo("1001");
        assertThat(ErrorCode.TASK_NOT_FOUND.code()).isEqualTo("1004");
        assertThat(ErrorCode.INVALID_PARAMETERS.code()).isEqualTo("1007");
        assertThat(ErrorCode.QUEUE_LIMIT.code()).isEqualTo("421");
        for (ErrorCode c : ErrorCode.values()) {
            assertThat(c.message()).as(c.name()).matches("[ -~]+ \\| .*\\p{IsHan}.*");
            assertThat(ErrorCode.ofCode(c.code())).isSameAs(c);
        }
        assertThat(ErrorCode.ofCode("9999")).isSameAs(ErrorCode.UNKNOWN);
    }

    @Test
    void vendorCodesStayOutsideRunningHubNumbers() {
        for (ErrorCode c : List.of(ErrorCode.EDIT_NOT_SUPPORTED, ErrorCode.TASK_CANCELLED, ErrorCode.MEDIA_INVALID, ErrorCode.MEDIA_LIMIT,
                ErrorCode.RETRIES_EXHAUSTED)) {
            assertThat(Integer.parseInt(c.code())).as(c.name()).isGreaterThan(2000);
        }
    }
}
