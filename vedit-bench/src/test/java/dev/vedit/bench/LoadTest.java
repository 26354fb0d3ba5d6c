package dev.vedit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoadTest {
    /** Closes the first {@code drops} connections as soon as a request arrives on them, then answers 200 "ok". */
    private static final class DroppingServer implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final AtomicInteger drops;

        DroppingServer(int drops) throws IOException {
            this.drops = new AtomicInteger(drops);
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket c = socket.accept();
                        Thread.ofVirtual().start(() -> serve(c));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        private void serve(Socket c) {
            try (c; InputStream in = c.getInputStream(); OutputStream out = c.getOutputStream()) {
                while (readHead(in)) {
                    if (drops.getAndDecrement() > 0) {
                        return; // closed before any byte of the reply
                    }
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException e) {
                // the client went away
            }
        }

        private static boolean readHead(InputStream in) throws IOException {
            int matched = 0;
            for (int b; (b = in.read()) >= 0; ) {
                matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
                if (matched == 4) {
                    return true;
                }
            }
            return false;
        }

        /** A POST, as a query or a submit is: the JDK's client sends a GET again by itself, never a POST. */
        HttpRequest request() {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void aRequestWhoseConnectionEndsBeforeAnyReplyIsSentOnceMoreAndCounted() throws Exception {
        try (DroppingServer server = new DroppingServer(1)) {
            Load.Result result = new Load(1).forCount(3, i -> server.request(), r -> r.statusCode() == 200);
            assertThat(result.requests()).isEqualTo(3);
            assertThat(result.resent()).isEqualTo(1);
        }
    }

    @Test
    void aRequestThatFailsTwiceStopsTheRun() throws Exception {
        try (DroppingServer server = new DroppingServer(2)) {
            assertThatThrownBy(() -> new Load(1).forCount(1, i -> server.request(), r -> r.statusCode() == 200))
                    .hasMessageContaining("request 0").hasMessageContaining("header parser received no bytes");
        }
    }
}
