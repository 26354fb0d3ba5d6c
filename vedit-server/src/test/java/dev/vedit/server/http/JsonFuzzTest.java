package dev.vedit.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of every JSON endpoint: malformed JSON, wrong types, huge strings, deep nesting, odd Unicode
 * and random bytes. Never a 5xx, always a reply in the endpoint's own envelope. {@code -Dvedit.fuzz.cases=N}
 * runs more (default 300), {@code -Dvedit.fuzz.seed=S} replays a run.
 */
class JsonFuzzTest {
    private static final int CASES = Integer.getInteger("vedit.fuzz.cases", 300);
    private static final long SEED = Long.getLong("vedit.fuzz.seed", 20261124L);
    private static final String[] FIELDS = {"prompt", "videoUrl", "imageUrls", "keepOriginalSound", "resolution", "aspectRatio", "duration",
            "mode", "negativePrompt", "promptExtend", "seed", "taskId", "apiKey", "webhookUrl", "webhookId"};
    private static final String[] ODD = {"\u0000", "\uD800", "\uDFFF", "\u202E", "\uFEFF", "\u200B", "🎬", "黑白", "\\u0000", "\u0085",
            "%00", "../../etc/passwd", "file:///etc/passwd", "data:video/mp4;base64,AAAA", "http://169.254.169.254/", "${jndi:ldap://x}",
            "'; DROP TABLE tasks; --", "<script>", "9223372036854775808", "-1", "1e309", "NaN"};

    @TempDir
    Path dir;

    @Test
    void noMalformedBodyGetsA5xxOrALeavesTheEnvelope() throws Exception {
        try (TestServer s = new TestServer(dir, c -> c.withQueue(c.queue().withWorkers(0))
                .withRequestLimits(new RequestLimits(0, 1, Duration.ofSeconds(30))))) {
            Random random = new Random(SEED);
            List<String[]> endpoints = new ArrayList<>();
            for (String model : dev.vedit.wire.ModelCatalog.standard().paths()) {
                endpoints.add(new String[] {"/openapi/v2/" + model, "errorCode"});
            }
            endpoints.add(new String[] {"/openapi/v2/query", "errorCode"});
            for (String v1 : List.of("/task/openapi/status", "/task/openapi/outputs", "/task/openapi/cancel", "/uc/openapi/accountStatus",
                    "/task/openapi/getWebhookDetail", "/task/openapi/retryWebhook", "/uc/openapi/webhookSecret")) {
                endpoints.add(new String[] {v1, "code"});
            }
            List<Supplier<String>> generators = List.of(
                    () -> randomJson(random, 0),
                    () -> truncate(random, randomJson(random, 0)),
                    () -> randomBytes(random),
                    () -> "[".repeat(1 + random.nextInt(3000)),
                    () -> "{\"prompt\":" + "{\"a\":".repeat(1 + random.nextInt(500)) + "1" + "}".repeat(random.nextInt(500)),
                    () -> "{\"prompt\":\"" + "x".repeat(random.nextInt(200_000)) + "\",\"videoUrl\":\"https://example.com/a.mp4\"}",
                    () -> "{\"taskId\":" + "9".repeat(1 + random.nextInt(400)) + "}",
                    () -> "{\"prompt\":\"mirror\",\"videoUrl\":\"https://example.com/a.mp4\",\"" + pick(random, FIELDS) + "\":" + randomValue(random, 0) + "}");
            int checked = 0;
            for (int i = 0; i < CASES; i++) {
                String[] endpoint = endpoints.get(random.nextInt(endpoints.size()));
                String body = generators.get(random.nextInt(generators.size())).get();
                boolean withHeaderKey = random.nextInt(4) != 0;
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(s.url(endpoint[0])))
                        .header("Content-Type", random.nextBoolean() ? "application/json" : "text/plain; charset=" + pick(random, "utf-8", "latin1", "nonsense"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.getBytes(StandardCharsets.UTF_8)));
                if (withHeaderKey) {
                    request.header("Authorization", "Bearer " + s.keyA);
                }
                String where = "case " + i + " (seed " + SEED + ") " + endpoint[0] + " body " + abbreviate(body);
                HttpResponse<String> r;
                try {
                    r = s.raw(request.build());
                } catch (java.io.UncheckedIOException refusedMidSend) {
                    // A keyless body over the small limit is refused (413) before it is read, and the connection closed:
                    // a client still sending may lose that reply. Only there may the transport end without one.
                    assertThat(!withHeaderKey && body.getBytes(StandardCharsets.UTF_8).length > HttpApi.SMALL_BODY_BYTES)
                            .as(where + ": " + refusedMidSend).isTrue();
                    checked++;
                    continue;
                }
                assertThat(r.statusCode()).as(where).isIn(200, 413);
                JsonNode reply = s.json.readTree(r.body());
                assertThat(reply.has(endpoint[1])).as(where + " -> " + r.body()).isTrue();
                checked++;
            }
            for (int i = 0; i < CASES / 10; i++) {
                String query = "page=" + java.net.URLEncoder.encode(randomValue(random, 5), StandardCharsets.UTF_8)
                        + "&pageSize=" + java.net.URLEncoder.encode(randomValue(random, 5), StandardCharsets.UTF_8);
                HttpResponse<String> r = s.raw(HttpRequest.newBuilder(URI.create(s.url("/openapi/v2/tasks?" + query)))
                        .header("Authorization", "Bearer " + s.keyA).GET().build());
                assertThat(r.statusCode()).as(query).isEqualTo(200);
                assertThat(s.json.readTree(r.body()).has("code")).as(query + " -> " + r.body()).isTrue();
            }
            assertThat(checked).isEqualTo(CASES);
            // Nothing above hurt the service.
            assertThat(s.post("/uc/openapi/accountStatus", s.keyA, java.util.Map.of()).path("code").asInt()).isZero();
        }
    }

    private static String randomJson(Random random, int depth) {
        StringBuilder b = new StringBuilder("{");
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append('"').append(random.nextInt(5) == 0 ? escape(pick(random, ODD)) : pick(random, FIELDS)).append("\":").append(randomValue(random, depth + 1));
        }
        return b.append('}').toString();
    }

    private static String randomValue(Random random, int depth) {
        return switch (depth > 4 ? random.nextInt(6) : random.nextInt(9)) {
            case 0 -> "null";
            case 1 -> Boolean.toString(random.nextBoolean());
            case 2 -> Long.toString(random.nextLong());
            case 3 -> Double.toString(random.nextGaussian() * 1e10);
            case 4 -> "\"" + escape(pick(random, ODD)) + "\"";
            case 5 -> "\"" + escape(pick(random, "mirror", "make it black and white", "https://example.com/a.mp4", "720p", "9:16", "5", "pro", ""))
                    + "\"";
            case 6 -> "[" + randomValue(random, depth + 1) + "," + randomValue(random, depth + 1) + "]";
            case 7 -> randomJson(random, depth + 1);
            default -> "\"" + "\\u" + String.format("%04x", random.nextInt(0x10000)) + "\"";
        };
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\' || c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String truncate(Random random, String s) {
        return s.isEmpty() ? s : s.substring(0, random.nextInt(s.length()));
    }

    private static String randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(2048)];
        random.nextBytes(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String pick(Random random, String... options) {
        return options[random.nextInt(options.length)];
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "… (" + s.length() + " chars)";
    }
}
