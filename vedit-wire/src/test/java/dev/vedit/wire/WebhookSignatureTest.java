package dev.vedit.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    private static final Duration TOLERANCE = WebhookSignature.DEFAULT_TOLERANCE;

    @Test
    void signaturesMatchTheRecordedVectors() throws Exception {
        JsonNode vectors;
        try (InputStream in = getClass().getResourceAsStream("/webhook-signature-vectors.json")) {
            vectors = WireJson.newMapper().readTree(in);
        }
        assertThat(vectors.size()).isPositive();
        for (JsonNode v : vectors) {
            byte[] body = v.get("body").asText().getBytes(UTF_8);
            String signature = WebhookSignature.sign(v.get("secret").asText(), v.get("id").asText(), v.get("timestamp").asLong(), body);
            assertThat(signature).as(v.get("name").asText()).isEqualTo(v.get("signature").asText());
            Map<String, String> headers = Map.of("Webhook-Id", v.get("id").asText(),
                    "Webhook-Timestamp", v.get("timestamp").asText(), "Webhook-Signature", "v1,bm9wZQ== " + signature);
            WebhookSignature.verify(v.get("secret").asText(), headers, body, TOLERANCE,
                    Instant.ofEpochSecond(v.get("timestamp").asLong() + 10));
        }
    }

    @Test
    void aFreshSecretSignsAndVerifiesItsOwnHeaders() {
        String secret = WebhookSignature.newSecret();
        byte[] body = "{\"event\":\"TASK_END\"}".getBytes(UTF_8);
        Instant now = Instant.parse("2026-11-24T10:00:00Z");
        Map<String, String> headers = WebhookSignature.headers(secret, "wh_1", now, body);
        WebhookSignature.verify(secret, headers, body, TOLERANCE, now);
        assertThat(secret).startsWith("whsec_");
    }

    @Test
    void aTamperedBodyIsRejected() {
        String secret = WebhookSignature.newSecret();
        Instant now = Instant.now();
        Map<String, String> headers = WebhookSignature.headers(secret, "wh_1", now, "{\"a\":1}".getBytes(UTF_8));
        assertThatThrownBy(() -> WebhookSignature.verify(secret, headers, "{\"a\":2}".getBytes(UTF_8), TOLERANCE, now))
                .isInstanceOf(VeditException.class).hasMessageContaining("tampered");
    }

    @Test
    void anotherSecretIsRejected() {
        byte[] body = "{}".getBytes(UTF_8);
        Instant now = Instant.now();
        Map<String, String> headers = WebhookSignature.headers(WebhookSignature.newSecret(), "wh_1", now, body);
        assertThatThrownBy(() -> WebhookSignature.verify(WebhookSignature.newSecret(), headers, body, TOLERANCE, now))
                .isInstanceOf(VeditException.class);
    }

    @Test
    void anOldTimestampIsRejectedAsAReplay() {
        String secret = WebhookSignature.newSecret();
        byte[] body = "{}".getBytes(UTF_8);
        Instant sent = Instant.parse("2026-11-24T10:00:00Z");
        Map<String, String> headers = WebhookSignature.headers(secret, "wh_1", sent, body);
        assertThatThrownBy(() -> WebhookSignature.verify(secret, headers, body, TOLERANCE, sent.plus(Duration.ofMinutes(6))))
                .isInstanceOf(VeditException.class).hasMessageContaining("replay");
        WebhookSignature.verify(secret, headers, body, TOLERANCE, sent.plus(Duration.ofMinutes(4)));
    }

    @Test
    void missingHeadersAreNamed() {
        assertThatThrownBy(() -> WebhookSignature.verify(WebhookSignature.newSecret(), Map.of(), new byte[0], TOLERANCE, Instant.now()))
                .isInstanceOf(VeditException.class).hasMessageContaining("webhook-id");
    }
}
