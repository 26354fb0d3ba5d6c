package dev.vedit.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Requests built to exhaust the parser, the heap or the connection pool get a clear refusal and cost nothing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileRequestsTest {
    private static final String O3 = "/openapi/v2/kling-video-o3-pro/video-edit";
    private static final long MAX_BODY = 64 * 1024;

    @TempDir
    static Path dir;
    TestServer s;

    @BeforeAll
    void start() {
        s = new TestServer(dir, c -> c.withQueue(c.queue().withWorkers(0)).withMaxJsonBodyBytes(MAX_BODY)
                .withRequestLimits(new RequestLimits(0, 1, Duration.ofSeconds(1))));
    }

    @AfterAll
    void stop() {
        s.close();
    }

    /**
     * A post on a new connection: this server closes a connection idle for 1 s, and the tests that stall idle longer
     * than that, so a pooled connection could be closed by the server just as the next test reuses it.
     */
    private JsonNode post(String path, Object body) {
        try (HttpClient fresh = HttpClient.newHttpClient()) {
            return s.post(fresh, path, s.keyA, body);
        }
    }

    /** {@link #post}'s new connection, for a request built by the test. */
    private static HttpResponse<String> raw(HttpRequest request) throws Exception {
        try (HttpClient fresh = HttpClient.newHttpClient()) {
            return fresh.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void deeplyNestedJsonIsRefusedWith1007() {
        String deep = "{\"prompt\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        JsonNode r = post(O3, deep);
        assertThat(r.path("errorCode").asText()).isEqualTo("1007");
        assertThat(r.path("errorMessage").asText()).contains("not valid JSON").contains("depth");
    }

    @Test
    void aBodyOverTheLimitIs413WithTheEnvelope() throws Exception {
        String huge = "{\"prompt\":\"" + "a".repeat((int) MAX_BODY * 2) + "\"}";
        HttpResponse<String> r = raw(HttpRequest.newBuilder(URI.create(s.url(O3))).header("Authorization", "Bearer " + s.keyA)
                .POST(HttpRequest.BodyPublishers.ofString(huge)).build());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("\"errorCode\":\"1008\"");
    }

    @Test
    void aChunkedBodyWithNoDeclaredLengthIsCutOffAtTheLimitToo() throws Exception {
        byte[] huge = ("{\"prompt\":\"" + "a".repeat((int) MAX_BODY * 4) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = raw(HttpRequest.newBuilder(URI.create(s.url("/openapi/v2/query"))).header("Authorization", "Bearer " + s.keyA)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge))).build());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("\"errorCode\":\"1008\"");
    }

    @Test
    void aLongStringUnderTheBodyLimitIsRefusedByTheValidatorNotTheHeap() {
        JsonNode r = post(O3, Map.of("prompt", "mirror ".repeat(8000), "videoUrl", "https://example.com/a.mp4"));
        assertThat(r.path("errorCode").asText()).isEqualTo("1007");
        assertThat(r.path("errorMessage").asText()).contains("prompt");
    }

    @Test
    void aDataUriWithBrokenBase64IsTheClientsError1001NotACrash() {
        JsonNode r = post(O3, Map.of("prompt", "mirror", "videoUrl", "data:video/mp4;base64,AAAA!!!!%%%%"));
        assertThat(r.path("errorCode").asText()).isEqualTo("1001");
        assertThat(r.path("errorMessage").asText()).contains("base64");
    }

    @Test
    void oddUnicodeIsAnsweredNotCrashedOn() {
        for (String prompt : new String[] {"\u0000", "\uD800", "\u202Emirror", "\uFEFF镜像", "🎬".repeat(100), "mirror\u0085\u2028"}) {
            JsonNode r = post(O3, Map.of("prompt", prompt, "videoUrl", "https://example.com/a.mp4"));
            assertThat(r.has("errorCode")).as(prompt).isTrue();
        }
    }

    @Test
    void aClientThatStallsMidRequestIsDisconnected() throws Exception {
        URI uri = URI.create(s.url(O3));
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + O3 + " HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"pro").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();
            InputStream in = socket.getInputStream();
            byte[] rest = in.readAllBytes(); // returns when the server closes the connection
            long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertThat(waited).isBetween(500L, 8_000L);
            // It is told why (in the endpoint's shape), and the connection is closed: readAllBytes saw its end.
            assertThat(new String(rest, StandardCharsets.UTF_8)).contains("\"errorCode\":\"1007\"").contains("stalled");
        }
        // The service is unharmed.
        assertThat(post("/uc/openapi/accountStatus", Map.of()).path("code").asInt()).isZero();
    }

    @Test
    void aClientThatNeverSendsAHeaderIsDisconnected() throws Exception {
        URI uri = URI.create(s.url(O3));
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            long start = System.nanoTime();
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis()).isBetween(500L, 8_000L);
        }
    }
}
