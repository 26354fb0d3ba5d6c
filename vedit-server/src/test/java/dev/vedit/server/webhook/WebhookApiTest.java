package dev.vedit.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vedit.server.http.TestServer;
import dev.vedit.wire.WebhookSignature;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;

/**
 * The webhook endpoints over real HTTP: a task submitted with webhookUrl and cancelled (workers are off, so it
 * ends while queued) is delivered once, signed with the account's secret; detail and retry see only the
 * caller's own deliveries.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookApiTest {
    private static final String O3 = "/openapi/v2/kling-video-o3-pro/video-edit";

    @TempDir
    static Path dir;
    TestServer s;
    Receiver receiver;

    @BeforeAll
    void start() {
        s = new TestServer(dir, c -> c.withQueue(c.queue().withWorkers(0))
                .withWebhooks(WebhookSettings.defaults().withPollInterval(Duration.ofMillis(50))));
        receiver = new Receiver(n -> Receiver.Answer.of(200));
    }

    @AfterAll
    void stop() {
        receiver.close();
        s.close();
    }

    String submitAndCancel(String key, String webhookUrl) {
        String taskId = s.post(O3, key, Map.of("prompt", "mirror", "videoUrl", "https://example.com/in.mp4", "webhookUrl", webhookUrl))
                .path("taskId").asText();
        assertThat(taskId).isNotEmpty();
        assertThat(s.post("/task/openapi/cancel", key, Map.of("taskId", taskId)).path("code").asInt()).isZero();
        return taskId;
    }

    JsonNode detail(String key, String taskId) {
        return s.post("/task/openapi/getWebhookDetail", key, Map.of("taskId", taskId));
    }

    JsonNode awaitDelivered(String key, String taskId) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> detail(key, taskId),
                d -> d.path("data").path("callbackStatus").asText().equals("SUCCESS"));
    }

    @Test
    void anEndedTaskIsDeliveredOnceAsTheQueryObjectSignedWithTheAccountsSecret() throws Exception {
        String taskId = submitAndCancel(s.keyA, receiver.url("/ended"));

        JsonNode detail = awaitDelivered(s.keyA, taskId).path("data");
        Receiver.Received got = receiver.received.stream().filter(r -> new String(r.body()).contains(taskId)).findFirst().orElseThrow();
        JsonNode body = s.json.readTree(got.body());
        JsonNode query = s.post("/openapi/v2/query", s.keyA, Map.of("taskId", taskId));
        assertThat(body.path("event").asText()).isEqualTo("TASK_END");
        assertThat(body.get("eventData")).isEqualTo(query);
        assertThat(body.path("eventData").path("errorCode").asText()).isEqualTo("2002");

        assertThat(detail.path("taskId").asText()).isEqualTo(taskId);
        assertThat(detail.path("userApiKey").asText()).isEqualTo("****");
        assertThat(detail.path("webhookUrl").asText()).isEqualTo(receiver.url("/ended"));
        assertThat(s.json.readTree(detail.path("eventData").asText())).isEqualTo(query);
        assertThat(detail.path("retryCount").asInt()).isZero();

        String secret = s.post("/uc/openapi/webhookSecret", s.keyA, Map.of()).path("data").path("secret").asText();
        assertThat(secret).startsWith("whsec_");
        WebhookSignature.verify(secret, got.headers(), got.body(), WebhookSignature.DEFAULT_TOLERANCE, Instant.now());
        assertThat(got.headers().get("webhook-id")).isEqualTo("msg_" + detail.path("id").asText());
    }

    @Test
    void anotherAccountCanNeitherSeeNorRetryTheDelivery() {
        String taskId = submitAndCancel(s.keyA, receiver.url("/private"));
        String webhookId = awaitDelivered(s.keyA, taskId).path("data").path("id").asText();

        assertThat(detail(s.keyB, taskId).path("code").asInt()).isEqualTo(807);
        JsonNode retry = s.post("/task/openapi/retryWebhook", s.keyB, Map.of("webhookId", webhookId, "webhookUrl", receiver.url("/stolen")));
        assertThat(retry.path("code").asInt()).isEqualTo(807);
        assertThat(retry.path("msg").asText()).contains(" | ");
        assertThat(receiver.received).noneMatch(r -> r.path().equals("/stolen"));
        assertThat(detail(s.keyA, taskId).path("data").path("webhookUrl").asText()).isEqualTo(receiver.url("/private"));
    }

    @Test
    void retryWebhookSendsTheSameEventAgainToANewUrl() {
        String taskId = submitAndCancel(s.keyA, receiver.url("/first"));
        JsonNode first = awaitDelivered(s.keyA, taskId).path("data");
        int before = receiver.received.size();

        JsonNode retry = s.post("/task/openapi/retryWebhook", s.keyA, Map.of("webhookId", first.path("id").asText(),
                "webhookUrl", receiver.url("/second")));
        assertThat(retry.path("code").asInt()).isZero();
        assertThat(retry.has("data")).isTrue();

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received.size() > before
                && detail(s.keyA, taskId).path("data").path("callbackStatus").asText().equals("SUCCESS"));
        JsonNode second = detail(s.keyA, taskId).path("data");
        assertThat(second.path("webhookUrl").asText()).isEqualTo(receiver.url("/second"));
        assertThat(receiver.received).filteredOn(r -> r.path().equals("/second")).singleElement()
                .satisfies(r -> assertThat(new String(r.body())).contains(taskId));
        assertThat(second.path("eventData").asText()).isEqualTo(first.path("eventData").asText());
    }

    @Test
    void retryWebhookRefusesAnUnknownIdAndANonHttpUrl() {
        assertThat(s.post("/task/openapi/retryWebhook", s.keyA, Map.of("webhookId", "999999999")).path("code").asInt()).isEqualTo(807);
        assertThat(s.post("/task/openapi/retryWebhook", s.keyA, Map.of()).path("code").asInt()).isEqualTo(301);
        String taskId = submitAndCancel(s.keyA, receiver.url("/x"));
        String id = awaitDelivered(s.keyA, taskId).path("data").path("id").asText();
        JsonNode refused = s.post("/task/openapi/retryWebhook", s.keyA, Map.of("webhookId", id, "webhookUrl", "file:///etc/passwd"));
        assertThat(refused.path("code").asInt()).isEqualTo(1001);
        assertThat(refused.path("msg").asText()).contains("http:// or https://", " | ");
    }

    @Test
    void retryWebhookRefusesAUrlSubmitRefusesWithTheSameRuleNotA500() {
        String taskId = submitAndCancel(s.keyA, receiver.url("/x"));
        String id = awaitDelivered(s.keyA, taskId).path("data").path("id").asText();
        String tooLong = "https://hooks.example.com/" + "a".repeat(5000);
        // The column holds 4096 characters: this was an HTTP 500 from the database.
        JsonNode refused = s.post("/task/openapi/retryWebhook", s.keyA, Map.of("webhookId", id, "webhookUrl", tooLong));
        assertThat(refused.path("code").asInt()).isEqualTo(1001);
        assertThat(refused.path("msg").asText()).contains("longer than 4096 characters", " | ");
        String limit = "https://hooks.example.com/" + "a".repeat(4096 - "https://hooks.example.com/".length());
        assertThat(s.post("/task/openapi/retryWebhook", s.keyA, Map.of("webhookId", id, "webhookUrl", limit)).path("code").asInt())
                .as("4096 characters fit").isZero();
    }

    @Test
    void aTaskWithoutWebhookUrlHasNoDelivery() {
        String taskId = s.post(O3, s.keyA, Map.of("prompt", "mirror", "videoUrl", "https://example.com/in.mp4")).path("taskId").asText();
        s.post("/task/openapi/cancel", s.keyA, Map.of("taskId", taskId));

        JsonNode reply = detail(s.keyA, taskId);
        assertThat(reply.path("code").asInt()).isEqualTo(807);
        assertThat(reply.path("msg").asText()).contains("webhookUrl");
    }

    @Test
    void theSecretIsStableUntilRotatedAndEachAccountHasItsOwn() {
        String a1 = s.post("/uc/openapi/webhookSecret", s.keyA, Map.of()).path("data").path("secret").asText();
        String a2 = s.post("/uc/openapi/webhookSecret", null, Map.of("apiKey", s.keyA)).path("data").path("secret").asText();
        String b = s.post("/uc/openapi/webhookSecret", s.keyB, Map.of()).path("data").path("secret").asText();
        assertThat(a2).isEqualTo(a1);
        assertThat(b).startsWith("whsec_").isNotEqualTo(a1);

        String rotated = s.post("/uc/openapi/webhookSecret/rotate", s.keyA, Map.of()).path("data").path("secret").asText();
        assertThat(rotated).startsWith("whsec_").isNotEqualTo(a1);
        assertThat(s.post("/uc/openapi/webhookSecret", s.keyA, Map.of()).path("data").path("secret").asText()).isEqualTo(rotated);
        assertThat(s.post("/uc/openapi/webhookSecret", "not-a-key", Map.of()).path("code").asInt()).isEqualTo(802);
    }
}
