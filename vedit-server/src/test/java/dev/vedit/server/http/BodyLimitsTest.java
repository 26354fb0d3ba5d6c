package dev.vedit.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key is checked before a body is read, each endpoint reads only as much as it can need, and upload edges are
 * answered at once with what is really wrong. Requests are written by hand on a socket, so that a declared length
 * can be far larger than what is sent: the reply must come at once, not after the 30 s idle timeout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BodyLimitsTest {
    private static final String O3 = "/openapi/v2/kling-video-o3-pro/video-edit";
    private static final String UPLOAD = "/openapi/v2/media/upload/binary";
    /** Far below the 30 s idle timeout the service runs with here: an answer this fast did not wait for the body. */
    private static final Duration AT_ONCE = Duration.ofSeconds(8);

    @TempDir
    static Path dir;
    TestServer s;

    @BeforeAll
    void start() {
        s = new TestServer(dir, c -> c.withQueue(c.queue().withWorkers(0)));
    }

    @AfterAll
    void stop() {
        s.close();
    }

    record Answer(int status, String body, Duration took) {
    }

    /** Sends the head and {@code sent} bytes of a body declared {@code declared} bytes long, then waits for the answer. */
    private Answer send(String path, String extraHeaders, long declared, byte[] sent) throws IOException {
        URI uri = URI.create(s.url(path));
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            long start = System.nanoTime();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: x\r\n" + extraHeaders + "Content-Length: " + declared + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(sent);
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            int status = Integer.parseInt(head.substring(9, 12));
            int length = head.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                    .map(l -> Integer.parseInt(l.substring(15).strip())).findFirst().orElse(0);
            return new Answer(status, new String(in.readNBytes(length), StandardCharsets.UTF_8), took);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static String json(String text) {
        return "Content-Type: application/json\r\n" + text;
    }

    // ---- authenticate before the body; a limit per endpoint; no unbounded echo -------------------------------

    @Test
    void aKeylessSubmitDeclaringAHugeBodyIsRefusedAtOnceWithoutReadingIt() throws IOException {
        Answer a = send(O3, json(""), 150L * 1024 * 1024, "{\"prompt\":\"".getBytes(StandardCharsets.UTF_8));
        assertThat(a.took()).isLessThan(AT_ONCE);
        assertThat(a.status()).isEqualTo(413);
        assertThat(a.body()).contains("\"errorCode\":\"1008\"", "Authorization: Bearer");
    }

    @Test
    void anUnknownBearerKeyIsRefusedBeforeItsHugeBodyIsRead() throws IOException {
        Answer a = send(O3, json("Authorization: Bearer 00000000000000000000000000000000\r\n"), 150L * 1024 * 1024,
                "{\"prompt\":\"".getBytes(StandardCharsets.UTF_8));
        assertThat(a.took()).isLessThan(AT_ONCE);
        assertThat(a.body()).contains("\"errorCode\":\"1002\"");
    }

    @Test
    void aQueryTakesASmallBodyEvenFromAKnownKey() throws IOException {
        String big = "{\"taskId\":\"1\",\"pad\":\"" + "a".repeat(200 * 1024) + "\"}";
        Answer a = send("/openapi/v2/query", json("Authorization: Bearer " + s.keyA + "\r\n"), big.length(),
                big.getBytes(StandardCharsets.UTF_8));
        assertThat(a.status()).isEqualTo(413);
        assertThat(a.body()).contains("\"errorCode\":\"1008\"", "small JSON object");
        for (String v1 : new String[] {"/task/openapi/status", "/uc/openapi/accountStatus", "/task/openapi/retryWebhook"}) {
            Answer b = send(v1, json(""), 10L * 1024 * 1024, "{\"apiKey\":\"".getBytes(StandardCharsets.UTF_8));
            assertThat(b.took()).as(v1).isLessThan(AT_ONCE);
            assertThat(b.status()).as(v1).isEqualTo(413);
        }
    }

    @Test
    void aQueryNeverEchoesAHugeTaskId() {
        String hugeId = "9".repeat(60_000);
        JsonNode r = s.post("/openapi/v2/query", s.keyA, Map.of("taskId", hugeId));
        assertThat(r.path("errorCode").asText()).isEqualTo("1004");
        assertThat(r.toString().length()).isLessThan(2_000);
        JsonNode keyless = s.post("/openapi/v2/query", null, Map.of("taskId", hugeId));
        assertThat(keyless.path("errorCode").asText()).isEqualTo("1002");
        assertThat(keyless.toString().length()).isLessThan(2_000);
        assertThat(s.post("/openapi/v2/query", s.keyA, Map.of("taskId", "abc")).path("taskId").asText())
                .as("a short id is still echoed").isEqualTo("abc");
    }

    @Test
    void aKnownKeyMaySubmitALargeMediaBodyAndABodyKeyStillWorksForSmallOnes() {
        byte[] noise = new byte[512 * 1024];
        new java.util.Random(1).nextBytes(noise);
        String dataUri = "data:video/mp4;base64," + Base64.getEncoder().encodeToString(noise);
        JsonNode r = s.post(O3, s.keyA, Map.of("prompt", "mirror", "videoUrl", dataUri));
        assertThat(r.path("errorCode").asText()).as("read and judged, not refused for its size").isNotEqualTo("1008").isNotEmpty();
        JsonNode small = s.post(O3, null, Map.of("apiKey", s.keyA, "prompt", "mirror", "videoUrl", "https://example.com/a.mp4"));
        assertThat(small.path("errorCode").asText()).isEmpty();
    }

    // ---- upload edges -----------------------------------------------------------------------------------------

    private static final String BOUNDARY = "vedit-test-boundary";

    private static String multipart() {
        return "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n";
    }

    @Test
    void anUploadDeclaringMoreThanTheLimitIsRefusedAtOnce() throws IOException {
        byte[] start = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.mp4\"\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        Answer a = send(UPLOAD, "Authorization: Bearer " + s.keyA + "\r\n" + multipart(), 300L * 1024 * 1024, start);
        assertThat(a.took()).isLessThan(AT_ONCE);
        assertThat(a.body()).contains("\"code\":1008", "larger than");
    }

    @Test
    void anUploadDeclaringOver2GiBIsTooLargeNotBadMultipart() throws IOException {
        byte[] start = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.mp4\"\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        Answer a = send(UPLOAD, "Authorization: Bearer " + s.keyA + "\r\n" + multipart(), 2_300_000_000L, start);
        assertThat(a.took()).isLessThan(AT_ONCE);
        assertThat(a.body()).contains("\"code\":1008", "larger than").doesNotContain("multipart");
    }

    @Test
    void aHugeFileNameIsAnsweredAsSuchNotAsTooLarge() throws IOException {
        byte[] body = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + "n".repeat(100_000)
                + ".png\"\r\nContent-Type: image/png\r\n\r\nxxxx\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
        Answer a = send(UPLOAD, "Authorization: Bearer " + s.keyA + "\r\n" + multipart(), body.length, body);
        assertThat(a.body()).contains("\"code\":1007", "file name").doesNotContain("larger than");
    }
}
