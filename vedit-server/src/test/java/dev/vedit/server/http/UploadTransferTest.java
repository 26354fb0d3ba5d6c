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
 * The upload's byte path over real HTTP: the part Jetty spooled is moved into the store, not copied, and hashed
 * there. The name and size in the reply, the stored file and the bytes served back must all be the upload's own,
 * for a part large enough to be spooled to disk and for one small enough to stay in memory.
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
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = s.raw(HttpRequest.newBuilder(URI.create(s.url("/openapi/v2/media/upload/binary")))
                .header("Authorization", "Bearer " + s.keyA)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofByteArray(content), HttpRequest.BodyPublishers.ofByteArray(tail)))
                .build());
        JsonNode reply = s.json.readTree(r.body());
        assertThat(reply.path("code").asInt()).as(r.body()).isZero();
        return reply.path("data");
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
