package dev.vedit.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vedit.wire.UploadReply;
import dev.vedit.server.http.Sendfile;
import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaRoutesTest {
    @TempDir
    Path dir;
    MediaFixture fx;
    Javalin app;
    volatile MediaRoutes routes;
    final HttpClient http = HttpClient.newHttpClient();
    byte[] content;
    String url;

    @BeforeEach
    void start() throws IOException {
        // The public base URL needs the port, so the routes are bound once the fixture exists.
        app = Javalin.create(config -> {
            Sendfile.install(config); // as HttpApi serves them
            config.routes.get(MediaRoutes.PATH, ctx -> routes.handle(ctx));
            config.routes.head(MediaRoutes.PATH, ctx -> routes.handle(ctx));
        }).start("127.0.0.1", 0);
        fx = new MediaFixture(dir, "http://127.0.0.1:" + app.port(), 1 << 20);
        routes = new MediaRoutes(fx.media);
        content = SampleMedia.mp4(100_000);
        for (int i = 32; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        UploadReply.Uploaded uploaded = fx.media.upload(new ByteArrayInputStream(content), "v.mp4", MediaFixture.ACCOUNT);
        url = uploaded.downloadUrl();
    }

    @AfterEach
    void stop() {
        app.stop();
        fx.close();
    }

    HttpResponse<byte[]> get(String target, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(10));
        if (range != null) {
            request.header("Range", range);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void getReturnsTheWholeFileWithItsTypeAndLength() throws Exception {
        HttpResponse<byte[]> response = get(url, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(content);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(response.headers().firstValue("Content-Length")).hasValue(Integer.toString(content.length));
        assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
    }

    @Test
    void rangeRequestReturnsPartialContent() throws Exception {
        HttpResponse<byte[]> response = get(url, "bytes=1000-1999");

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(content, 1000, 2000));
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/" + content.length);
        assertThat(response.headers().firstValue("Content-Length")).hasValue("1000");
    }

    @Test
    void openEndedRangeRunsToTheEnd() throws Exception {
        HttpResponse<byte[]> response = get(url, "bytes=99000-");

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(content, 99000, content.length));
        assertThat(response.headers().firstValue("Content-Range"))
                .hasValue("bytes 99000-" + (content.length - 1) + "/" + content.length);
    }

    @Test
    void suffixRangeReturnsTheLastBytes() throws Exception {
        HttpResponse<byte[]> response = get(url, "bytes=-10");

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(content, content.length - 10, content.length));
        assertThat(response.headers().firstValue("Content-Range"))
                .hasValue("bytes " + (content.length - 10) + "-" + (content.length - 1) + "/" + content.length);
    }

    @Test
    void rangeBeyondTheEndIsUnsatisfiable() throws Exception {
        HttpResponse<byte[]> response = get(url, "bytes=" + content.length + "-");

        assertThat(response.statusCode()).isEqualTo(416);
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes */" + content.length);
    }

    @Test
    void multipleRangesAreAnsweredWithTheWholeFile() throws Exception {
        HttpResponse<byte[]> response = get(url, "bytes=0-1,5-6");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(content);
    }

    @Test
    void headReturnsTheHeadersWithoutABody() throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("Content-Length")).hasValue(Integer.toString(content.length));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("video/mp4");
    }

    @Test
    void unknownTokenIsNotFoundWithAJsonBody() throws Exception {
        HttpResponse<byte[]> response = get("http://127.0.0.1:" + app.port() + "/media/nope/x.mp4", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8))
                .startsWith("{\"code\":404,\"message\":\"").contains(" | ");
    }

    @Test
    void expiredLinkIsNotFound() throws Exception {
        fx.clock.advance(MediaFixture.LINK_TTL.plusSeconds(1));

        assertThat(get(url, null).statusCode()).isEqualTo(404);
    }

    @Test
    void aRangeAcrossMappedChunksOfALocalFileComesFromTheZeroCopyPathByteForByte() throws Exception {
        // Larger than two mapped chunks, with content that differs at every position, so a chunk sent twice,
        // skipped or shifted by a byte shows.
        int size = (int) (2 * MediaRoutes.MAPPED_CHUNK + 12_345);
        byte[] big = SampleMedia.mp4(size - SampleMedia.mp4(0).length);
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        for (int i = 64; i < big.length; i++) {
            big[i] = (byte) random.nextInt();
        }
        Path file = dir.resolve("big-output.mp4");
        java.nio.file.Files.write(file, big);
        StoredMedia stored = fx.media.storeFile(file);
        String bigUrl = fx.media.createLink(stored.key(), MediaFixture.ACCOUNT, "big.mp4", Duration.ofHours(1)).url();
        long before = routes.mappedResponses();
        long sentBefore = Sendfile.bytesSent();

        long first = MediaRoutes.MAPPED_CHUNK - 1000;
        long last = 2 * MediaRoutes.MAPPED_CHUNK + 1000;
        HttpResponse<byte[]> part = get(bigUrl, "bytes=" + first + "-" + last);
        HttpResponse<byte[]> whole = get(bigUrl, null);
        HttpResponse<byte[]> tail = get(bigUrl, "bytes=-777");

        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes " + first + "-" + last + "/" + size);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(big, (int) first, (int) last + 1));
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(big);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(big, size - 777, size));
        assertThat(routes.mappedResponses() - before).as("responses served from the mapped file").isEqualTo(3);
        assertThat(Sendfile.bytesSent() - sentBefore).as("bytes the kernel sent from the file (sendfile)")
                .isGreaterThanOrEqualTo((last - first + 1) + size + 777);
    }
}
