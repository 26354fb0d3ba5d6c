package dev.vedit.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;

/** Serves one file over HTTP on 127.0.0.1, as a client's media host would, for the workers to fetch. */
final class FileServer implements AutoCloseable {
    private final HttpServer server;
    private final String url;

    FileServer(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "video/mp4");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/" + file.getFileName();
    }

    String url() {
        return url;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
