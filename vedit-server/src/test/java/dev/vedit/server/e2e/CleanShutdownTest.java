package dev.vedit.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service stopped the ordinary way (SIGTERM, as systemd, Docker and Ctrl-C do) while it works stops without
 * errors or warnings in its log: its shutdown hook stops HTTP, workers and webhooks before the database closes.
 */
class CleanShutdownTest {
    private static final String KEY = "clean-shutdown-key-0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void sigtermWithATaskRunningLogsNoErrorsOrWarnings() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = dir.resolve("service.log");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.vedit.server.Main", "serve",
                "--port", Integer.toString(port), "--data-dir", dir.resolve("data").toString(), "--workers", "1");
        pb.environment().put("VEDIT_API_KEY", KEY);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process service = pb.start();
        try {
            String base = "http://127.0.0.1:" + port;
            HttpClient http = HttpClient.newHttpClient();
            // A JVM start on a 2-core machine that may be busy: a bound for a hang, not a speed target.
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() ->
                    http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
            Path clip = new Clips(dir.resolve("cache")).clip(dir.resolve("in.mp4"), 320, 240, 4.0);
            String video = "data:video/mp4;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(clip));
            ObjectMapper json = new ObjectMapper();
            HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(URI.create(base + "/openapi/v2/kling-video-o3-pro/video-edit"))
                    .header("Authorization", "Bearer " + KEY)
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("prompt", "play it backwards and make it black and white",
                            "videoUrl", video)))).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode reply = json.readTree(submitted.body());
            assertThat(reply.path("taskId").asText()).as(submitted.body()).matches("\\d{19}");
            // Stop while the worker and the database are busy with it.
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains("attempt 1"));
        } finally {
            service.destroy(); // SIGTERM: the shutdown hook runs
            assertThat(service.waitFor(60, TimeUnit.SECONDS)).as("the service stops within a minute").isTrue();
        }
        String output = Files.readString(log);
        assertThat(output).as(output).doesNotContain("already closed").doesNotContain(" WARN ").doesNotContain(" ERROR ");
    }
}
