package dev.vedit.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every answer leaves its connection fit for the next request, or says {@code Connection: close}. An answer given
 * before the body was read (a wrong key, an unknown path) used to end the connection silently, and a client that
 * kept it lost its next request ("header parser received no bytes" in the JDK's client).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeepAliveTest {
    private static final String UNKNOWN_KEY = "0123456789abcdef0123456789abcdef";

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

    @Test
    void aRefusalBeforeTheBodyArrivesKeepsTheConnectionForTheNextRequest() throws Exception {
        for (String path : new String[] {"/uc/openapi/accountStatus", "/openapi/v2/no-such-model/video-edit", "/healthz"}) {
            String body = "{\"taskId\":\"1\"}";
            // The headers alone first, as the JDK's client sends them: the answer waits for the body.
            String answer = refusedThenReused(path, headers(path, UNKNOWN_KEY, body.length()), body);
            assertThat(answer.toLowerCase(Locale.ROOT)).as(path).doesNotContain("connection: close");
        }
    }

    /**
     * The JDK's client sends an upload from a stream in chunks, of no declared length. Refused before its chunks
     * arrived, it used to be answered with the connection closed on unread bytes: the kernel's reset then lost the
     * answer itself ("header parser received no bytes", SdkAgainstServerTest's CI failure).
     */
    @Test
    void aRefusalBeforeAChunkedBodyArrivesWaitsForItAndKeepsTheConnection() throws Exception {
        Map<String, String> contentTypes = Map.of("/openapi/v2/media/upload/binary", "multipart/form-data; boundary=b",
                "/uc/openapi/accountStatus", "application/json");
        for (Map.Entry<String, String> target : contentTypes.entrySet()) {
            String path = target.getKey();
            String head = "POST " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + UNKNOWN_KEY + "\r\nContent-Type: "
                    + target.getValue() + "\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{}\n\r\n";
            String answer = refusedThenReused(path, head, "0\r\n\r\n");
            assertThat(answer).as(path).containsAnyOf("\"code\":401", "\"code\":802");
            assertThat(answer.toLowerCase(Locale.ROOT)).as(path).doesNotContain("connection: close");
        }
    }

    /**
     * Sends {@code head}, checks that no answer comes before {@code rest} is sent, sends it, reads the answer, and checks
     * that the same connection then carries a request with a valid key. Returns the first answer.
     */
    private String refusedThenReused(String path, String head, String rest) throws IOException {
        try (Socket socket = socket()) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(300);
            assertThat(answeredEarly(in)).as("%s answered before its body was sent", path).isFalse();
            socket.setSoTimeout(30_000);
            out.write(rest.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String first = response(in);
            out.write((headers("/uc/openapi/accountStatus", s.keyA, 2) + "{}").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(response(in)).as("the request after %s", path).startsWith("HTTP/1.1 200").contains("\"code\":0");
            return first;
        }
    }

    @Test
    void aJdkClientsStreamedUploadWithAnUnknownKeyHearsTheRefusal() throws Exception {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (int i = 0; i < 50; i++) {
                HttpResponse<String> reply = client.send(HttpRequest.newBuilder(URI.create(s.url("/openapi/v2/media/upload/binary")))
                        .header("Authorization", "Bearer " + UNKNOWN_KEY).header("Content-Type", "multipart/form-data; boundary=b")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[] {1, 2, 3})))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(reply.body()).contains("\"code\":401");
            }
        }
    }

    @Test
    void aLargeBodyRefusedUnreadClosesTheConnectionAndSaysSo() throws Exception {
        try (Socket socket = socket()) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            String multipart = "multipart/form-data; boundary=b";
            out.write(("POST /openapi/v2/media/upload/binary HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + UNKNOWN_KEY
                    + "\r\nContent-Type: " + multipart + "\r\nContent-Length: " + (64L << 20) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = response(in);
            assertThat(answer).contains("\"code\":401");
            assertThat(answer.toLowerCase(Locale.ROOT)).contains("connection: close");
            assertThat(in.read()).as("the connection ends after the answer").isEqualTo(-1);
        }
    }

    @Test
    void aJdkClientKeepsItsConnectionThroughRefusals() {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (int i = 0; i < 20; i++) {
                assertThat(s.post(client, "/uc/openapi/accountStatus", UNKNOWN_KEY, Map.of()).path("code").asInt()).isEqualTo(802);
                assertThat(s.post(client, "/uc/openapi/accountStatus", s.keyA, Map.of()).path("code").asInt()).isZero();
            }
        }
    }

    private Socket socket() throws IOException {
        URI uri = URI.create(s.url("/"));
        return new Socket(uri.getHost(), uri.getPort());
    }

    private static String headers(String path, String key, int length) {
        return "POST " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key + "\r\nContent-Type: application/json\r\nContent-Length: "
                + length + "\r\n\r\n";
    }

    private static boolean answeredEarly(InputStream in) throws IOException {
        try {
            return in.read() >= 0;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /** One whole response: its head, then as many bytes as its Content-Length says. */
    private static String response(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection ended before a whole answer: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
        }
        String headText = head.toString(StandardCharsets.ISO_8859_1);
        int length = headText.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                .mapToInt(l -> Integer.parseInt(l.substring(l.indexOf(':') + 1).strip())).findFirst().orElse(0);
        return headText + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
