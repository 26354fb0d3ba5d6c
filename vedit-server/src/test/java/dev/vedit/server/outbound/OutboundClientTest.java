package dev.vedit.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboundClientTest {
    HttpServer server;
    final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            try (exchange) {
                if (exchange.getRequestURI().getPath().equals("/moved")) {
                    exchange.getResponseHeaders().add("Location", "/hello");
                    exchange.sendResponseHeaders(302, -1);
                    return;
                }
                byte[] body = ("hello " + exchange.getRequestMethod() + " " + new String(exchange.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    int port() {
        return server.getAddress().getPort();
    }

    static OutboundClient client(String... allow) {
        return new OutboundClient(new AddressPolicy(List.of(allow)), Duration.ofSeconds(2), "vedit-test");
    }

    static String send(OutboundClient client, String url) throws IOException {
        try (OutboundResponse r = client.send("POST", URI.create(url), Map.of(), "body".getBytes(), "text/plain", Duration.ofSeconds(5))) {
            return r.status() + " " + new String(r.body().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void assertBlocked(OutboundClient client, String url, String address) {
        assertThatThrownBy(() -> send(client, url)).isInstanceOfSatisfying(BlockedAddressException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_URL);
            assertThat(e.getMessage()).contains("private or reserved", address, " | ");
        });
    }

    /** The client starts on its first request (start-up does not pay for TLS it may never use); after close it sends nothing. */
    @Test
    void startsOnFirstRequestAndRefusesRequestsOnceClosed() throws IOException {
        OutboundClient client = client("127.0.0.1");
        assertThat(client.running()).isFalse();
        assertThat(send(client, "http://127.0.0.1:" + port() + "/hello")).isEqualTo("200 hello POST body");
        assertThat(client.running()).isTrue();
        assertThat(send(client, "http://127.0.0.1:" + port() + "/hello")).isEqualTo("200 hello POST body");
        client.close();
        assertThat(client.running()).isFalse();
        assertThatThrownBy(() -> send(client, "http://127.0.0.1:" + port() + "/hello"))
                .isInstanceOf(IOException.class).hasMessageContaining("closed");
        assertThat(requests).hasValue(2);
        try (OutboundClient unused = client("127.0.0.1")) {
            assertThat(unused).isNotNull(); // closing a client that never sent anything is fine
        }
    }

    @Test
    void anAllowlistedLoopbackAddressIsReached() throws IOException {
        try (OutboundClient client = client("127.0.0.1")) {
            assertThat(send(client, "http://127.0.0.1:" + port() + "/hello")).isEqualTo("200 hello POST body");
        }
    }

    @Test
    void aHostNameThatResolvesToLoopbackIsBlockedWithoutAnAllowlist() {
        try (OutboundClient client = client()) {
            assertBlocked(client, "http://localhost:" + port() + "/hello", "localhost");
            // Naming what the name resolves to would make the refusal an oracle for internal DNS.
            assertThatThrownBy(() -> send(client, "http://localhost:" + port() + "/hello"))
                    .hasMessageNotContaining("127.0.0.1").hasMessageNotContaining("0:0:0:0:0:0:0:1");
        }
        assertThat(requests).hasValue(0);
    }

    @Test
    void loopbackLiteralsInEveryFormAreBlockedWithoutAnAllowlist() {
        try (OutboundClient client = client()) {
            assertBlocked(client, "http://127.0.0.1:" + port() + "/hello", "127.0.0.1");
            assertBlocked(client, "http://[::ffff:127.0.0.1]:" + port() + "/hello", "127.0.0.1");
            assertBlocked(client, "http://[::1]:" + port() + "/hello", "::1");
            assertBlocked(client, "http://169.254.169.254/latest/meta-data/", "169.254.169.254");
        }
        assertThat(requests).hasValue(0);
    }

    @Test
    void redirectsAreReturnedNotFollowed() throws IOException {
        try (OutboundClient client = client("127.0.0.1");
             OutboundResponse r = client.send("GET", URI.create("http://127.0.0.1:" + port() + "/moved"), Map.of(), null, null,
                     Duration.ofSeconds(5))) {
            assertThat(r.status()).isEqualTo(302);
            assertThat(r.header("Location")).isEqualTo("/hello");
        }
        assertThat(requests).hasValue(1);
    }

    @Test
    void schemesOtherThanHttpAndHttpsAreRefused() {
        try (OutboundClient client = client("127.0.0.1")) {
            for (String url : List.of("file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1:70/x", "jar:file:/x.jar!/y")) {
                assertThatThrownBy(() -> send(client, url)).as(url).isInstanceOfSatisfying(VeditException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_URL));
            }
        }
    }

    @Test
    void anUnknownHostIsAnUnknownHostException() {
        try (OutboundClient client = client()) {
            assertThatThrownBy(() -> send(client, "http://no-such-host.invalid/x")).isInstanceOf(UnknownHostException.class);
        }
    }
}
