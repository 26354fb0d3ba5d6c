package dev.vedit.server.workflow;

import dev.vedit.server.http.TestServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vedit.server.Main;
import dev.vedit.server.engine.comfyui.FakeComfyUi;
import dev.vedit.server.ffmpeg.TestMedia;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A {@code kill -9} of vedit while ComfyUI runs a workflow task: the workflow was registered with {@code vedit workflows
 * add} while that process held the database, and after the restart the same prompt is followed to its end, run once.
 */
class WorkflowKillNineTest {
    private static final String KEY = "0123456789abcdef0123456789abcdef";
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void afterAKillTheRestartedServiceFollowsTheSameWorkflowPromptToTheEnd() throws Exception {
        try (FakeComfyUi fake = new FakeComfyUi()) {
            fake.setStepDelay(Duration.ofMillis(1000)); // 20 sampler steps: still running after the restart
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            String base = "http://127.0.0.1:" + port;
            Path data = dir.resolve("data");
            String wan = json.readTree(WorkflowKillNineTest.class.getResourceAsStream("/comfyui-protocol/wan-vace-template.json"))
                    .path("workflow").toString();
            Path wanFile = Files.writeString(dir.resolve("wan.json"), wan);
            String video = "data:video/mp4;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(TestMedia.clip(dir, "in.mp4", 2)));

            Process first = start(data, port, fake.url());
            String taskId;
            String promptId;
            try {
                TestServer.awaitHealthy(http, base);
                assertThat(new CommandLine(new Main()).execute("workflows", "add", "wan", wanFile.toString(), "--data-dir", data.toString()))
                        .as("added while the service holds the database").isZero();
                // A data: URI is no media value of the contract: upload first, as clients do.
                String fileName = upload(base, video, "in.mp4");
                java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
                javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(32, 32, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", png);
                String image = upload(base, "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray()), "ref.png");
                JsonNode created = post(base + "/task/openapi/create", Map.of("apiKey", KEY, "workflowId", "wan", "nodeInfoList", List.of(
                        Map.of("nodeId", "6", "fieldName", "file", "fieldValue", fileName),
                        Map.of("nodeId", "8", "fieldName", "image", "fieldValue", image),
                        Map.of("nodeId", "10", "fieldName", "length", "fieldValue", 9),
                        Map.of("nodeId", "10", "fieldName", "width", "fieldValue", 160),
                        Map.of("nodeId", "10", "fieldName", "height", "fieldValue", 128))));
                assertThat(created.path("code").asInt()).as(created.toString()).isZero();
                taskId = created.at("/data/taskId").asText();
                String[] running = new String[1];
                await().atMost(Duration.ofSeconds(90)).until(() -> (running[0] = fake.runningPromptId()) != null);
                promptId = running[0];
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
                assertThat(end[0].at("/results/0/nodeId").asText()).isEqualTo("15");
                assertThat(fake.promptsReceived(promptId)).as("the GPU work was done once").isEqualTo(1);
            } finally {
                second.destroy();
                second.waitFor();
            }
        }
    }

    private String upload(String base, String dataUri, String name) throws IOException, InterruptedException {
        byte[] bytes = Base64.getDecoder().decode(dataUri.substring(dataUri.indexOf(',') + 1));
        String boundary = "----vedit" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes();
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/openapi/v2/media/upload/binary"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head), HttpRequest.BodyPublishers.ofByteArray(bytes),
                        HttpRequest.BodyPublishers.ofByteArray(tail))).build(), HttpResponse.BodyHandlers.ofString());
        return json.readTree(r.body()).path("data").path("fileName").asText();
    }

    private Process start(Path data, int port, String comfyui) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.vedit.server.Main", "serve",
                "--port", Integer.toString(port), "--data-dir", data.toString(), "--workers", "2", "--comfyui", comfyui);
        pb.environment().put("VEDIT_API_KEY", KEY);
        Path log = Files.createDirectories(Path.of("target", "kill-nine-logs")).resolve("workflow-" + System.nanoTime() + ".log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return pb.start();
    }


    private JsonNode post(String url, Object body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + KEY)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        return json.readTree(r.body());
    }
}
