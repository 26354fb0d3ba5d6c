package dev.vedit.server.engine.comfyui;

import dev.vedit.server.http.TestServer;
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
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code kill -9} of vedit while ComfyUI runs its prompt: after the restart the same prompt is followed to the end.
 * ComfyUI saw it once and nothing was uploaded again: the GPU work was done once.
 */
class ComfyUiKillNineTest {
    private static final String KEY = "fedcba9876543210fedcba9876543210";
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeAll
    static void media(@TempDir Path media) throws Exception {
        ComfyUiEndToEndTest.media(media);
    }

    @Test
    void afterAKillTheRestartedServiceFollowsTheSamePromptToTheEnd() throws Exception {
        try (FakeComfyUi fake = new FakeComfyUi()) {
            fake.setStepDelay(Duration.ofMillis(1000)); // the sampler alone takes 20 s: still running after the restart
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            String base = "http://127.0.0.1:" + port;
            Path data = dir.resolve("data");

            Process first = start(data, port, fake.url());
            String taskId;
            String promptId;
            int uploads;
            try {
                TestServer.awaitHealthy(http, base);
                JsonNode submitted = post(base + ComfyUiEndToEndTest.O3, ComfyUiEndToEndTest.contractExample());
                assertThat(submitted.at("/plan/engine").asText()).as(submitted.toString()).isEqualTo("comfyui");
                taskId = submitted.path("taskId").asText();
                String[] running = new String[1];
                await().atMost(Duration.ofSeconds(90)).until(() -> (running[0] = fake.runningPromptId()) != null);
                promptId = running[0];
                uploads = fake.uploads();
            } finally {
                first.destroyForcibly(); // SIGKILL: no shutdown hook runs
                first.waitFor();
            }
            assertThat(fake.runningPromptId()).as("ComfyUI goes on without vedit").isEqualTo(promptId);

            Process second = start(data, port, fake.url());
            try {
                TestServer.awaitHealthy(http, base);
                JsonNode[] end = new JsonNode[1];
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).until(() -> {
                    end[0] = post(base + "/openapi/v2/query", Map.of("taskId", taskId));
                    return end[0].path("status").asText().matches("SUCCESS|FAILED");
                });
                assertThat(end[0].path("status").asText()).as(end[0].toString()).isEqualTo("SUCCESS");
                assertThat(end[0].path("results")).hasSize(1);
                assertThat(fake.promptsReceived(promptId)).isEqualTo(1);
                assertThat(fake.uploads()).as("inputs were not uploaded again").isEqualTo(uploads);
            } finally {
                second.destroy();
                second.waitFor();
            }
        }
    }

    private Process start(Path data, int port, String comfyui) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.vedit.server.Main", "serve",
                "--port", Integer.toString(port), "--data-dir", data.toString(), "--workers", "2", "--comfyui", comfyui);
        pb.environment().put("VEDIT_API_KEY", KEY);
        Path log = Files.createDirectories(Path.of("target", "kill-nine-logs")).resolve("comfyui-" + System.nanoTime() + ".log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return pb.start();
    }


    private JsonNode post(String url, Object body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + KEY)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        return json.readTree(r.body());
    }
}
