package dev.vedit.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upload's byte path over real HTTP: the file part is written and hashed as it arrives (MultipartUpload), then
 * moved into the store. The name and size in the reply, the stored file and the bytes served back must all be the
 * upload's own: for a large body (hashed on a second thread, out of the connection's own buffers), a small one
 * (hashed inline), and one sent without a length (chunked); and a body over the limit must leave nothing behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UploadTransferTest {
    private static final String BOUNDARY = "upload-transfer-test";

    Path dir;
    TestServer s;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        dir = dataDir;
        s = new TestServer(dir);
    }

    @AfterAll
    void stop() {
        s.close();
    }

    @Test
    void aSpooledUploadIsStoredUnderItsOwnSha256AndServedBackByteForByte() throws Exception {
        byte[] content = mp4(6 * 1024 * 1024 + 17, 1);

        JsonNode data = upload(content, "clip.mp4");

        assertUploadIs(data, content);
    }

    @Test
    void aSmallUploadKeptInMemoryIsStoredUnderItsOwnSha256Too() throws Exception {
        byte[] content = mp4(50_000, 2);

        JsonNode data = upload(content, "small.mp4");

        assertUploadIs(data, content);
    }

    @Test
    void aChunkedUploadOfUnknownLengthIsStoredByteForByte() throws Exception {
        byte[] content = mp4(9 * 1024 * 1024 + 5, 4);

        JsonNode data = upload(s, HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(form(content, "chunked.mp4"))));

        assertUploadIs(data, content);
    }

    @Test
    void aChunkedUploadOverTheLimitIsRefusedAndLeavesNothing(@TempDir Path smallDir) throws Exception {
        try (TestServer small = new TestServer(smallDir, c -> c.withMaxUploadBytes(2 * 1024 * 1024))) {
            // Just over: the server stops reading at the limit, and a client still sending much more could see its
            // connection closed before it reads the answer.
            byte[] content = mp4(2 * 1024 * 1024 + 64 * 1024, 5);

            HttpResponse<String> r = small.raw(request(small, HttpRequest.BodyPublishers.ofInputStream(
                    () -> new java.io.ByteArrayInputStream(form(content, "big.mp4")))));

            assertThat(r.body()).contains("\"code\":1008", "larger than");
            try (Stream<Path> files = Files.walk(smallDir)) {
                assertThat(files.filter(f -> f.toString().endsWith(".part") || f.toString().endsWith(".mp4")).toList())
                        .as("partial uploads or stored media").isEmpty();
            }
        }
    }

    @Test
    void nothingIsLeftInTheScratchAreaAfterAnUpload() throws Exception {
        upload(mp4(3 * 1024 * 1024, 3), "c.mp4");

        Path scratch = dir.resolve("tmp");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (Stream<Path> files = Files.walk(scratch)) {
                assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
            }
        });
    }

    private void assertUploadIs(JsonNode data, byte[] content) throws Exception {
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        assertThat(data.path("fileName").asText()).isEqualTo("openapi/" + sha256 + ".mp4");
        assertThat(data.path("size").asText()).isEqualTo(Integer.toString(content.length));
        Path stored = dir.resolve("media").resolve("openapi").resolve(sha256 + ".mp4");
        assertThat(Files.readAllBytes(stored)).isEqualTo(content);
        HttpResponse<byte[]> served = s.http.send(HttpRequest.newBuilder(URI.create(data.path("download_url").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(content);
    }

    private JsonNode upload(byte[] content, String name) throws IOException {
        return upload(s, HttpRequest.BodyPublishers.ofByteArray(form(content, name)));
    }

    private static JsonNode upload(TestServer server, HttpRequest.BodyPublisher body) throws IOException {
        HttpResponse<String> r = server.raw(request(server, body));
        JsonNode reply = server.json.readTree(r.body());
        assertThat(reply.path("code").asInt()).as(r.body()).isZero();
        return reply.path("data");
    }

    private static HttpRequest request(TestServer server, HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(URI.create(server.url("/openapi/v2/media/upload/binary")))
                .header("Authorization", "Bearer " + server.keyA)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(body)
                .build();
    }

    private static byte[] form(byte[] content, String name) {
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return body;
    }

    /** An MP4 {@code ftyp} box, then pseudo-random bytes (which the boundary search must not trip over). */
    private static byte[] mp4(int size, long seed) {
        byte[] ftyp = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm', 'm', 'p', '4', '1'};
        byte[] bytes = new byte[size];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) random.nextInt();
        }
        System.arraycopy(ftyp, 0, bytes, 0, ftyp.length);
        return bytes;
    }
}
