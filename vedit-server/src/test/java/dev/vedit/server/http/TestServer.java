package dev.vedit.server.http;

import static dev.vedit.server.task.QueueSettingsBuilder.fastQueue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vedit.server.ServerConfig;
import dev.vedit.server.VeditServer;
import dev.vedit.server.task.QueueSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** A real vedit server on a random port, with two known API keys, and a plain HTTP client for it. */
public final class TestServer implements AutoCloseable {
    public final String keyA;
    public final String keyB;
    public final VeditServer server;
    public final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    public final ObjectMapper json = new ObjectMapper();

    public TestServer(Path dataDir) {
        this(dataDir, c -> c);
    }

    public TestServer(Path dataDir, UnaryOperator<ServerConfig> customise) {
        this(dataDir, customise, newKey(), newKey());
    }

    /**
     * A server provisioned with the given keys. Nodes sharing one database must share their key list, as the nodes of
     * a real deployment share {@code VEDIT_API_KEY}: each start revokes the listed keys the list no longer has.
     */
    public TestServer(Path dataDir, UnaryOperator<ServerConfig> customise, String keyA, String keyB) {
        this.keyA = keyA;
        this.keyB = keyB;
        QueueSettings fast = fastQueue().build();
        ServerConfig config = ServerConfig.defaults(dataDir).withPort(0).withQueue(fast).withApiKeys(List.of(keyA, keyB))
                .withFetchAllowlist(List.of("127.0.0.1"));
        server = VeditServer.start(customise.apply(config));
    }

    public static String newKey() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    public String url(String path) {
        return server.baseUrl() + path;
    }

    public JsonNode post(String path, String key, Object body) {
        return post(http, path, key, body);
    }

    /** {@link #post(String, String, Object)} through the given client (e.g. a new one, for a new connection). */
    public JsonNode post(HttpClient client, String path, String key, Object body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : json.writeValueAsString(body)));
            if (key != null) {
                b.header("Authorization", "Bearer " + key);
            }
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() != 200) {
                throw new AssertionError("HTTP " + r.statusCode() + " from " + path + ": " + r.body());
            }
            return json.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> raw(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }

    /** Uploads a file as key A through {@code /openapi/v2/media/upload/binary} (multipart field "file") and returns the reply. */
    public JsonNode upload(Path file) throws IOException {
        String boundary = "----vedit" + UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(java.nio.file.Files.readAllBytes(file));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = raw(HttpRequest.newBuilder(URI.create(url("/openapi/v2/media/upload/binary")))
                .header("Authorization", "Bearer " + keyA)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
        if (r.statusCode() != 200) {
            throw new AssertionError("upload of " + file + " answered HTTP " + r.statusCode() + ": " + r.body());
        }
        return json.readTree(r.body());
    }

    /**
     * Waits until a service process answers {@code /healthz} with 200. A JVM start with H2 and FFmpeg takes seconds
     * alone and a minute or more on a busy 2-core machine: four minutes is a bound for a hang, not a speed target.
     */
    public static void awaitHealthy(HttpClient http, String base) {
        org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() ->
                http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200);
    }
}
