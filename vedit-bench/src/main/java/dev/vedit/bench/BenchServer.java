package dev.vedit.bench;

import dev.vedit.server.ServerConfig;
import dev.vedit.server.VeditServer;
import dev.vedit.server.http.RequestLimits;
import dev.vedit.server.task.QueueSettings;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/** A real vedit server on a random port for one benchmark, with one API key whose limits (queue, concurrency, rate) do not get in the way. */
final class BenchServer implements AutoCloseable {
    static final String KEY = "bench-key-0123456789";
    final VeditServer server;

    BenchServer(Path dataDir, int workers, VeditServer.Extras extras, UnaryOperator<ServerConfig> customise) {
        ServerConfig config = ServerConfig.defaults(dataDir).withPort(0).withApiKeys(List.of(KEY)).withLimits(10_000, 100_000)
                .withQueue(QueueSettings.defaults().withWorkers(workers)).withFetchAllowlist(List.of("127.0.0.1"))
                // The per-key rate limit (100/s by default) is off: the benchmarks measure the service, not the limiter.
                .withRequestLimits(new RequestLimits(0, RequestLimits.defaults().burst(), RequestLimits.defaults().idleTimeout()));
        server = VeditServer.start(customise.apply(config), extras);
    }

    String url(String path) {
        return server.baseUrl() + path;
    }

    HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    }

    /** Uploads a file as a client does ({@code POST /openapi/v2/media/upload/binary}) and returns its {@code download_url}. */
    String upload(Path file) throws Exception {
        Multipart body = Multipart.of("file", file);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("/openapi/v2/media/upload/binary")))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", body.contentType()).POST(body.publisher()).build();
        String reply = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"download_url\":\"([^\"]+)\"").matcher(reply);
        if (!m.find()) {
            throw new IllegalStateException("upload did not return a download_url: " + reply);
        }
        return m.group(1);
    }

    @Override
    public void close() {
        server.close();
    }
}
