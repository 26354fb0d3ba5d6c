package dev.vedit.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vedit.server.EngineSettings;
import dev.vedit.server.VeditServer;
import dev.vedit.server.engine.comfyui.FakeComfyUi;
import dev.vedit.server.ffmpeg.Ffmpeg;
import dev.vedit.server.ffmpeg.FfmpegJob;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * vedit's added time per generative task: the same edit (the built-in Wan VACE template, a clip and a reference image)
 * run through vedit (upload, submit, follow, store, download) and by a client driving the same ComfyUI directly
 * (upload, prompt, websocket, history, view), alternately, one task at a time. ComfyUI is the tests' faithful fake,
 * whose "GPU" work is an FFmpeg run, so the difference is what vedit adds, not model time.
 */
final class ComfyBench implements Bench.Suite {
    private static final String MODEL = "kling-video-o3-pro/video-edit";
    private static final String PROMPT = "Replace the man's clothes in the video with those in Figure 1.";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Override
    public void run(Sizes sizes, Path workDir, Consumer<Figure> report) throws Exception {
        Path cache = Bench.cacheDir(workDir);
        Ffmpeg ffmpeg = Media.ffmpeg(cache);
        Path clip = Media.clip(ffmpeg, workDir.resolve("clip.mp4"), 240, 3, true);
        Path figure = workDir.resolve("figure.png");
        new FfmpegJob(ffmpeg, List.of("-f", "lavfi", "-i", "testsrc2=size=128x128", "-frames:v", "1", FfmpegJob.output(figure)))
                .run(0, p -> { }, Duration.ofMinutes(1));
        try (FakeComfyUi comfy = new FakeComfyUi(ffmpeg);
             BenchServer vedit = new BenchServer(Media.serverDir(workDir.resolve("server"), cache), 2, VeditServer.Extras.NONE,
                     c -> c.withEngines(EngineSettings.localOnly().withComfyUi(Map.of("default", List.of(URI.create(comfy.url()))), null)))) {
            comfy.setStepDelay(Duration.ZERO);
            List<Double> viaVedit = new ArrayList<>();
            List<Double> direct = new ArrayList<>();
            throughVedit(vedit, clip, figure, workDir); // warm-up of both paths
            directly(comfy.url(), clip, figure, workDir);
            for (int i = 0; i < sizes.comfyTasks(); i++) {
                viaVedit.add(throughVedit(vedit, clip, figure, workDir));
                direct.add(directly(comfy.url(), clip, figure, workDir));
            }
            double v = median(viaVedit);
            double d = median(direct);
            report.accept(Figure.of("comfyui.task.p50", v, "ms").against(d, "driving the same ComfyUI directly"));
            report.accept(Figure.of("comfyui.added.p50", v - d, "ms per task"));
        }
    }

    /** Milliseconds from the first upload to the downloaded result, through vedit's API. */
    private double throughVedit(BenchServer vedit, Path clip, Path figure, Path workDir) throws Exception {
        long start = System.nanoTime();
        String video = upload(vedit, clip);
        String image = upload(vedit, figure);
        String body = json.writeValueAsString(Map.of("prompt", PROMPT, "videoUrl", video, "imageUrls", List.of(image)));
        JsonNode submitted = json.readTree(http.send(vedit.post("/openapi/v2/" + MODEL, body).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String taskId = submitted.path("taskId").asText();
        if (taskId.isEmpty()) {
            throw new IllegalStateException("submit refused: " + submitted);
        }
        JsonNode result;
        while (true) {
            result = json.readTree(http.send(vedit.post("/openapi/v2/query", "{\"taskId\":\"" + taskId + "\"}").build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            String status = result.path("status").asText();
            if (status.equals("SUCCESS")) {
                break;
            }
            if (status.equals("FAILED")) {
                throw new IllegalStateException("task failed: " + result);
            }
            Thread.sleep(20);
        }
        Path out = workDir.resolve("vedit-" + taskId + ".mp4");
        http.send(HttpRequest.newBuilder(URI.create(result.at("/results/0/url").asText())).build(), HttpResponse.BodyHandlers.ofFile(out));
        Files.delete(out);
        return (System.nanoTime() - start) / 1e6;
    }

    private String upload(BenchServer vedit, Path file) throws Exception {
        Multipart body = Multipart.of("file", file);
        HttpRequest request = HttpRequest.newBuilder(URI.create(vedit.url("/openapi/v2/media/upload/binary")))
                .header("Authorization", "Bearer " + BenchServer.KEY).header("Content-Type", body.contentType()).POST(body.publisher()).build();
        return json.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body()).at("/data/download_url").asText();
    }

    /** Milliseconds from the first upload to the downloaded result, driving ComfyUI's own API as a client would. */
    private double directly(String comfy, Path clip, Path figure, Path workDir) throws Exception {
        long start = System.nanoTime();
        String sub = "direct/" + UUID.randomUUID();
        String video = comfyUpload(comfy, clip, sub);
        String image = comfyUpload(comfy, figure, sub);
        ObjectNode workflow;
        try (InputStream in = FakeComfyUi.class.getResourceAsStream("/dev/vedit/server/engine/comfyui/wan-vace.json")) {
            workflow = (ObjectNode) json.readTree(in).path("workflow");
        }
        ((ObjectNode) workflow.at("/4/inputs")).put("text", PROMPT);
        ((ObjectNode) workflow.at("/6/inputs")).put("file", video);
        ((ObjectNode) workflow.at("/8/inputs")).put("image", image);
        ((ObjectNode) workflow.at("/11/inputs")).put("seed", 1);
        ((ObjectNode) workflow.at("/10/inputs")).put("length", 73).put("width", 432).put("height", 240);
        ((ObjectNode) workflow.at("/15/inputs")).put("filename_prefix", sub + "/out");
        String promptId = UUID.randomUUID().toString();
        String clientId = "bench-" + promptId;
        CompletableFuture<Void> done = new CompletableFuture<>();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(comfy.replace("http", "ws") + "/ws?clientId=" + clientId),
                new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            String m = text.toString();
                            text.setLength(0);
                            if (m.contains(promptId) && (m.contains("execution_success") || m.contains("execution_error"))) {
                                done.complete(null);
                            }
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        ObjectNode body = json.createObjectNode();
        body.set("prompt", workflow);
        body.put("prompt_id", promptId);
        body.put("client_id", clientId);
        http.send(HttpRequest.newBuilder(URI.create(comfy + "/prompt")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        done.get(5, TimeUnit.MINUTES);
        socket.abort();
        JsonNode history = json.readTree(http.send(HttpRequest.newBuilder(URI.create(comfy + "/history/" + promptId)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        JsonNode file = history.at("/" + promptId + "/outputs/15/images/0");
        Path out = workDir.resolve("direct-" + promptId + ".mp4");
        http.send(HttpRequest.newBuilder(URI.create(comfy + "/view?filename=" + enc(file.path("filename").asText()) + "&subfolder="
                + enc(file.path("subfolder").asText()) + "&type=output")).build(), HttpResponse.BodyHandlers.ofFile(out));
        Files.delete(out);
        return (System.nanoTime() - start) / 1e6;
    }

    private String comfyUpload(String comfy, Path file, String subfolder) throws Exception {
        Multipart body = Multipart.of("image", file, Map.of("type", "input", "overwrite", "true", "subfolder", subfolder));
        HttpRequest request = HttpRequest.newBuilder(URI.create(comfy + "/upload/image")).header("Content-Type", body.contentType())
                .POST(body.publisher()).build();
        JsonNode reply = json.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
        return reply.path("subfolder").asText() + "/" + reply.path("name").asText();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
