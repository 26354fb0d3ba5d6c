package dev.vedit.server.engine.comfyui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vedit.server.EngineSettings;
import dev.vedit.server.facts.MediaInfo;
import dev.vedit.server.ffmpeg.TestMedia;
import dev.vedit.server.http.TestServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generative edits end to end over HTTP: a real vedit routes the contract's own example to ComfyUI (a faithful fake
 * built from the recorded protocol that makes real videos with FFmpeg), follows it, stores the result; cancel,
 * failures, a dead server and a restarted one behave as the README says.
 */
class ComfyUiEndToEndTest {
    static final String O3 = "/openapi/v2/kling-video-o3-pro/video-edit";
    static final String CONTRACT_PROMPT = "Replace the man's clothes in the video with those in Figure 1.";
    static String videoUri;
    static String imageUri;

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void media(@TempDir Path media) throws Exception {
        Path clip = TestMedia.clip(media, "source.mp4", 3);
        videoUri = "data:video/mp4;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(clip));
        BufferedImage figure = new BufferedImage(64, 96, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = figure.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 64, 96);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(figure, "png", png);
        imageUri = "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    FakeComfyUi comfy() {
        FakeComfyUi fake = new FakeComfyUi();
        open.add(fake);
        return fake;
    }

    TestServer vedit(FakeComfyUi... servers) {
        List<URI> urls = java.util.Arrays.stream(servers).map(s -> URI.create(s.url())).toList();
        TestServer server = new TestServer(dir.resolve("vedit-" + open.size()), c -> c.withEngines(EngineSettings.localOnly()
                .withComfyUi(Map.of("default", urls), null).withCancelGrace(Duration.ofSeconds(20))));
        open.add(server);
        return server;
    }

    static Map<String, Object> contractExample() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("prompt", CONTRACT_PROMPT);
        body.put("videoUrl", videoUri);
        body.put("imageUrls", List.of(imageUri));
        return body;
    }

    static JsonNode query(TestServer s, String taskId) {
        return s.post("/openapi/v2/query", s.keyA, Map.of("taskId", taskId));
    }

    static JsonNode awaitEnd(TestServer s, String taskId, List<Integer> progress) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = query(s, taskId);
            if (last[0].path("progress").isInt() && progress != null) {
                progress.add(last[0].path("progress").asInt());
            }
            return List.of("SUCCESS", "FAILED").contains(last[0].path("status").asText());
        });
        return last[0];
    }

    @Test
    void theContractsExampleRunsOnComfyUiAndComesBackAsAStreamableMp4() throws Exception {
        FakeComfyUi fake = comfy();
        fake.setStepDelay(Duration.ofMillis(60));
        TestServer vedit = vedit(fake);

        JsonNode submitted = vedit.post(O3, vedit.keyA, contractExample());
        assertThat(submitted.path("errorCode").asText()).as(submitted.toString()).isEmpty();
        assertThat(submitted.at("/plan/engine").asText()).isEqualTo("comfyui");
        assertThat(submitted.at("/plan/reason").asText()).contains("local engine cannot");
        JsonNode tips = vedit.json.readTree(submitted.path("promptTips").asText());
        assertThat(tips.path("result").asBoolean()).isTrue();
        assertThat(tips.path("outputs_to_execute").toString()).isEqualTo("[\"15\"]");

        String taskId = submitted.path("taskId").asText();
        List<Integer> progress = new CopyOnWriteArrayList<>();
        String[] promptId = new String[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> (promptId[0] = fake.runningPromptId()) != null);
        JsonNode done = awaitEnd(vedit, taskId, progress);

        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCESS");
        assertThat(done.at("/plan/engine").asText()).isEqualTo("comfyui");
        assertThat(progress.stream().distinct().count()).as("progress values seen: " + progress).isGreaterThanOrEqualTo(3);
        assertThat(progress).isSorted();
        assertThat(fake.promptsReceived(promptId[0])).isEqualTo(1);
        assertThat(done.path("results")).hasSize(1);
        JsonNode result = done.path("results").get(0);
        assertThat(result.path("outputType").asText()).isEqualTo("mp4");
        assertThat(result.path("nodeId").asText()).isEqualTo("15");

        Path video = dir.resolve("result.mp4");
        HttpResponse<Path> download = vedit.http.send(HttpRequest.newBuilder(URI.create(result.path("url").asText())).build(),
                HttpResponse.BodyHandlers.ofFile(video));
        assertThat(download.statusCode()).isEqualTo(200);
        MediaInfo info = TestMedia.probe(video);
        assertThat(info.videoCodec()).isEqualTo("h264");
        assertThat(info.width() % 16).isZero();
        assertThat(info.height()).isEqualTo(480);
        assertThat((info.frameCount() - 1) % 4).as("frames " + info.frameCount()).isZero();
        assertThat(Mp4Output.indexFirst(video)).isTrue();
    }

    @Test
    void theSdksListenerSeesComfyUisProgressRise() {
        FakeComfyUi fake = comfy();
        fake.setStepDelay(Duration.ofMillis(80));
        TestServer vedit = vedit(fake);
        dev.vedit.sdk.VeditClient client = dev.vedit.sdk.VeditClient.builder().baseUrl(vedit.server.baseUrl()).apiKey(vedit.keyA)
                .pollInterval(Duration.ofMillis(50), Duration.ofMillis(100)).build();
        String taskId = client.submit(O3.substring("/openapi/v2/".length()), contractExample()).taskId();
        List<Integer> seen = new CopyOnWriteArrayList<>();
        dev.vedit.wire.QueryReply done = client.waitFor(taskId, Duration.ofMinutes(2), p -> {
            if (p.percent() != null) {
                seen.add(p.percent());
            }
        });
        assertThat(done.status()).isEqualTo("SUCCESS");
        assertThat(seen.stream().distinct().count()).as("percent seen: " + seen).isGreaterThanOrEqualTo(3);
        assertThat(seen).isSorted();
    }

    @Test
    void withoutAGenerativeEngineTheRefusalNamesTheOptionsThatWouldEnableIt() {
        TestServer plain = new TestServer(dir.resolve("plain"));
        open.add(plain);
        JsonNode refused = plain.post(O3, plain.keyA, contractExample());
        assertThat(refused.path("errorCode").asText()).isEqualTo("2001");
        assertThat(refused.path("errorMessage").asText()).contains("needs a generative engine").contains("--comfyui URL")
                .contains("--relay-url URL").contains("--comfyui URL（");
    }

    @Test
    void underAutoACheapEditStaysOnTheCpu() {
        TestServer vedit = vedit(comfy());
        JsonNode submitted = vedit.post(O3, vedit.keyA, Map.of("prompt", "make it black and white", "videoUrl", videoUri));
        assertThat(submitted.at("/plan/engine").asText()).isEqualTo("local");
        assertThat(awaitEnd(vedit, submitted.path("taskId").asText(), null).path("status").asText()).isEqualTo("SUCCESS");
    }

    @Test
    void cancelRemovesAPendingPromptAndInterruptsARunningOneAtTheNextNode() throws Exception {
        FakeComfyUi fake = comfy();
        fake.setStepDelay(Duration.ofMillis(400)); // 20 sampler steps: 8 s
        TestServer vedit = vedit(fake);
        String running = vedit.post(O3, vedit.keyA, contractExample()).path("taskId").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> fake.runningPromptId() != null);
        String pending = vedit.post(O3, vedit.keyA, contractExample()).path("taskId").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> "RUNNING".equals(query(vedit, pending).path("status").asText())
                && fake.uploads() >= 4);
        Thread.sleep(500); // let the pending task's prompt reach ComfyUI's queue after its uploads

        JsonNode cancelPending = vedit.post("/task/openapi/cancel", null, Map.of("apiKey", vedit.keyA, "taskId", pending));
        assertThat(cancelPending.path("code").asInt()).as(cancelPending.toString()).isZero();
        JsonNode pendingEnd = awaitEnd(vedit, pending, null);
        assertThat(pendingEnd.path("errorCode").asText()).isEqualTo("2002");
        assertThat(fake.deletes()).isGreaterThanOrEqualTo(1);

        vedit.post("/task/openapi/cancel", null, Map.of("apiKey", vedit.keyA, "taskId", running));
        JsonNode runningEnd = awaitEnd(vedit, running, null);
        assertThat(runningEnd.path("status").asText()).isEqualTo("FAILED");
        assertThat(runningEnd.path("errorCode").asText()).isEqualTo("2002");
        assertThat(runningEnd.at("/failedReason/node_name").asText()).isNotEmpty();
        assertThat(fake.interrupts()).isGreaterThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> fake.runningPromptId() == null);
    }

    @Test
    void aNodeThatFailsOnTheGpuFailsTheTaskWithComfyUisNodeDetails() {
        FakeComfyUi fake = comfy();
        fake.failNodeType("KSampler", "torch.OutOfMemoryError", "CUDA out of memory. Tried to allocate 2.00 GiB");
        TestServer vedit = vedit(fake);
        String taskId = vedit.post(O3, vedit.keyA, contractExample()).path("taskId").asText();
        JsonNode end = awaitEnd(vedit, taskId, null);
        assertThat(end.path("status").asText()).isEqualTo("FAILED");
        assertThat(end.path("errorCode").asText()).isEqualTo("1015");
        assertThat(end.path("errorMessage").asText()).contains("CUDA out of memory").contains("KSampler");
        assertThat(end.at("/failedReason/node_id").asText()).isEqualTo("11");
        assertThat(end.at("/failedReason/node_type").asText()).isEqualTo("KSampler");
        assertThat(end.at("/failedReason/exception_type").asText()).isEqualTo("torch.OutOfMemoryError");
    }

    @Test
    void aTemplateTheServerCannotRunFailsAtOnceNamingWhatIsMissing() {
        FakeComfyUi fake = comfy();
        fake.setModelFiles("UNETLoader", List.of("wan2.1_t2v_1.3B_fp16.safetensors"));
        TestServer vedit = vedit(fake);

        JsonNode health = vedit.json.valueToTree(get(vedit, "/healthz"));
        assertThat(health.path("engineRoutes").toString()).contains("wan2.1_vace_14B_fp16.safetensors").contains("\"ready\":false");
        JsonNode submitted = vedit.post(O3, vedit.keyA, contractExample());
        JsonNode tips = read(vedit, submitted.path("promptTips").asText());
        assertThat(tips.path("node_errors").path("1").path("class_type").asText()).isEqualTo("UNETLoader");

        JsonNode end = awaitEnd(vedit, submitted.path("taskId").asText(), null);
        assertThat(end.path("errorCode").asText()).isEqualTo("2006");
        assertThat(end.path("errorMessage").asText()).contains("wan2.1_vace_14B_fp16.safetensors");
        assertThat(fake.uploads()).as("no GPU server time spent").isZero();
    }

    @Test
    void whenTheServerRunningATaskDiesTheTaskFinishesOnAnother() throws Exception {
        FakeComfyUi first = comfy();
        FakeComfyUi second = comfy();
        first.setStepDelay(Duration.ofMillis(300));
        second.setStepDelay(Duration.ofMillis(300));
        TestServer vedit = vedit(first, second);
        String taskId = vedit.post(O3, vedit.keyA, contractExample()).path("taskId").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> first.runningPromptId() != null || second.runningPromptId() != null);
        FakeComfyUi busy = first.runningPromptId() != null ? first : second;
        FakeComfyUi other = busy == first ? second : first;
        busy.kill();

        JsonNode end = awaitEnd(vedit, taskId, null);
        assertThat(end.path("status").asText()).as(end.toString()).isEqualTo("SUCCESS");
        assertThat(other.uploads()).isGreaterThan(0);
    }

    @Test
    void withEveryServerDownTheTaskEndsWithAClearCodeInsteadOfHanging() {
        FakeComfyUi fake = comfy();
        TestServer vedit = vedit(fake);
        fake.kill();
        String taskId = vedit.post(O3, vedit.keyA, contractExample()).path("taskId").asText();
        JsonNode end = awaitEnd(vedit, taskId, null);
        assertThat(end.path("status").asText()).isEqualTo("FAILED");
        assertThat(end.path("errorCode").asText()).isEqualTo("2006");
        assertThat(end.path("errorMessage").asText()).contains("unreachable").contains("after 3 attempts");
    }

    @Test
    void aServerThatRestartedAndForgotThePromptGetsItAgain() throws Exception {
        FakeComfyUi fake = comfy();
        fake.setStepDelay(Duration.ofMillis(300));
        TestServer vedit = vedit(fake);
        String taskId = vedit.post(O3, vedit.keyA, contractExample()).path("taskId").asText();
        String[] lost = new String[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> (lost[0] = fake.runningPromptId()) != null);
        fake.restart();

        JsonNode end = awaitEnd(vedit, taskId, null);
        assertThat(end.path("status").asText()).as(end.toString()).isEqualTo("SUCCESS");
        assertThat(fake.promptsReceived(lost[0])).isEqualTo(1);
    }

    private static Object get(TestServer s, String path) {
        HttpResponse<String> r = s.raw(HttpRequest.newBuilder(URI.create(s.url(path))).build());
        return read(s, r.body());
    }

    private static JsonNode read(TestServer s, String text) {
        try {
            return s.json.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
