package dev.vedit.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.UploadReply;
import dev.vedit.wire.VeditException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import dev.vedit.server.outbound.AddressPolicy;
import dev.vedit.server.outbound.OutboundClient;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaFetcherTest {
    static final long LIMIT = 1 << 20;

    @TempDir
    Path dir;
    HttpServer server;
    final AtomicInteger requests = new AtomicInteger();
    MediaFixture fx;
    OutboundClient client;
    MediaFetcher fetcher;
    Path target;
    final byte[] png = SampleMedia.png();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
        // Our own public base URL is this test server: fetching an own URL must not reach it.
        fx = new MediaFixture(dir, base(), LIMIT);
        client = new OutboundClient(new AddressPolicy(List.of("127.0.0.1")), Duration.ofSeconds(2), "vedit-test");
        fetcher = new MediaFetcher(fx.media, client, Duration.ofSeconds(2));
        target = dir.resolve("inputs");
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop(0);
        fx.close();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            if (path.equals("/image.png")) {
                send(exchange, 200, png);
            } else if (path.startsWith("/hop/")) {
                int left = Integer.parseInt(path.substring("/hop/".length()));
                exchange.getResponseHeaders().add("Location", left == 0 ? "/image.png" : "/hop/" + (left - 1));
                exchange.sendResponseHeaders(302, -1);
            } else if (path.equals("/to-private")) {
                exchange.getResponseHeaders().add("Location", "http://10.0.0.1:" + server.getAddress().getPort() + "/image.png");
                exchange.sendResponseHeaders(302, -1);
            } else if (path.equals("/declared-huge")) {
                exchange.sendResponseHeaders(200, LIMIT * 10);
                exchange.getResponseBody().write(png);
                exchange.getResponseBody().flush();
            } else if (path.equals("/endless")) {
                exchange.sendResponseHeaders(200, 0); // chunked, no declared length
                OutputStream out = exchange.getResponseBody();
                byte[] chunk = SampleMedia.mp4(64 * 1024);
                for (int i = 0; i < 64; i++) {
                    out.write(chunk);
                }
            } else if (path.equals("/slow")) {
                exchange.sendResponseHeaders(200, 0);
                exchange.getResponseBody().write(png, 0, 10);
                exchange.getResponseBody().flush();
                sleep(3_000);
            } else if (path.equals("/unavailable")) {
                send(exchange, 503, new byte[0]);
            } else if (path.equals("/text")) {
                send(exchange, 200, "not media".getBytes());
            } else {
                send(exchange, 404, "no such file".getBytes());
            }
        } catch (IOException ignored) {
            // The client hung up on purpose (size limit, timeout).
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void assertFails(ThrowableAssert.ThrowingCallable call, ErrorCode code, boolean transientFailure, String... words) {
        assertThatThrownBy(call).isInstanceOfSatisfying(VeditException.class, e -> {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
            assertThat(e instanceof TransientFetchException).as("transient").isEqualTo(transientFailure);
            assertThat(e.getMessage()).contains(" | ");
            if (words.length > 0) {
                assertThat(e.getMessage()).contains(words);
            }
        });
    }

    void assertNoFilesLeft() throws IOException {
        try (Stream<Path> files = Files.list(target)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void fetchesAUrlAndSniffsItsContent() throws IOException {
        FetchedMedia fetched = fetcher.fetch(base() + "/image.png?sig=abc", LIMIT, target);

        assertThat(fetched.format()).isEqualTo(MediaFormat.PNG);
        assertThat(fetched.mediaType()).isEqualTo("image");
        assertThat(fetched.size()).isEqualTo(png.length);
        assertThat(fetched.path()).hasBinaryContent(png).hasParent(target);
        assertThat(fetched.path().getFileName().toString()).endsWith(".png");
    }

    @Test
    void missingFileIsAnInvalidUrlNamingTheStatus() throws IOException {
        assertFails(() -> fetcher.fetch(base() + "/missing.png", LIMIT, target), ErrorCode.INVALID_URL, false, "HTTP 404");
        assertNoFilesLeft();
    }

    @Test
    void serverErrorIsTransient() {
        assertFails(() -> fetcher.fetch(base() + "/unavailable", LIMIT, target),
                ErrorCode.FILE_PROCESSING_FAILED, true, "HTTP 503");
    }

    @Test
    void refusedConnectionIsTransient() throws IOException {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        assertFails(() -> fetcher.fetch("http://127.0.0.1:" + closedPort + "/x.png", LIMIT, target),
                ErrorCode.FILE_PROCESSING_FAILED, true, "could not download");
    }

    @Test
    void slowDownloadTimesOutAsTransient() throws IOException {
        assertFails(() -> fetcher.fetch(base() + "/slow", LIMIT, target),
                ErrorCode.FILE_PROCESSING_FAILED, true, "longer than 2 s");
        assertNoFilesLeft();
    }

    @Test
    void redirectChainIsFollowed() throws IOException {
        FetchedMedia fetched = fetcher.fetch(base() + "/hop/4", LIMIT, target); // 5 redirects: the maximum

        assertThat(fetched.path()).hasBinaryContent(png);
        assertThat(requests).hasValue(6);
    }

    @Test
    void tooManyRedirectsAreRefused() {
        assertFails(() -> fetcher.fetch(base() + "/hop/5", LIMIT, target), ErrorCode.INVALID_URL, false, "redirects");
        assertThat(requests).hasValue(6);
    }

    @Test
    void declaredOversizeIsRefusedWithoutDownloading() throws IOException {
        assertFails(() -> fetcher.fetch(base() + "/declared-huge", LIMIT, target), ErrorCode.FILE_TOO_LARGE, false,
                Long.toString(LIMIT));
        assertNoFilesLeft();
    }

    @Test
    void undeclaredOversizeIsRefusedWhileStreaming() throws IOException {
        assertFails(() -> fetcher.fetch(base() + "/endless", LIMIT, target), ErrorCode.FILE_TOO_LARGE, false);
        assertNoFilesLeft();
    }

    @Test
    void contentOfNoKnownFormatIsInvalidMedia() throws IOException {
        assertFails(() -> fetcher.fetch(base() + "/text", LIMIT, target), ErrorCode.MEDIA_INVALID, false);
        assertNoFilesLeft();
    }

    @Test
    void privateAddressesAreRefusedWithoutAnAllowlist() {
        try (OutboundClient strictClient = new OutboundClient(new AddressPolicy(List.of()), Duration.ofSeconds(2), "vedit-test")) {
            MediaFetcher strict = new MediaFetcher(fx.media, strictClient, Duration.ofSeconds(2));
            assertFails(() -> strict.fetch(base() + "/image.png", LIMIT, target), ErrorCode.INVALID_URL, false,
                    "private or reserved");
            assertFails(() -> strict.fetch("http://169.254.169.254/latest/meta-data/", LIMIT, target),
                    ErrorCode.INVALID_URL, false, "169.254.169.254");
            assertFails(() -> strict.fetch("http://[::ffff:127.0.0.1]:" + server.getAddress().getPort() + "/image.png",
                    LIMIT, target), ErrorCode.INVALID_URL, false, "private or reserved");
        }
        assertThat(requests).hasValue(0);
    }

    @Test
    void aRedirectToAPrivateAddressIsRefusedAlthoughTheFirstHopWasAllowed() {
        assertFails(() -> fetcher.fetch(base() + "/to-private", LIMIT, target), ErrorCode.INVALID_URL, false, "10.0.0.1");
        assertThat(requests).hasValue(1);
    }

    @Test
    void aRedirectToFileIsRefused() {
        server.createContext("/to-file", exchange -> {
            exchange.getResponseHeaders().add("Location", "file:///etc/passwd");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        assertFails(() -> fetcher.fetch(base() + "/to-file", LIMIT, target), ErrorCode.INVALID_URL, false, "file:");
    }

    @Test
    void schemesOtherThanHttpAndDataAreRefused() {
        assertFails(() -> fetcher.fetch("file:///etc/passwd", LIMIT, target), ErrorCode.INVALID_URL, false, "file:");
        assertFails(() -> fetcher.fetch("ftp://127.0.0.1/x.png", LIMIT, target), ErrorCode.INVALID_URL, false, "ftp:");
        assertFails(() -> fetcher.fetch("not a url", LIMIT, target), ErrorCode.INVALID_URL, false);
    }

    @Test
    void dataUriIsDecoded() throws IOException {
        String uri = "data:image/png;base64," + Base64.getEncoder().encodeToString(png);

        FetchedMedia fetched = fetcher.fetch(uri, LIMIT, target);

        assertThat(fetched.format()).isEqualTo(MediaFormat.PNG);
        assertThat(fetched.path()).hasBinaryContent(png);
    }

    @Test
    void aDataUriWrappedIntoLinesDecodesAsTheSameBytesAtSubmitAndInTheWorker() throws IOException {
        // MIME base64 (76 characters a line, CRLF), as many encoders write it: one decoder now reads it everywhere.
        String uri = "data:image/png;base64," + Base64.getMimeEncoder().encodeToString(png);
        assertThat(uri).contains("\r\n");

        FetchedMedia fetched = fetcher.fetch(uri, LIMIT, target);
        DataUri parsed = DataUri.parse(uri);
        byte[] decoded;
        try (java.io.InputStream in = parsed.open()) {
            decoded = in.readAllBytes();
        }

        assertThat(fetched.path()).hasBinaryContent(png);
        assertThat(decoded).isEqualTo(png);
    }

    @Test
    void dataUriWithBadBase64IsAnInvalidUrl() throws IOException {
        assertFails(() -> fetcher.fetch("data:image/png;base64,iVBO$$$=", LIMIT, target), ErrorCode.INVALID_URL, false, "Base64");
        assertFails(() -> fetcher.fetch("data:image/png,rawtext", LIMIT, target), ErrorCode.INVALID_URL, false, "Base64");
        assertNoFilesLeft();
    }

    @Test
    void oversizeDataUriIsRefused() {
        String uri = "data:video/mp4;base64," + Base64.getEncoder().encodeToString(SampleMedia.mp4((int) LIMIT));

        assertFails(() -> fetcher.fetch(uri, LIMIT, target), ErrorCode.FILE_TOO_LARGE, false);
    }

    @Test
    void ownDownloadUrlIsResolvedLocallyWithoutAnHttpRequest() throws IOException {
        UploadReply.Uploaded uploaded = fx.media.upload(new ByteArrayInputStream(png), "a.png", MediaFixture.ACCOUNT);
        assertThat(uploaded.downloadUrl()).startsWith(base() + "/media/");

        FetchedMedia fetched = fetcher.fetch(uploaded.downloadUrl(), LIMIT, target);

        assertThat(fetched.path()).hasBinaryContent(png);
        assertThat(fetched.format()).isEqualTo(MediaFormat.PNG);
        assertThat(requests).hasValue(0);
        Files.delete(fetched.path());
        assertThat(fx.store.exists(uploaded.fileName())).as("the store keeps its copy").isTrue();
    }

    @Test
    void theOwnHostUnderAnotherSchemeOrPortIsResolvedLocallyToo() throws IOException {
        UploadReply.Uploaded uploaded = fx.media.upload(new ByteArrayInputStream(png), "a.png", MediaFixture.ACCOUNT);
        String path = uploaded.downloadUrl().substring(base().length());

        FetchedMedia fetched = fetcher.fetch("https://127.0.0.1:1" + path, LIMIT, target);

        assertThat(fetched.path()).hasBinaryContent(png);
        assertThat(requests).hasValue(0);
    }

    @Test
    void expiredOrUnknownOwnUrlIsAnInvalidUrl() throws IOException {
        UploadReply.Uploaded uploaded = fx.media.upload(new ByteArrayInputStream(png), "a.png", MediaFixture.ACCOUNT);
        fx.clock.advance(MediaFixture.LINK_TTL.plusSeconds(1));

        assertFails(() -> fetcher.fetch(uploaded.downloadUrl(), LIMIT, target), ErrorCode.INVALID_URL, false, "expired");
        assertFails(() -> fetcher.fetch(base() + "/media/unknown-token/a.png", LIMIT, target),
                ErrorCode.INVALID_URL, false, "expired");
        assertThat(requests).hasValue(0);
    }

    @Test
    void ownFileOverTheLimitIsRefused() throws IOException {
        UploadReply.Uploaded uploaded = fx.media.upload(new ByteArrayInputStream(png), "a.png", MediaFixture.ACCOUNT);

        assertFails(() -> fetcher.fetch(uploaded.downloadUrl(), png.length - 1, target), ErrorCode.FILE_TOO_LARGE, false);
    }
}
