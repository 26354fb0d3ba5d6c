package dev.vedit.wire;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook signatures in the <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> scheme, shared by
 * the server (signing) and the SDK (verifying) so both sides agree byte for byte.
 *
 * <p>Headers: {@code webhook-id} (the same on every retry of one delivery), {@code webhook-timestamp} (Unix
 * seconds of this attempt) and {@code webhook-signature}: a space-separated list of {@code v1,<base64 HMAC-SHA256
 * of "id.timestamp.body">}. The secret is {@code whsec_} followed by the Base64 of the key bytes.
 */
public final class WebhookSignature {
    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";
    public static final String SECRET_PREFIX = "whsec_";
    /** Receivers reject timestamps further than this from their clock, which stops replays of old deliveries. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {}

    /** A fresh secret: {@code whsec_} and 24 random bytes in Base64. */
    public static String newSecret() {
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The {@code webhook-signature} header value for one attempt. */
    public static String sign(String secret, String webhookId, long timestampSeconds, byte[] body) {
        return "v1," + Base64.getEncoder().encodeToString(hmac(secret, webhookId, timestampSeconds, body));
    }

    /** The three headers to send with one attempt. */
    public static Map<String, String> headers(String secret, String webhookId, Instant now, byte[] body) {
        long ts = now.getEpochSecond();
        return Map.of(
                ID_HEADER, webhookId,
                TIMESTAMP_HEADER, Long.toString(ts),
                SIGNATURE_HEADER, sign(secret, webhookId, ts, body));
    }

    /**
     * Checks a received delivery; returns normally when one of the {@code v1} signatures matches and the
     * timestamp is within {@code tolerance} of {@code now}.
     *
     * @param headers the request headers; names are matched case-insensitively
     * @throws VeditException {@link ErrorCode#INVALID_PARAMETERS} naming what is missing, stale or wrong
     */
    public static void verify(String secret, Map<String, String> headers, byte[] body, Duration tolerance, Instant now) {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        String id = required(h, ID_HEADER);
        String tsText = required(h, TIMESTAMP_HEADER);
        String signatures = required(h, SIGNATURE_HEADER);
        long ts;
        try {
            ts = Long.parseLong(tsText.trim());
        } catch (NumberFormatException e) {
            throw invalid("webhook-timestamp is not a number of seconds", "webhook-timestamp 不是秒数");
        }
        long skew = Math.abs(now.getEpochSecond() - ts);
        if (skew > tolerance.toSeconds()) {
            throw invalid("webhook-timestamp is " + skew + " s away from now (tolerance " + tolerance.toSeconds()
                    + " s): a replay or a wrong clock", "webhook-timestamp 与当前时间相差 " + skew + " 秒，超出容差：可能是重放或时钟错误");
        }
        byte[] expected = hmac(secret, id, ts, body);
        for (String candidate : signatures.trim().split(" +")) {
            int comma = candidate.indexOf(',');
            if (comma < 0 || !candidate.substring(0, comma).equals("v1")) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(candidate.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return;
            }
        }
        throw invalid("no webhook-signature matches the body: wrong secret or a tampered body",
                "webhook-signature 与内容不匹配：密钥错误或内容被篡改");
    }

    private static byte[] hmac(String secret, String webhookId, long timestampSeconds, byte[] body) {
        byte[] prefix = (webhookId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keyBytes(secret), "HmacSHA256"));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] keyBytes(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        try {
            byte[] key = Base64.getDecoder().decode(encoded);
            if (key.length == 0) {
                throw new IllegalArgumentException("empty");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw invalid("the webhook secret must be whsec_ followed by Base64 key bytes",
                    "webhook 密钥格式应为 whsec_ 加 Base64 编码的密钥");
        }
    }

    private static String required(Map<String, String> headers, String name) {
        String value = headers.get(name);
        if (value == null || value.isBlank()) {
            throw invalid("the " + name + " header is missing", "缺少 " + name.toLowerCase(Locale.ROOT) + " 请求头");
        }
        return value;
    }

    private static VeditException invalid(String english, String chinese) {
        return VeditException.of(ErrorCode.INVALID_PARAMETERS, english, chinese);
    }
}
