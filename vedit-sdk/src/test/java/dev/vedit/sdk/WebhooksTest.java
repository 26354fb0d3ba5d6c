package dev.vedit.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vedit.wire.WebhookEvent;
import dev.vedit.wire.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhooksTest {
    private static final String BODY = "{\"event\":\"TASK_END\",\"taskId\":\"1383453458050519040\",\"eventData\":{\"taskId\":\"1383453458050519040\","
            + "\"status\":\"SUCCESS\",\"errorCode\":\"\",\"errorMessage\":\"\",\"results\":[{\"url\":\"http://h/media/t/a.mp4\",\"outputType\":\"mp4\","
            + "\"nodeId\":\"local\",\"text\":null}],\"failedReason\":{},\"usage\":{\"consumeMoney\":null,\"consumeCoins\":\"0\",\"taskCostTime\":\"2\","
            + "\"thirdPartyConsumeMoney\":null},\"promptTips\":\"\"}}";
    private final String secret = WebhookSignature.newSecret();

    @Test
    void aSignedDeliveryIsVerifiedAndParsed() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>(WebhookSignature.headers(secret, "msg_1", Instant.now(), body));
        headers.put("Webhook-Signature", headers.remove(WebhookSignature.SIGNATURE_HEADER)); // any case
        WebhookEvent event = Webhooks.verifyAndParse(secret, headers, body);
        assertThat(event.event()).isEqualTo(WebhookEvent.TASK_END);
        assertThat(event.eventData().status()).isEqualTo("SUCCESS");
        assertThat(event.eventData().results().get(0).url()).isEqualTo("http://h/media/t/a.mp4");
    }

    @Test
    void aTamperedBodyAWrongSecretAndAnOldTimestampAreRefused() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = WebhookSignature.headers(secret, "msg_1", Instant.now(), body);
        byte[] tampered = BODY.replace("SUCCESS", "FAILED").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Webhooks.verify(secret, headers, tampered)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("tampered");
        assertThatThrownBy(() -> Webhooks.verify(WebhookSignature.newSecret(), headers, body)).isInstanceOf(InvalidRequestException.class);
        Map<String, String> old = WebhookSignature.headers(secret, "msg_1", Instant.now().minus(Duration.ofMinutes(10)), body);
        assertThatThrownBy(() -> Webhooks.verify(secret, old, body)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("replay");
    }

    @Test
    void eventDataSentAsAJsonStringIsReadToo() {
        String v1Style = "{\"event\":\"TASK_END\",\"taskId\":\"1\",\"eventData\":\"{\\\"taskId\\\":\\\"1\\\",\\\"status\\\":\\\"FAILED\\\","
                + "\\\"errorCode\\\":\\\"2002\\\",\\\"errorMessage\\\":\\\"cancelled\\\"}\"}";
        WebhookEvent event = Webhooks.parse(v1Style);
        assertThat(event.eventData().errorCode()).isEqualTo("2002");
    }

    @Test
    void aBodyThatIsNoEventIsRefused() {
        assertThatThrownBy(() -> Webhooks.parse("[1,2]")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> Webhooks.parse("not json")).isInstanceOf(InvalidRequestException.class);
    }
}
