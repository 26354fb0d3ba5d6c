package dev.vedit.server.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

/**
 * A real webhook receiver on a loopback port: records every request (headers and body) and answers the
 * n-th request (1-based) as the script says.
 */
final class Receiver implements AutoCloseable {
    /** How to answer one request: a status and body, after an optional delay. */
    record Answer(int status, String body, long delayMillis) {
        static Answer of(int status) {
            return new Answer(status, "", 0);
        }
    }

    /** One received request. */
    record Received(String path, Map<String, String> headers, byte[] body, long at) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    Receiver(IntFunction<Answer> script) {
        this(0, script);
    }

    /** @param port a fixed port (e.g. the one a delivery already failed to reach), or 0 */
    Receiver(int port, IntFunction<Answer> script) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.getFirst()));
                byte[] body = exchange.getRequestBody().readAllBytes();
                received.add(new Received(exchange.getRequestURI().getPath(), headers, body, System.currentTimeMillis()));
                Answer answer = script.apply(received.size());
                if (answer.delayMillis() > 0) {
                    Thread.sleep(answer.delayMillis());
                }
                byte[] out = answer.body().getBytes();
                exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
                if (out.length > 0) {
                    exchange.getResponseBody().write(out);
                }
            } catch (InterruptedException | IOException e) {
                // The sender gave up (timeout) or the test is over.
            }
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
