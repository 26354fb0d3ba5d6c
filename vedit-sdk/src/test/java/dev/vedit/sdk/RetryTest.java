package dev.vedit.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which failures the client repeats, against a real HTTP server that answers from a script: connection failures,
 * 429/5xx and 421 limits are repeated; a submit whose reply was lost is not.
 */
class RetryTest {
    private static final String QUEUED = "{\"taskId\":\"1383453458050519040\",\"status\":\"QUEUED\",\"errorCode\":\"\",\"errorMessage\":\"\","
            + "\"results\":null,\"clientId\":\"c\",\"promptTips\":\"\"}";
    private static final String RUNNING = "{\"taskId\":\"1383453458050519040\",\"status\":\"RUNNING\",\"errorCode\":\"\",\"errorMessage\":\"\","
            + "\"results\":null,\"failedReason\":{},\"usage\":null,\"progress\":40}";

    /** One scripted answer: status, body, optional delay, optional Retry-After. */
    record Answer(int status, String body, long delayMs, String retryAfter) {
        static Answer of(int status, String body) {
            return new Answer(status, body, 0, null);
        }
    }

    HttpServer server;
    final Deque<Answer> script = new ArrayDeque<>();
    final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    final List<Map<String, String>> seen = new CopyOnWriteArrayList<>();

    private void answer(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        Map<String, String> headers = new HashMap<>();
        ex.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.getFirst()));
        seen.add(headers);
        ex.getRequestBody().readAllBytes();
        Answer a;
        synchronized (script) {
            a = script.size() > 1 ? script.poll() : script.peek();
        }
        try {
            Thread.sleep(a.delayMs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
        if (a.retryAfter() != null) {
            ex.getResponseHeaders().add("Retry-After", a.retryAfter());
        }
        ex.getResponseHeaders().add("Content-Type", "application/json");
        try {
            ex.sendResponseHeaders(a.status(), body.length);
            ex.getResponseBody().write(body);
        } catch (IOException e) {
            // the client gave up waiting
        }
        ex.close();
    }

    /** Generous timeouts: a loaded machine must not turn a slow reply into a lost one. */
    VeditClient client(int attempts) {
        return client(attempts, Duration.ofSeconds(10));
    }

    VeditClient client(int attempts, Duration requestTimeout) {
        return VeditClient.builder().baseUrl("http://127.0.0.1:" + server.getAddress().getPort()).apiKey("k")
                .requestTimeout(requestTimeout)
                .retryPolicy(new RetryPolicy(attempts, Duration.ofMillis(10), Duration.ofMillis(40)))
                .pollInterval(Duration.ofMillis(10), Duration.ofMillis(20))
                .build();
    }

    EditRequest edit() {
        return Edits.klingO3Pro().prompt("mirror").videoUrl("https://cdn.example.com/a.mp4").build();
    }

    @Test
    void aQueryIsRepeatedAfterServerErrorsUntilItSucceeds() {
        script.add(Answer.of(503, "{\"taskId\":\"\",\"status\":\"\",\"errorCode\":\"1010\",\"errorMessage\":\"db down\"}"));
        script.add(Answer.of(500, "oops"));
        script.add(Answer.of(200, RUNNING));
        assertThat(client(3).query("1383453458050519040").progress()).isEqualTo(40);
        assertThat(requests).hasValue(3);
    }

    @Test
    void aSubmitRefusedByTheQueueLimitIsRepeatedBecauseNothingWasCreated() {
        script.add(Answer.of(200, "{\"taskId\":\"\",\"status\":\"\",\"errorCode\":\"421\",\"errorMessage\":\"api queue limit reached\",\"results\":null}"));
        script.add(Answer.of(200, QUEUED));
        assertThat(client(3).submit(edit()).taskId()).isEqualTo("1383453458050519040");
        assertThat(requests).hasValue(2);
    }

    @Test
    void aLimitThatPersistsEndsInALimitExceptionWithTheServersRetryAfter() {
        script.add(new Answer(429, "{}", 0, "7"));
        assertThatThrownBy(() -> client(2).submit(edit()))
                .asInstanceOf(type(LimitExceededException.class))
                .satisfies(e -> {
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(e.retryable()).isTrue();
                });
    }

    @Test
    void aSubmitWhoseReplyTimedOutIsNotRepeatedWhereTheServiceIgnoresIdempotencyKeys() {
        script.add(new Answer(200, QUEUED, 3000, null));
        VeditClient hostedLike = VeditClient.builder().baseUrl("http://127.0.0.1:" + server.getAddress().getPort()).apiKey("k")
                .requestTimeout(Duration.ofSeconds(1)).retryPolicy(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40)))
                .serviceHonoursIdempotencyKeys(false).build();
        assertThatThrownBy(() -> hostedLike.submit(edit()))
                .asInstanceOf(type(ConnectionException.class))
                .satisfies(e -> {
                    assertThat(e.requestMayHaveArrived()).isTrue();
                    assertThat(e.requestId()).hasValueSatisfying(id -> assertThat(id).matches("sdk-[0-9a-f]{16}"));
                });
        assertThat(requests).hasValue(1);
    }

    @Test
    void aSubmitWhoseReplyTimedOutIsRepeatedWithTheSameIdempotencyKeyWhereTheServiceHonoursThem() {
        script.add(new Answer(200, QUEUED, 3000, null));
        script.add(Answer.of(200, QUEUED));
        assertThat(client(3, Duration.ofSeconds(1)).submit(edit()).taskId()).isEqualTo("1383453458050519040");
        assertThat(requests).hasValue(2);
        String key = seen.get(0).get("idempotency-key");
        assertThat(key).isNotBlank();
        assertThat(seen.get(1).get("idempotency-key")).isEqualTo(key);
        assertThat(seen.get(1).get("x-request-id")).isEqualTo(seen.get(0).get("x-request-id"));
        // The next submit is another request: a new key.
        client(3).submit(edit());
        assertThat(seen.get(2).get("idempotency-key")).isNotEqualTo(key);
    }

    @Test
    void aQueryWhoseReplyTimedOutIsRepeated() {
        script.add(new Answer(200, RUNNING, 3000, null));
        script.add(Answer.of(200, RUNNING));
        assertThat(client(3, Duration.ofSeconds(1)).query("1383453458050519040").status()).isEqualTo("RUNNING");
        assertThat(requests).hasValue(2);
    }

    @Test
    void aRefusedConnectionIsRepeatedAndReportedAsNeverArrived() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        VeditClient c = VeditClient.builder().baseUrl("http://127.0.0.1:" + closedPort).apiKey("k")
                .retryPolicy(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10))).build();
        assertThatThrownBy(() -> c.submit(edit()))
                .asInstanceOf(type(ConnectionException.class))
                .satisfies(e -> assertThat(e.requestMayHaveArrived()).isFalse());
    }

    @Test
    void invalidInputIsNeverRepeated() {
        script.add(Answer.of(200, "{\"taskId\":\"\",\"status\":\"\",\"errorCode\":\"2001\",\"errorMessage\":\"Invalid: swap faces | 不支持\",\"results\":null}"));
        assertThatThrownBy(() -> client(3).submit(edit())).isInstanceOf(InvalidRequestException.class);
        assertThat(requests).hasValue(1);
    }

    @Test
    void waitForRidesOutATransientFailureAndReportsEachPoll() {
        script.add(Answer.of(200, RUNNING));
        script.add(Answer.of(502, "bad gateway"));
        script.add(Answer.of(502, "bad gateway"));
        script.add(Answer.of(200, RUNNING.replace("RUNNING", "SUCCESS").replace("\"results\":null", "\"results\":[{\"url\":\"http://h/a.mp4\","
                + "\"outputType\":\"mp4\",\"nodeId\":\"local\",\"text\":null}]").replace("40", "100")));
        java.util.List<String> seen = new java.util.ArrayList<>();
        var done = client(2).waitFor("1383453458050519040", Duration.ofSeconds(10), p -> seen.add(p.status() + ":" + p.percent()));
        assertThat(done.results().get(0).url()).isEqualTo("http://h/a.mp4");
        assertThat(seen).containsExactly("RUNNING:40", "SUCCESS:100");
    }

    @Test
    void waitForGivesUpAtItsTimeoutAndAFailedTaskIsAnException() {
        script.add(Answer.of(200, RUNNING));
        assertThatThrownBy(() -> client(1).waitFor("1383453458050519040", Duration.ofMillis(200)))
                .isInstanceOf(WaitTimeoutException.class);
        script.clear();
        script.add(Answer.of(200, RUNNING.replace("RUNNING", "FAILED").replace("\"errorCode\":\"\",\"errorMessage\":\"\"",
                "\"errorCode\":\"2002\",\"errorMessage\":\"Task was cancelled by the user | 任务已被用户取消\"")));
        assertThatThrownBy(() -> client(1).waitFor("1383453458050519040", Duration.ofSeconds(5)))
                .asInstanceOf(type(TaskFailedException.class))
                .satisfies(e -> {
                    assertThat(e.errorCode()).isEqualTo("2002");
                    assertThat(e.taskId()).contains("1383453458050519040");
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void asyncCallsCompleteWithTheSameResultsAndFailures() {
        script.add(Answer.of(200, RUNNING));
        assertThat(client(1).queryAsync("1383453458050519040").join().status()).isEqualTo("RUNNING");
        script.clear();
        script.add(Answer.of(200, "{\"taskId\":\"9\",\"status\":\"\",\"errorCode\":\"1004\",\"errorMessage\":\"Task not found\"}"));
        assertThat(client(1).queryAsync("9")).failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(NotFoundException.class);
    }
}
