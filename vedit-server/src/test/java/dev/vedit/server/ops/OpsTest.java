package dev.vedit.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vedit.server.ffmpeg.TestMedia;
import dev.vedit.server.http.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** /metrics, request and task ids in replies and logs, and the OpenAPI document, on a real server running a real edit. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpsTest {
    private static final String O3 = "/openapi/v2/kling-video-o3-pro/video-edit";
    private static final Set<String> HTTP_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");

    @TempDir
    static Path dir;
    TestServer s;
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    String taskId;
    com.sun.net.httpserver.HttpServer receiver;

    @BeforeAll
    void start() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
        s = new TestServer(dir.resolve("server"));
        Path clip = TestMedia.clip(dir, "source.mp4", 1.0);
        String url = s.upload(clip).path("data").path("download_url").asText();
        receiver = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 8);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        JsonNode submitted = s.post(O3, s.keyA, Map.of("prompt", "make it black and white", "videoUrl", url,
                "webhookUrl", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"));
        taskId = submitted.path("taskId").asText();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                s.post("/openapi/v2/query", s.keyA, Map.of("taskId", taskId)).path("status").asText().equals("SUCCESS"));
    }

    @AfterAll
    void stop() {
        s.close();
        receiver.stop(0);
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    @Test
    void metricsReportTasksByModelAndStatusDurationsEngineTimeAndHttpLatency() {
        String text = get("/metrics").body();
        assertThat(value(text, "vedit_tasks{model=\"kling-video-o3-pro/video-edit\",status=\"SUCCESS\"}")).isEqualTo(1.0);
        assertThat(value(text, "vedit_tasks{model=\"kling-video-o3-pro/video-edit\",status=\"QUEUED\"}")).isEqualTo(0.0);
        assertThat(value(text, "vedit_queue_depth")).isEqualTo(0.0);
        assertThat(value(text, "vedit_task_duration_seconds_count{model=\"kling-video-o3-pro/video-edit\",status=\"SUCCESS\"}")).isEqualTo(1.0);
        assertThat(value(text, "vedit_task_duration_seconds_sum{model=\"kling-video-o3-pro/video-edit\",status=\"SUCCESS\"}")).isGreaterThan(0.0);
        assertThat(value(text, "vedit_task_queue_wait_seconds_count{model=\"kling-video-o3-pro/video-edit\"}")).isEqualTo(1.0);
        assertThat(value(text, "vedit_engine_time_seconds_count{engine=\"local\",outcome=\"succeeded\"}")).isEqualTo(1.0);
        assertThat(value(text, "vedit_http_requests_seconds_count{method=\"POST\",route=\"/openapi/v2/kling-video-o3-pro/video-edit\",status=\"200\"}"))
                .isEqualTo(1.0);
        assertThat(value(text, "vedit_http_requests_seconds_count{method=\"POST\",route=\"/openapi/v2/media/upload/binary\",status=\"200\"}"))
                .isEqualTo(1.0);
        assertThat(value(text, "vedit_http_requests_seconds_count{method=\"POST\",route=\"/openapi/v2/query\",status=\"200\"}"))
                .isGreaterThanOrEqualTo(1.0);
        assertThat(text).doesNotContain("route=\"/media/" + "a");
    }

    @Test
    void httpLatencyIsLabelledByRouteTemplateNeverByRawPath() {
        get("/media/sometoken/somefile.mp4");
        String text = get("/metrics").body();
        assertThat(text).contains("route=\"/media/{token}/{name}\"").doesNotContain("sometoken");
    }

    @Test
    void theWebhookDeliveryOfTheTaskIsCounted() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(get("/metrics").body()).contains("vedit_webhook_deliveries_total{outcome=\"delivered\"} 1.0"));
    }

    @Test
    void jvmAndProcessMetricsRefusalsByCodeAndBucketsSizedForTheService() {
        // Another model than the other tests' task, so their per-route counts stay exact.
        String std = "/openapi/v2/kling-video-o3-std/video-edit";
        s.post(std, s.keyA, Map.of("prompt", "turn it into anime style", "videoUrl", "https://example.com/a.mp4"));
        s.post(std, "not-a-key", Map.of("prompt", "mirror", "videoUrl", "https://example.com/a.mp4"));
        String text = get("/metrics").body();
        assertThat(text).contains("jvm_memory_used_bytes", "jvm_gc_", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                "process_cpu_usage", "process_uptime_seconds", "process_files_open_files", "system_cpu_count");
        // Business errors are HTTP 200: only this counter shows them.
        assertThat(value(text, "vedit_refusals_total{code=\"2001\"}")).isGreaterThanOrEqualTo(1.0);
        assertThat(value(text, "vedit_refusals_total{code=\"1002\"}")).isGreaterThanOrEqualTo(1.0);
        assertThat(value(text, "vedit_refusals_total{code=\"2005\"}")).isEqualTo(0.0);
        long buckets = text.lines().filter(l -> l.startsWith("vedit_http_requests_seconds_bucket{") && l.contains("route=\"/openapi/v2/query\"")
                && l.contains("status=\"200\"")).count();
        assertThat(buckets).as("buckets of one HTTP series").isBetween(8L, 13L);
        long taskBuckets = text.lines().filter(l -> l.startsWith("vedit_task_duration_seconds_bucket{") && l.contains("status=\"SUCCESS\"")).count();
        assertThat(taskBuckets).isBetween(8L, 13L);
    }

    @Test
    void webhookDeliveryCountersExistAtZeroFromTheStart() {
        String text = new Metrics(List::of, java.time.Clock.systemUTC()).scrape();
        for (String outcome : Metrics.WEBHOOK_OUTCOMES) {
            assertThat(value(text, "vedit_webhook_deliveries_total{outcome=\"" + outcome + "\"}")).isEqualTo(0.0);
        }
    }

    @Test
    void webhookDeliveriesAreCountedByOutcome() {
        Metrics metrics = new Metrics(List::of, java.time.Clock.systemUTC());
        metrics.webhookDelivered("delivered");
        metrics.webhookDelivered("delivered");
        metrics.webhookDelivered("failed");
        String text = metrics.scrape();
        assertThat(value(text, "vedit_webhook_deliveries_total{outcome=\"delivered\"}")).isEqualTo(2.0);
        assertThat(value(text, "vedit_webhook_deliveries_total{outcome=\"failed\"}")).isEqualTo(1.0);
    }

    @Test
    void metricsWithATokenRefuseScrapesWithoutIt() throws Exception {
        try (var server = dev.vedit.server.VeditServer.start(dev.vedit.server.ServerConfig.defaults(dir.resolve("token")).withPort(0)
                .withApiKeys(List.of("k")).withQueue(dev.vedit.server.task.QueueSettings.defaults().withWorkers(0)),
                dev.vedit.server.VeditServer.Extras.NONE.withMetricsToken("s3cret"))) {
            HttpResponse<String> open = s.raw(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics")).build());
            assertThat(open.statusCode()).isEqualTo(401);
            assertThat(open.body()).contains("--metrics-token");
            HttpResponse<String> wrong = s.raw(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics"))
                    .header("Authorization", "Bearer nope").build());
            assertThat(wrong.statusCode()).isEqualTo(401);
            HttpResponse<String> right = s.raw(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics"))
                    .header("Authorization", "Bearer s3cret").build());
            assertThat(right.statusCode()).isEqualTo(200);
            assertThat(right.body()).contains("vedit_queue_depth");
        }
    }

    @Test
    void everyReplyCarriesARequestIdAndAWellFormedClientIdIsKept() {
        HttpResponse<String> generated = get("/healthz");
        assertThat(generated.headers().firstValue(OpsRoutes.REQUEST_ID_HEADER)).hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{16}"));
        HttpResponse<String> kept = s.raw(HttpRequest.newBuilder(URI.create(s.url("/healthz"))).header("X-Request-Id", "client-42").build());
        assertThat(kept.headers().firstValue(OpsRoutes.REQUEST_ID_HEADER)).contains("client-42");
        HttpResponse<String> forged = s.raw(HttpRequest.newBuilder(URI.create(s.url("/healthz")))
                .header("X-Request-Id", "x\" level=ERROR fake=1").build());
        assertThat(forged.headers().firstValue(OpsRoutes.REQUEST_ID_HEADER).orElseThrow()).doesNotContain("fake").matches("[0-9a-f]{16}");
    }

    @Test
    void logLinesOfATaskCarryItsIdAndLogLinesOfARequestCarryTheRequestId() {
        List<ILoggingEvent> taskLines = logs.list.stream().filter(e -> e.getFormattedMessage().contains("task " + taskId)).toList();
        assertThat(taskLines).isNotEmpty().allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsEntry("task", taskId));

        // The access line (DEBUG) is logged while the request is handled, so it names the request.
        Logger access = (Logger) LoggerFactory.getLogger(OpsRoutes.class);
        access.setLevel(ch.qos.logback.classic.Level.DEBUG);
        try {
            HttpResponse<String> reply = s.raw(HttpRequest.newBuilder(URI.create(s.url("/openapi/v2/query"))).header("X-Request-Id", "req-41")
                    .header("Authorization", "Bearer " + s.keyA).POST(HttpRequest.BodyPublishers.ofString("{\"taskId\": \"" + taskId + "\"}")).build());
            assertThat(reply.headers().firstValue(OpsRoutes.REQUEST_ID_HEADER)).contains("req-41");
        } finally {
            access.setLevel(null);
        }
        ILoggingEvent line = logs.list.stream().filter(e -> e.getFormattedMessage().startsWith("POST /openapi/v2/query 200")).findFirst().orElseThrow();
        assertThat(new MdcPairs().convert(line)).isEqualTo(" request=req-41");
    }

    @Test
    void theOpenApiDocumentParsesAndNamesEveryRouteTheServerServes() throws Exception {
        HttpResponse<String> r = get("/openapi.json");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = s.json.readTree(r.body());
        assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
        List<String> routes = s.server.routes().stream().filter(route -> HTTP_METHODS.contains(route.substring(0, route.indexOf(' ')))).toList();
        assertThat(routes).hasSizeGreaterThan(10);
        for (String route : routes) {
            String method = route.substring(0, route.indexOf(' ')).toLowerCase(Locale.ROOT);
            String path = route.substring(route.indexOf(' ') + 1);
            assertThat(doc.path("paths").path(path).has(method)).as("%s is in openapi.json", route).isTrue();
        }
        // Every $ref resolves, and every operation has an id and a 200 or 2xx reply.
        Matcher refs = Pattern.compile("\"\\$ref\"\\s*:\\s*\"#/components/schemas/([A-Za-z0-9]+)\"").matcher(r.body());
        while (refs.find()) {
            assertThat(doc.path("components").path("schemas").has(refs.group(1))).as(refs.group(1)).isTrue();
        }
        doc.path("paths").properties().forEach(p -> p.getValue().properties().forEach(op -> {
            if (HTTP_METHODS.contains(op.getKey().toUpperCase(Locale.ROOT))) {
                assertThat(op.getValue().path("operationId").asText()).as(p.getKey()).isNotEmpty();
                assertThat(op.getValue().path("responses").has("200")).as(p.getKey()).isTrue();
            }
        }));
        JsonNode submit = doc.path("paths").path(O3).path("post").path("requestBody").path("content").path("application/json").path("schema");
        assertThat(submit.path("required").toString()).contains("prompt", "videoUrl");
    }

    @Test
    void theDocsPageIsSelfContainedAndRendersTheDocument() {
        HttpResponse<String> r = get("/docs");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(r.body()).contains("openapi.json").doesNotContain("https://", "http://");
    }

    private HttpResponse<String> get(String path) {
        return s.raw(HttpRequest.newBuilder(URI.create(s.url(path))).GET().build());
    }

    /** The value of one sample line of the Prometheus text format. */
    private static double value(String text, String series) {
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).strip());
            }
        }
        throw new AssertionError("no sample " + series + " in:\n" + text);
    }

}
