package dev.vedit.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vedit.wire.VeditException;
import dev.vedit.wire.WebhookEvent;
import dev.vedit.wire.WebhookSignature;
import dev.vedit.wire.WireJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Receiving the {@code TASK_END} webhook. vedit signs deliveries in the Standard Webhooks scheme
 * ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}); check them with the secret before
 * trusting the body. The hosted service does not sign: use {@link #parse(byte[])} alone there.
 *
 * <pre>{@code
 * WebhookEvent event = Webhooks.verifyAndParse(secret, headers, rawBody);   // rawBody exactly as received
 * if (event.eventData().status().equals("SUCCESS")) { ... event.eventData().results() ... }
 * }</pre>
 */
public final class Webhooks {
    private static final ObjectMapper JSON = WireJson.newMapper();

    private Webhooks() {
    }

    /**
     * Checks a delivery's signature and that its timestamp is within 5 minutes of now (stops replays).
     *
     * @param secret  the {@code whsec_…} secret of the webhook
     * @param headers the request headers (names in any case; for multi-valued headers pass the first value)
     * @param body    the raw body bytes, before any parsing
     * @throws InvalidRequestException naming what is missing, stale or does not match
     */
    public static void verify(String secret, Map<String, String> headers, byte[] body) {
        verify(secret, headers, body, WebhookSignature.DEFAULT_TOLERANCE, Instant.now());
    }

    /** {@link #verify(String, Map, byte[])} with an explicit tolerance and clock, for tests and odd clocks. */
    public static void verify(String secret, Map<String, String> headers, byte[] body, Duration tolerance, Instant now) {
        try {
            WebhookSignature.verify(secret, headers, body, tolerance, now);
        } catch (VeditException e) {
            throw new InvalidRequestException(e.code().code(), e.getMessage(), "", e);
        }
    }

    /**
     * Parses a delivery's body. Older deliveries carried {@code eventData} as a JSON string; both forms are read.
     *
     * @throws InvalidRequestException when the body is not a webhook event
     */
    public static WebhookEvent parse(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject() || !root.has("event")) {
                throw new IOException("no \"event\" field");
            }
            JsonNode data = root.get("eventData");
            if (data != null && data.isTextual()) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) root).set("eventData", JSON.readTree(data.asText()));
            }
            return JSON.treeToValue(root, WebhookEvent.class);
        } catch (IOException e) {
            throw new InvalidRequestException("1007", "the webhook body is not a vedit/RunningHub event (" + e.getMessage()
                    + ") | webhook 内容不是有效的任务事件", "", e);
        }
    }

    /** {@link #verify(String, Map, byte[])} then {@link #parse(byte[])}. */
    public static WebhookEvent verifyAndParse(String secret, Map<String, String> headers, byte[] body) {
        verify(secret, headers, body);
        return parse(body);
    }

    /** {@link #parse(byte[])} of a UTF-8 string. */
    public static WebhookEvent parse(String body) {
        return parse(body.getBytes(StandardCharsets.UTF_8));
    }
}
