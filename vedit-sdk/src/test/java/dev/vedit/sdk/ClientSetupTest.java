package dev.vedit.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vedit.wire.TaskSummary;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How a client is set up and what it tells the caller: base URL forms, clear errors for bad settings, request ids,
 * the request listener, per-call options, closing, the environment, auto-paging and field names. Against a real
 * local HTTP server that answers per path.
 */
class ClientSetupTest {
    private static final String NOT_FOUND = "{\"taskId\":\"1\",\"status\":\"\",\"errorCode\":\"1004\",\"errorMessage\":\"Task not found | 任务不存在\","
            + "\"results\":null,\"failedReason\":{},\"usage\":null}";
    private static final String RUNNING = "{\"taskId\":\"1383453458050519040\",\"status\":\"RUNNING\",\"errorCode\":\"\",\"errorMessage\":\"\","
            + "\"results\":null,\"failedReason\":{},\"usage\":null,\"progress\":40}";

    /** What one request looked like. */
    record Seen(String method, String path, Map<String, String> headers) {
    }

    HttpServer server;
    String base;
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    volatile Function<HttpExchange, String> answer = ex -> RUNNING;
    volatile String replyRequestId;
    volatile long delayMs;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        ex.getRequestBody().readAllBytes();
        Map<String, String> headers = new HashMap<>();
        ex.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.getFirst()));
        seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().toString(), headers));
        try {
            Thread.sleep(delayMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] body = answer.apply(ex).getBytes(StandardCharsets.UTF_8);
        if (replyRequestId != null) {
            ex.getResponseHeaders().add("X-Request-Id", replyRequestId);
        }
        ex.getResponseHeaders().add("Content-Type", "application/json");
        try {
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
        } catch (IOException e) {
            // the client gave up
        }
        ex.close();
    }

    VeditClient.Builder client() {
        return VeditClient.builder().baseUrl(base).apiKey("k").retryPolicy(new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(10)));
    }

    @Test
    void runningHubStyleBaseUrlsEndingInTheApiPathWork() {
        for (String form : List.of(base + "/openapi/v2", base + "/openapi/v2/", base + "/", base)) {
            seen.clear();
            try (VeditClient c = client().baseUrl(form).build()) {
                assertThat(c.baseUrl().toString()).isEqualTo(base);
                c.query("1383453458050519040");
            }
            assertThat(seen).extracting(Seen::path).containsExactly("/openapi/v2/query");
        }
    }

    @Test
    void badSettingsAreClearErrorsNamingWhatToFix() {
        assertThatThrownBy(() -> VeditClient.builder().apiKey(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("API key is null").hasMessageContaining("VEDIT_API_KEY");
        assertThatThrownBy(() -> VeditClient.builder().apiKey("  ")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
        assertThatThrownBy(() -> VeditClient.builder().baseUrl(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseUrl");
        for (String noScheme : List.of("localhost:8080", "127.0.0.1:8080", "www.runninghub.cn/openapi/v2", "ftp://host")) {
            assertThatThrownBy(() -> VeditClient.builder().baseUrl(noScheme).apiKey("k").build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("must start with http:// or https://").hasMessageContaining(noScheme);
        }
        assertThatThrownBy(() -> VeditClient.builder().baseUrl("http://exa mple.com").apiKey("k").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not a valid URL");
        assertThatThrownBy(() -> VeditClient.builder().build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("fromEnv");
        try (VeditClient c = client().build()) {
            assertThatThrownBy(() -> c.listTasks(1, 500)).asInstanceOf(type(InvalidRequestException.class))
                    .satisfies(e -> assertThat(e.field()).contains("pageSize"));
            assertThatThrownBy(() -> c.listTasks(0, 20)).asInstanceOf(type(InvalidRequestException.class))
                    .satisfies(e -> assertThat(e.field()).contains("page"));
        }
        assertThat(seen).isEmpty();
    }

    @Test
    void exceptionsCarryTheRequestIdOfTheReplyOrTheOneSent() {
        answer = ex -> NOT_FOUND;
        replyRequestId = "srv-4711";
        try (VeditClient c = client().build()) {
            assertThatThrownBy(() -> c.query("1")).asInstanceOf(type(NotFoundException.class))
                    .satisfies(e -> assertThat(e.requestId()).contains("srv-4711"));
            replyRequestId = null;
            assertThatThrownBy(() -> c.query("1", RequestOptions.defaults().header("X-Request-Id", "checkout-42")))
                    .asInstanceOf(type(NotFoundException.class))
                    .satisfies(e -> assertThat(e.requestId()).contains("checkout-42"));
        }
        assertThat(seen.get(1).headers()).containsEntry("x-request-id", "checkout-42");
        assertThat(seen.get(0).headers().get("x-request-id")).matches("sdk-[0-9a-f]{16}");
    }

    @Test
    void theListenerHearsOfEveryAttemptAndCannotBreakACall() {
        List<RequestEvent> events = new CopyOnWriteArrayList<>();
        int[] calls = {0};
        answer = ex -> calls[0]++ == 0 ? "{\"errorCode\":\"1011\",\"errorMessage\":\"busy\",\"status\":\"\",\"taskId\":\"\"}" : RUNNING;
        replyRequestId = "srv-1";
        try (VeditClient c = client().retryPolicy(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(10)))
                .requestListener(e -> {
                    events.add(e);
                    throw new IllegalStateException("a broken logger");
                }).build()) {
            assertThat(c.query("1383453458050519040").status()).isEqualTo("RUNNING");
        }
        assertThat(events).extracting(RequestEvent::attempt).containsExactly(1, 2);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.method()).isEqualTo("POST");
            assertThat(e.uri().getPath()).isEqualTo("/openapi/v2/query");
            assertThat(e.statusCode()).isEqualTo(200);
            assertThat(e.requestId()).isEqualTo("srv-1");
            assertThat(e.failure()).isEmpty();
        });
    }

    @Test
    void perCallOptionsSetTheTimeoutAndHeadersOfThatCallOnly() {
        delayMs = 1500;
        try (VeditClient c = client().requestTimeout(Duration.ofSeconds(20)).build()) {
            assertThatThrownBy(() -> c.query("1", RequestOptions.defaults().timeout(Duration.ofMillis(200))))
                    .isInstanceOf(ConnectionException.class);
            delayMs = 0;
            c.query("1", RequestOptions.defaults().header("X-Tenant", "blue"));
            c.query("1");
        }
        // (The timed-out request may be seen by the server after the others: its handler was still sleeping.)
        assertThat(seen).filteredOn(r -> "blue".equals(r.headers().get("x-tenant"))).hasSize(1);
        assertThat(seen).filteredOn(r -> !r.headers().containsKey("x-tenant")).hasSize(seen.size() - 1);
        assertThatThrownBy(() -> RequestOptions.defaults().header("Authorization", "Bearer x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestOptions.defaults().header("Idempotency-Key", "x")).hasMessageContaining("idempotencyKey(");
    }

    @Test
    void aSubmitSendsAnIdempotencyKeyYourOwnWhenGiven() {
        answer = ex -> "{\"taskId\":\"1383453458050519040\",\"status\":\"QUEUED\",\"errorCode\":\"\",\"errorMessage\":\"\",\"results\":null}";
        EditRequest edit = Edits.klingO3Pro().prompt("mirror").videoUrl("https://cdn.example.com/a.mp4").build();
        try (VeditClient c = client().build()) {
            c.submit(edit);
            c.submit(edit, RequestOptions.defaults().idempotencyKey("order-42"));
        }
        assertThat(seen.get(0).headers().get("idempotency-key")).matches("[0-9a-f-]{36}");
        assertThat(seen.get(1).headers()).containsEntry("idempotency-key", "order-42");
    }

    @Test
    void aClosedClientRefusesCalls() {
        VeditClient c = client().build();
        c.query("1");
        c.close();
        c.close();
        assertThatThrownBy(() -> c.query("1")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> c.queryAsync("1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void fromEnvReadsVeditVariablesThenRunningHubs() {
        try (VeditClient c = VeditClient.fromEnv(Map.of("VEDIT_BASE_URL", base, "VEDIT_API_KEY", "vk", "RH_API_BASE_URL", "http://other:1",
                "RH_API_KEY", "rk"))) {
            c.query("1");
        }
        try (VeditClient c = VeditClient.fromEnv(Map.of("RH_API_BASE_URL", base + "/openapi/v2", "RH_API_KEY", "rk"))) {
            c.query("1");
        }
        assertThat(seen).extracting(s -> s.headers().get("authorization")).containsExactly("Bearer vk", "Bearer rk");
        assertThat(seen).extracting(Seen::path).containsOnly("/openapi/v2/query");
        try (VeditClient hosted = VeditClient.fromEnv(Map.of("RH_API_KEY", "rk"))) {
            assertThat(hosted.baseUrl().toString()).isEqualTo(VeditClient.HOSTED_BASE_URL);
        }
        assertThatThrownBy(() -> VeditClient.fromEnv(Map.of("VEDIT_BASE_URL", base))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("VEDIT_API_KEY").hasMessageContaining("RH_API_KEY");
    }

    @Test
    void allTasksPagesOnDemandAndReturnsATaskPushedToTheNextPageOnce() {
        answer = ex -> {
            String q = ex.getRequestURI().getQuery();
            return q.contains("page=1&") ? page(true, "a", "b") : q.contains("page=2&") ? page(true, "b", "c") : page(false, "d");
        };
        List<String> ids = new ArrayList<>();
        try (VeditClient c = client().build()) {
            for (TaskSummary t : c.allTasks(2)) {
                ids.add(t.taskId());
                if (ids.size() == 1) {
                    assertThat(seen).as("only the first page is fetched before it is needed").hasSize(1);
                }
            }
            assertThat(c.streamTasks().map(TaskSummary::taskId).toList()).containsExactly("a", "b", "c", "d");
        }
        assertThat(ids).containsExactly("a", "b", "c", "d");
        assertThat(seen.get(0).path()).isEqualTo("/openapi/v2/tasks?page=1&pageSize=2");
        assertThat(seen.get(3).path()).isEqualTo("/openapi/v2/tasks?page=1&pageSize=100");
    }

    private static String page(boolean more, String... ids) {
        StringBuilder tasks = new StringBuilder();
        for (String id : ids) {
            tasks.append(tasks.isEmpty() ? "" : ",").append("{\"taskId\":\"").append(id).append("\",\"endpoint\":\"kling-video-o3-pro/video-edit\","
                    + "\"status\":\"SUCCESS\",\"errorCode\":\"\",\"errorMessage\":\"\",\"progress\":100,\"prompt\":\"p\",\"createdAt\":1,\"finishedAt\":2}");
        }
        return "{\"code\":0,\"msg\":\"success\",\"data\":{\"page\":1,\"pageSize\":2,\"hasMore\":" + more + ",\"tasks\":[" + tasks + "]}}";
    }

    @Test
    void aFieldTheModelDoesNotHaveIsRefusedNamingIt() {
        assertThatThrownBy(() -> Edits.forEndpoint("wan-2.7/video-edit").prompt("mirror it").imageUrls(List.of("https://cdn.example.com/a.png"))
                .param("seeed", 42).build())
                .asInstanceOf(type(InvalidRequestException.class))
                .satisfies(e -> {
                    assertThat(e.field()).contains("seeed");
                    assertThat(e.getMessage()).contains("did you mean seed?").contains("alibaba/wan-2.7/video-edit");
                });
        assertThatThrownBy(() -> Edits.klingO3Pro().prompt("mirror").videoUrl("https://cdn.example.com/a.mp4").option("resolution", "720p"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("resolution is not a field");
        // option(): text converted to the field's wire type.
        EditRequest r = Edits.forEndpoint("wan-2.7/video-edit").prompt("mirror it").option("imageUrls", "https://cdn.example.com/a.png")
                .option("seed", "42").option("promptExtend", "FALSE").option("duration", "5").build();
        assertThat(r.body().path("seed").isIntegralNumber()).isTrue();
        assertThat(r.body().path("promptExtend").isBoolean()).isTrue();
        assertThat(r.body().path("duration").asText()).isEqualTo("5");
        assertThat(r.body().path("imageUrls").isArray()).isTrue();
        assertThatThrownBy(() -> Edits.forEndpoint("wan-2.7/video-edit").option("seed", "forty-two"))
                .asInstanceOf(type(InvalidRequestException.class)).satisfies(e -> assertThat(e.field()).contains("seed"));
    }
}
