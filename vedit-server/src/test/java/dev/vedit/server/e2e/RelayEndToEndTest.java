package dev.vedit.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vedit.server.EngineSettings;
import dev.vedit.server.ServerConfig;
import dev.vedit.server.http.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay engine against a second real vedit (its local engine does the edit): our own upload is uploaded upstream,
 * the task relayed, the result copied into our store and served from our links; upstream failures, cancels and a
 * misbehaving network between the two end as they should, with exactly one upstream task each time.
 */
class RelayEndToEndTest {
    private static final String ENDPOINT = "kling-video-o3-pro/video-edit";
    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private TestServer upstream(UnaryOperator<ServerConfig> customise) {
        TestServer s = new TestServer(dir.resolve("upstream"), customise);
        open.add(s);
        return s;
    }

    /** A vedit whose endpoint ENDPOINT is routed to the relay engine, with the upstream's key A. */
    private TestServer relayTo(String url, String key) {
        TestServer s = new TestServer(dir.resolve("relay"), c -> c.withEngines(EngineSettings.localOnly().withRelay(url, key)
                .withRoutes(Map.of(ENDPOINT, "relay"), null)));
        open.add(s);
        return s;
    }

    @Test
    void relaysALocalEditEndToEndAndServesTheResultFromItsOwnStore() throws Exception {
        TestServer up = upstream(c -> c);
        TestServer relay = relayTo(up.server.baseUrl() + "/openapi/v2", up.keyA); // RunningHub's RH_API_BASE_URL form
        Clips clips = new Clips(dir.resolve("relay").resolve("cache"));
        Path source = clips.clip(dir.resolve("in.mp4"), 320, 240, 2.0);
        String own = Uploads.downloadUrl(relay, relay.keyA, "in.mp4", Files.readAllBytes(source));

        JsonNode submitted = relay.post("/openapi/v2/" + ENDPOINT, relay.keyA, Map.of("prompt", "make it black and white", "videoUrl", own));
        assertThat(submitted.path("errorCode").asText()).as(submitted.toString()).isEmpty();
        assertThat(submitted.path("plan").path("engine").asText()).isEqualTo("relay");
        assertThat(submitted.path("plan").path("operations").get(0).path("params").path("endpoint").asText()).isEqualTo(ENDPOINT);
        String taskId = submitted.path("taskId").asText();

        JsonNode done = awaitEnd(relay, relay.keyA, taskId);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCESS");
        assertThat(done.path("plan").path("engine").asText()).isEqualTo("relay");
        String result = done.path("results").get(0).path("url").asText();
        assertThat(result).startsWith(relay.server.baseUrl() + "/media/");
        assertThat(done.path("results").get(0).path("outputType").asText()).isEqualTo("mp4");

        Path out = dir.resolve("out.mp4");
        HttpResponse<Path> download = http.send(HttpRequest.newBuilder(URI.create(result)).build(), HttpResponse.BodyHandlers.ofFile(out));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(chromaDistance(clips, source, 320, 240)).as("the source is colourful").isGreaterThan(10);
        assertThat(chromaDistance(clips, out, 320, 240)).as("the relayed result is black and white").isLessThan(2);

        List<JsonNode> upstreamTasks = tasks(up, up.keyA);
        assertThat(upstreamTasks).hasSize(1);
        assertThat(upstreamTasks.getFirst().path("status").asText()).isEqualTo("SUCCESS");
        assertThat(upstreamTasks.getFirst().path("prompt").asText()).isEqualTo("make it black and white");
        assertThat(Files.size(out)).isGreaterThan(1000);
    }

    @Test
    void anUpstreamFailureEndsTheTaskWithTheUpstreamsCodeTextAndReason() throws Exception {
        TestServer up = upstream(c -> c);
        TestServer relay = relayTo(up.server.baseUrl(), up.keyA);
        // A public URL passes through untouched: the upstream fetches it, finds no video in it and fails the task.
        HttpServer host = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] junk = "this is not a video at all, just text".repeat(100).getBytes(StandardCharsets.UTF_8);
        host.createContext("/clip.mp4", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().add("Content-Type", "video/mp4");
                exchange.sendResponseHeaders(200, junk.length);
                exchange.getResponseBody().write(junk);
            }
        });
        host.start();
        open.add(() -> host.stop(0));
        String url = "http://127.0.0.1:" + host.getAddress().getPort() + "/clip.mp4";

        JsonNode submitted = relay.post("/openapi/v2/" + ENDPOINT, relay.keyA, Map.of("prompt", "make it black and white", "videoUrl", url));
        assertThat(submitted.path("errorCode").asText()).as(submitted.toString()).isEmpty();
        JsonNode done = awaitEnd(relay, relay.keyA, submitted.path("taskId").asText());

        List<JsonNode> upstreamTasks = tasks(up, up.keyA);
        assertThat(upstreamTasks).hasSize(1);
        String upstreamId = upstreamTasks.getFirst().path("taskId").asText();
        JsonNode theirs = up.post("/openapi/v2/query", up.keyA, Map.of("taskId", upstreamId));
        assertThat(theirs.path("status").asText()).isEqualTo("FAILED");
        assertThat(theirs.path("errorCode").asText()).isNotEmpty();

        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("FAILED");
        assertThat(done.path("errorCode").asText()).isEqualTo(theirs.path("errorCode").asText());
        assertThat(done.path("errorMessage").asText()).isEqualTo(theirs.path("errorMessage").asText());
        assertThat(done.path("failedReason").path("upstream_task_id").asText()).isEqualTo(upstreamId);
        assertThat(done.path("failedReason").path("exception_message").asText())
                .isEqualTo(theirs.path("failedReason").path("exception_message").asText());
    }

    @Test
    void aRefusalAtTheUpstreamsSubmitEndsTheTaskWithItsCodeAndText() {
        TestServer up = upstream(c -> c);
        TestServer relay = relayTo(up.server.baseUrl(), up.keyA);
        // The local engine here would refuse nothing but generative edits; the upstream's refuses this at submit.
        JsonNode submitted = relay.post("/openapi/v2/" + ENDPOINT, relay.keyA, Map.of("prompt", "turn it into anime style",
                "videoUrl", "http://127.0.0.1:9/never-fetched.mp4"));
        assertThat(submitted.path("errorCode").asText()).as(submitted.toString()).isEmpty();
        JsonNode done = awaitEnd(relay, relay.keyA, submitted.path("taskId").asText());
        assertThat(done.path("status").asText()).isEqualTo("FAILED");
        assertThat(done.path("errorCode").asText()).isEqualTo("2001");
        assertThat(done.path("errorMessage").asText()).contains("anime").contains(" | ");
        assertThat(done.path("failedReason").path("upstream_error_code").asText()).isEqualTo("2001");
        assertThat(tasks(up, up.keyA)).isEmpty();
    }

    @Test
    void aWrongRelayKeyFailsWithAClearCodeAndShowsInHealth() throws Exception {
        TestServer up = upstream(c -> c);
        TestServer relay = relayTo(up.server.baseUrl(), "not-the-upstream-key");
        JsonNode submitted = relay.post("/openapi/v2/" + ENDPOINT, relay.keyA, Map.of("prompt", "make it black and white",
                "videoUrl", "http://127.0.0.1:9/never-fetched.mp4"));
        JsonNode done = awaitEnd(relay, relay.keyA, submitted.path("taskId").asText());
        assertThat(done.path("status").asText()).isEqualTo("FAILED");
        assertThat(done.path("errorCode").asText()).isEqualTo("2006");
        assertThat(done.path("errorMessage").asText()).contains("VEDIT_RELAY_KEY").doesNotContain("not-the-upstream-key");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            JsonNode health = relay.json.readTree(http.send(HttpRequest.newBuilder(URI.create(relay.url("/healthz"))).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            JsonNode route = null;
            for (JsonNode r : health.path("engineRoutes")) {
                if (r.path("endpoint").asText().equals(ENDPOINT)) {
                    route = r;
                }
            }
            assertThat(route).isNotNull();
            assertThat(route.path("ready").asBoolean()).isFalse();
            assertThat(route.path("problem").asText()).contains("refuses the relay key");
        });
    }

    @Test
    void cancellingWhileTheUpstreamRunsCancelsTheUpstreamTask() throws Exception {
        TestServer up = upstream(c -> c);
        TestServer relay = relayTo(up.server.baseUrl(), up.keyA);
        Clips clips = new Clips(dir.resolve("relay").resolve("cache"));
        // Long enough work upstream to cancel it halfway: three times slower (a 27 s result), stabilised and denoised, at 720p.
        Path source = clips.clip(dir.resolve("long.mp4"), 1280, 720, 9.0);
        String own = Uploads.downloadUrl(relay, relay.keyA, "long.mp4", Files.readAllBytes(source));
        JsonNode submitted = relay.post("/openapi/v2/" + ENDPOINT, relay.keyA,
                Map.of("prompt", "make it 3 times slower and remove the camera shake and reduce the noise", "videoUrl", own));
        assertThat(submitted.path("errorCode").asText()).as(submitted.toString()).isEmpty();
        String taskId = submitted.path("taskId").asText();

        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(100)).until(() ->
                tasks(up, up.keyA).stream().anyMatch(t -> t.path("status").asText().equals("RUNNING")));
        String upstreamId = tasks(up, up.keyA).getFirst().path("taskId").asText();
        JsonNode cancel = relay.post("/task/openapi/cancel", null, Map.of("apiKey", relay.keyA, "taskId", taskId));
        assertThat(cancel.path("code").asInt()).as(cancel.toString()).isZero();

        JsonNode ours = awaitEnd(relay, relay.keyA, taskId);
        assertThat(ours.path("status").asText()).isEqualTo("FAILED");
        assertThat(ours.path("errorCode").asText()).isEqualTo("2002");
        JsonNode theirs = awaitEnd(up, up.keyA, upstreamId);
        assertThat(theirs.path("status").asText()).isEqualTo("FAILED");
        assertThat(theirs.path("errorCode").asText()).as("the upstream task was cancelled, not finished").isEqualTo("2002");
        assertThat(tasks(up, up.keyA)).hasSize(1);
    }

    @Test
    void aProxyThatDropsDelaysAndFailsStillEndsInSuccessWithExactlyOneUpstreamTask() throws Exception {
        FlakyProxy proxy = new FlakyProxy();
        open.add(proxy);
        // The upstream's public URL is the proxy, so its upload links and result links go through the proxy too.
        TestServer up = upstream(c -> c.toBuilder().publicUrl(proxy.url()).build());
        proxy.target.set("http://127.0.0.1:" + up.server.port()); // its baseUrl is the public URL, the proxy itself
        TestServer relay = relayTo(proxy.url(), up.keyA);
        Clips clips = new Clips(dir.resolve("relay").resolve("cache"));
        Path source = clips.clip(dir.resolve("in.mp4"), 320, 240, 2.0);
        String own = Uploads.downloadUrl(relay, relay.keyA, "in.mp4", Files.readAllBytes(source));

        // Upload: dropped before it reaches the upstream, then through. Submit: a 502 from the proxy itself, a 421 (queue
        // full), then forwarded with its answer lost. Queries: every third delayed, every fourth a 503, every fifth's
        // answer lost. Result download: dropped, then a 500, then through.
        proxy.plan("/openapi/v2/media/upload/binary", n -> n == 1 ? Misbehaviour.DROP_BEFORE : Misbehaviour.PASS);
        proxy.plan("/openapi/v2/" + ENDPOINT, n -> switch (n) {
            case 1 -> Misbehaviour.ANSWER_502;
            case 2 -> Misbehaviour.ANSWER_421;
            case 3 -> Misbehaviour.DROP_AFTER;
            default -> Misbehaviour.PASS;
        });
        proxy.plan("/openapi/v2/query", n -> n % 5 == 0 ? Misbehaviour.DROP_AFTER : n % 4 == 0 ? Misbehaviour.ANSWER_503
                : n % 3 == 0 ? Misbehaviour.DELAY : Misbehaviour.PASS);
        proxy.plan("/openapi/v2/tasks", n -> n == 2 ? Misbehaviour.DELAY : Misbehaviour.PASS);
        proxy.plan("/media/", n -> n == 1 ? Misbehaviour.DROP_BEFORE : n == 2 ? Misbehaviour.ANSWER_500 : Misbehaviour.PASS);

        JsonNode submitted = relay.post("/openapi/v2/" + ENDPOINT, relay.keyA, Map.of("prompt", "make it black and white", "videoUrl", own));
        assertThat(submitted.path("errorCode").asText()).as(submitted.toString()).isEmpty();
        JsonNode done = awaitEnd(relay, relay.keyA, submitted.path("taskId").asText());
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCESS");
        Path out = dir.resolve("out.mp4");
        HttpResponse<Path> download = http.send(HttpRequest.newBuilder(URI.create(done.path("results").get(0).path("url").asText())).build(),
                HttpResponse.BodyHandlers.ofFile(out));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(chromaDistance(clips, out, 320, 240)).isLessThan(2);

        assertThat(tasks(up, up.keyA)).as("upstream tasks").hasSize(1);
        assertThat(proxy.count("/openapi/v2/" + ENDPOINT)).as("submits: 502, 421, answer lost (then found in the list)").isEqualTo(3);
        assertThat(proxy.count("/openapi/v2/query")).isGreaterThanOrEqualTo(1);
        assertThat(proxy.count("/media/")).as("result downloads").isGreaterThanOrEqualTo(3);
    }

    @Test
    void withoutATaskListUpstreamALostSubmitAnswerFailsRatherThanSubmitTwice() throws Exception {
        FlakyProxy proxy = new FlakyProxy();
        open.add(proxy);
        TestServer up = upstream(c -> c);
        proxy.target.set(up.server.baseUrl());
        TestServer relay = relayTo(proxy.url(), up.keyA);
        // Like the hosted service: no task list (404); and the first submit's answer is lost after the upstream took it.
        proxy.plan("/openapi/v2/tasks", n -> Misbehaviour.ANSWER_404);
        proxy.plan("/openapi/v2/" + ENDPOINT, n -> n == 1 ? Misbehaviour.DROP_AFTER : Misbehaviour.PASS);
        Clips clips = new Clips(dir.resolve("relay").resolve("cache"));
        Path source = clips.clip(dir.resolve("in.mp4"), 320, 240, 2.0);
        String own = Uploads.downloadUrl(relay, relay.keyA, "in.mp4", Files.readAllBytes(source));

        JsonNode submitted = relay.post("/openapi/v2/" + ENDPOINT, relay.keyA, Map.of("prompt", "make it black and white", "videoUrl", own));
        JsonNode done = awaitEnd(relay, relay.keyA, submitted.path("taskId").asText());
        assertThat(done.path("status").asText()).isEqualTo("FAILED");
        assertThat(done.path("errorCode").asText()).isEqualTo("2006");
        assertThat(done.path("errorMessage").asText()).contains("no task list").contains("not submitted again");
        assertThat(proxy.count("/openapi/v2/" + ENDPOINT)).as("submits").isEqualTo(1);
        assertThat(tasks(up, up.keyA)).as("upstream tasks").hasSize(1);
    }

    // ---- helpers --------------------------------------------------------------------------------------

    private JsonNode awaitEnd(TestServer s, String key, String taskId) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode q = s.post("/openapi/v2/query", key, Map.of("taskId", taskId));
            last.set(q);
            return List.of("SUCCESS", "FAILED").contains(q.path("status").asText());
        });
        return last.get();
    }

    /** The key's tasks on a server, from its task list. */
    private List<JsonNode> tasks(TestServer s, String key) {
        HttpResponse<String> r = s.raw(HttpRequest.newBuilder(URI.create(s.url("/openapi/v2/tasks?page=1&pageSize=100")))
                .header("Authorization", "Bearer " + key).build());
        try {
            List<JsonNode> list = new ArrayList<>();
            s.json.readTree(r.body()).path("data").path("tasks").forEach(list::add);
            return list;
        } catch (IOException e) {
            throw new AssertionError(r.body(), e);
        }
    }

    /** The mean distance of a middle frame's chroma from grey (0 for black and white). */
    private static double chromaDistance(Clips clips, Path video, int width, int height) throws IOException {
        byte[] frame = clips.frame(video, 0.5, "yuv420p");
        int luma = width * height;
        int chroma = luma / 4;
        assertThat(frame.length).isGreaterThanOrEqualTo(luma + 2 * chroma);
        double sum = 0;
        for (int i = luma; i < luma + 2 * chroma; i++) {
            sum += Math.abs((frame[i] & 0xff) - 128);
        }
        return sum / (2.0 * chroma);
    }

    /** What the proxy does with one request. */
    enum Misbehaviour { PASS, DROP_BEFORE, DROP_AFTER, DELAY, ANSWER_502, ANSWER_503, ANSWER_500, ANSWER_421, ANSWER_404 }

    /**
     * A loopback HTTP proxy in front of the upstream that misbehaves by plan, per path prefix and per request number
     * (counted from 1 for each prefix): it drops connections before or after forwarding, delays, and answers errors.
     */
    static final class FlakyProxy implements AutoCloseable {
        final AtomicReference<String> target = new AtomicReference<>();
        private final HttpServer server;
        private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        private final Map<String, java.util.function.IntFunction<Misbehaviour>> plans = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

        FlakyProxy() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void plan(String pathPrefix, java.util.function.IntFunction<Misbehaviour> plan) {
            plans.put(pathPrefix, plan);
        }

        int count(String pathPrefix) {
            AtomicInteger c = counts.get(pathPrefix);
            return c == null ? 0 : c.get();
        }

        private void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            Misbehaviour what = Misbehaviour.PASS;
            for (var plan : plans.entrySet()) {
                if (path.startsWith(plan.getKey())) {
                    int n = counts.computeIfAbsent(plan.getKey(), k -> new AtomicInteger()).incrementAndGet();
                    what = plan.getValue().apply(n);
                }
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            switch (what) {
                case DROP_BEFORE -> {
                    exchange.close(); // no answer at all: the connection just ends
                    return;
                }
                case ANSWER_502, ANSWER_503, ANSWER_500, ANSWER_404 -> {
                    byte[] text = "<html>bad gateway</html>".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(switch (what) {
                        case ANSWER_502 -> 502;
                        case ANSWER_503 -> 503;
                        case ANSWER_404 -> 404;
                        default -> 500;
                    }, text.length);
                    exchange.getResponseBody().write(text);
                    exchange.close();
                    return;
                }
                case ANSWER_421 -> {
                    byte[] text = ("{\"taskId\":\"\",\"status\":\"\",\"errorCode\":\"421\",\"errorMessage\":\"api queue limit reached, please retry"
                            + " later | 队列已满，请稍后重试\",\"results\":null}").getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, text.length);
                    exchange.getResponseBody().write(text);
                    exchange.close();
                    return;
                }
                case DELAY -> sleep(1500);
                default -> { }
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(target.get() + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : List.of("Authorization", "Content-Type", "Range")) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    forward.header(header, value);
                }
            }
            HttpResponse<byte[]> response;
            try {
                response = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.close();
                return;
            }
            if (what == Misbehaviour.DROP_AFTER) {
                exchange.close(); // the upstream acted on it; its answer is lost on the way back
                return;
            }
            response.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().add("Content-Type", v));
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
