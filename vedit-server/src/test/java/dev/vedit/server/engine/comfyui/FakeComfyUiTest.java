package dev.vedit.server.engine.comfyui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vedit.server.facts.MediaInfo;
import dev.vedit.server.ffmpeg.TestMedia;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fake ComfyUI against the recordings of a real ComfyUI 0.8.0 (src/test/resources/comfyui-protocol). */
class FakeComfyUiTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static Path clip;

    @TempDir
    static Path media;

    FakeComfyUi comfy;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final List<WebSocket> sockets = new ArrayList<>();

    @BeforeAll
    static void makeClip() throws Exception {
        clip = TestMedia.clip(media, "clip.mp4", 2.0);
    }

    @BeforeEach
    void start() {
        comfy = new FakeComfyUi();
    }

    @AfterEach
    void stop() {
        sockets.forEach(WebSocket::abort);
        comfy.close();
    }

    @AfterAll
    static void done() {
    }

    // ------------------------------------------------------------------ reply shapes

    @Test
    void validationErrorsAnswerExactlyAsRecorded() throws Exception {
        upload("vedit_still.png", png(Color.GRAY, 64, 48));
        for (String recording : List.of("12-post-prompt-invalid-input", "13-post-prompt-unknown-class",
                "14-post-prompt-no-prompt", "15-post-prompt-no-output")) {
            JsonNode rec = recording(recording);
            HttpResponse<String> reply = post(rec.at("/request/path").asText(), rec.at("/request/json"));

            assertThat(reply.statusCode()).as(recording).isEqualTo(rec.at("/response/status").asInt());
            // Jetty writes "application/json;charset=utf-8" where aiohttp puts a space: the same media type.
            assertThat(reply.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""))
                    .isEqualTo("application/json;charset=utf-8");
            assertThat(MAPPER.readTree(reply.body())).as(recording).isEqualTo(rec.at("/response/json"));
        }
    }

    @Test
    void aModelFileNotInTheLoadersListIsValueNotInList() throws Exception {
        comfy.setModelFiles("UNETLoader", List.of("a.safetensors", "b.safetensors"));
        upload("clip.mp4", Files.readAllBytes(clip));
        ObjectNode body = wanPrompt("clip.mp4", null, 256, 160, 17, 2, "vedit/out");
        ((ObjectNode) body.at("/prompt/1/inputs")).put("unet_name", "x.safetensors");

        HttpResponse<String> reply = post("/prompt", body);

        assertThat(reply.statusCode()).isEqualTo(400);
        JsonNode json = MAPPER.readTree(reply.body());
        assertThat(json.at("/error/type").asText()).isEqualTo("prompt_outputs_failed_validation");
        JsonNode error = json.at("/node_errors/1/errors/0");
        assertThat(error.get("type").asText()).isEqualTo("value_not_in_list");
        assertThat(error.get("message").asText()).isEqualTo("Value not in list");
        assertThat(error.get("details").asText()).isEqualTo("unet_name: 'x.safetensors' not in ['a.safetensors', 'b.safetensors']");
        assertThat(error.at("/extra_info/input_name").asText()).isEqualTo("unet_name");
        assertThat(error.at("/extra_info/received_value").asText()).isEqualTo("x.safetensors");
        assertThat(json.at("/node_errors/1/class_type").asText()).isEqualTo("UNETLoader");
        assertThat(json.at("/node_errors/1/dependent_outputs").toString()).isEqualTo("[\"15\"]");
        // The listed files are what /object_info offers (the classic-node COMBO shape: the list comes first).
        JsonNode info = getJson("/object_info/UNETLoader");
        assertThat(info.at("/UNETLoader/input/required/unet_name/0").toString()).isEqualTo("[\"a.safetensors\",\"b.safetensors\"]");
    }

    @Test
    void unknownIdsAndEmptyRepliesAnswerAsRecorded() throws Exception {
        for (String recording : List.of("43-get-history-unknown", "44-get-api-jobs-unknown")) {
            JsonNode rec = recording(recording);
            HttpResponse<String> reply = get(rec.at("/request/path").asText());
            assertThat(reply.statusCode()).as(recording).isEqualTo(rec.at("/response/status").asInt());
            assertThat(MAPPER.readTree(reply.body())).as(recording).isEqualTo(rec.at("/response/json"));
        }
        HttpResponse<String> missing = get(recording("45-get-view-missing").at("/request/path").asText());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEmpty();
        for (String recording : List.of("28-post-queue-delete", "29-post-interrupt")) {
            JsonNode rec = recording(recording);
            HttpResponse<String> reply = post(rec.at("/request/path").asText(), rec.at("/request/json"));
            assertThat(reply.statusCode()).as(recording).isEqualTo(200);
            assertThat(reply.body()).as(recording).isEmpty();
        }
        assertThat(getJson("/api/prompt")).isEqualTo(recording("46-get-api-prompt-alias").at("/response/json"));
        assertThat(getJson("/queue")).isEqualTo(recording("02-get-queue-idle").at("/response/json"));
        assertThat(get("/api/jobs?status=bogus").body()).isEqualTo(recording("41-get-api-jobs-bad-status").at("/response/json").toString());
        assertThat(getJson("/system_stats").at("/system/comfyui_version").asText()).isEqualTo("0.8.0");
        assertThat(comfy.interrupts()).isEqualTo(1);
        assertThat(comfy.deletes()).isEqualTo(1);
    }

    @Test
    void objectInfoHasTheRecordedShapeAndEveryNodeTheFakeRuns() throws Exception {
        assertThat(getJson("/object_info/SaveVideo")).isEqualTo(recording("47-get-object-info-subset").at("/response/json"));
        JsonNode all = getJson("/api/object_info");
        assertThat(iterable(all.fieldNames())).contains("UNETLoader", "CLIPLoader", "VAELoader", "CLIPTextEncode",
                "LoadVideo", "GetVideoComponents", "LoadImage", "ImageStitch", "ModelSamplingSD3", "WanVaceToVideo",
                "KSampler", "TrimVideoLatent", "VAEDecode", "CreateVideo", "SaveVideo", "ImageInvert", "SaveImage",
                "ImageBlur", "ImageScaleBy");
        assertThat(all.at("/WanVaceToVideo/output").toString()).isEqualTo("[\"CONDITIONING\",\"CONDITIONING\",\"LATENT\",\"INT\"]");

        comfy.removeNodeClass("WanVaceToVideo");

        assertThat(getJson("/object_info/WanVaceToVideo")).isEmpty();
        HttpResponse<String> reply = post("/prompt", wanPrompt("x.mp4", null, 256, 160, 17, 2, "vedit/out"));
        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(MAPPER.readTree(reply.body()).at("/error/message").asText())
                .isEqualTo("Cannot execute because node WanVaceToVideo does not exist.");
    }

    // ------------------------------------------------------------------ runs

    @Test
    void aVideoRunSendsTheRecordedMessagesAndAnMp4() throws Exception {
        String clientId = "vedit-client-" + UUID.randomUUID();
        Messages ws = connect(clientId);
        upload("vedit_clip.mp4", Files.readAllBytes(clip));
        JsonNode rec = recording("17-post-prompt-video");
        ObjectNode body = rec.at("/request/json").deepCopy();
        body.put("client_id", clientId);

        HttpResponse<String> reply = post("/prompt", body);

        assertThat(reply.statusCode()).isEqualTo(200);
        JsonNode accepted = MAPPER.readTree(reply.body());
        assertThat(iterable(accepted.fieldNames())).containsExactly("prompt_id", "number", "node_errors");
        String id = accepted.get("prompt_id").asText();
        ws.awaitEnd(id);
        List<String> recorded = new ArrayList<>();
        recording("20-ws-video-run").forEach(m -> recorded.add(m.at("/text/type").asText()));
        assertThat(ws.types(id)).isEqualTo(recorded);
        assertThat(ws.texts().get(0).at("/data/sid").asText()).isEqualTo(clientId);
        assertThat(ws.texts().get(1).get("type").asText()).isEqualTo("feature_flags");
        JsonNode executed = ws.ofType(id, "executed").get(0).get("data");
        assertThat(executed).isEqualTo(replaceId(recording("20-ws-video-run").get(18).at("/text/data"), id));

        JsonNode history = getJson("/history/" + id).get(id);
        JsonNode recordedHistory = recording("18-get-history-video").at("/response/json").elements().next();
        assertThat(iterable(history.fieldNames())).isEqualTo(iterable(recordedHistory.fieldNames()));
        assertThat(history.get("outputs")).isEqualTo(recordedHistory.get("outputs"));
        assertThat(history.get("meta")).isEqualTo(recordedHistory.get("meta"));
        assertThat(history.at("/status/status_str").asText()).isEqualTo("success");
        assertThat(history.at("/prompt/4").toString()).isEqualTo("[\"5\"]");
        assertThat(history.at("/prompt/3/client_id").asText()).isEqualTo(clientId);
        assertThat(getJson("/api/jobs/" + id).at("/preview_output/filename").asText()).isEqualTo("video_00001_.mp4");

        Path out = download("/view?filename=video_00001_.mp4&subfolder=vedit&type=output", "video.mp4");
        MediaInfo info = TestMedia.probe(out);
        MediaInfo source = TestMedia.probe(clip);
        assertThat(info.width()).isEqualTo(320);
        assertThat(info.frameCount()).isEqualTo(source.frameCount());
        assertThat(info.hasAudio()).isTrue();
        double[] in = TestMedia.channelMeans(TestMedia.frame(clip, 0.5, "rgb24"));
        double[] inverted = TestMedia.channelMeans(TestMedia.frame(out, 0.5, "rgb24"));
        for (int c = 0; c < 3; c++) {
            assertThat(inverted[c]).isCloseTo(255 - in[c], org.assertj.core.data.Offset.offset(12.0));
        }
    }

    @Test
    void anImageRunAndItsCachedRepeatMatchTheRecordings() throws Exception {
        String clientId = "vedit-client-" + UUID.randomUUID();
        Messages ws = connect(clientId);
        upload("vedit_still.png", png(new Color(200, 60, 20), 64, 48));
        ObjectNode body = recording("04-post-prompt-image").at("/request/json").deepCopy();
        body.put("client_id", clientId);

        String id = accept(post("/prompt", body));
        ws.awaitEnd(id);

        List<String> recorded = new ArrayList<>();
        recording("08-ws-image-run").forEach(m -> recorded.add(m.at("/text/type").asText()));
        // The recording starts with what the socket got on connecting (status with sid, feature_flags).
        assertThat(ws.types(id)).isEqualTo(recorded.subList(2, recorded.size()));
        JsonNode history = getJson("/history/" + id);
        JsonNode recordedHistory = recording("05-get-history-image").at("/response/json");
        assertThat(shape(history.get(id))).isEqualTo(shape(recordedHistory.elements().next()));
        assertThat(history.at("/" + id + "/prompt/3/vedit_task_id").asText()).as("extra_data is echoed").isEqualTo("demo-1");
        assertThat(history.at("/" + id + "/outputs/3/images/0/filename").asText()).isEqualTo("invert_00001_.png");
        JsonNode job = getJson("/api/jobs/" + id);
        assertThat(iterable(job.fieldNames())).isEqualTo(iterable(recording("07-get-api-jobs-id-image").at("/response/json").fieldNames()));
        Path out = download("/view?filename=invert_00001_.png&subfolder=vedit&type=output", "invert.png");
        BufferedImage inverted = ImageIO.read(out.toFile());
        assertThat(new Color(inverted.getRGB(10, 10))).isEqualTo(new Color(55, 195, 235));

        // The same prompt again: everything cached, the old file returned, executed still sent (recordings 09-11).
        String again = accept(post("/prompt", body));
        ws.awaitEnd(again);
        List<String> cachedRun = new ArrayList<>();
        recording("11-ws-cached-run").forEach(m -> cachedRun.add(m.at("/text/type").asText()));
        assertThat(ws.types(again)).isEqualTo(cachedRun);
        assertThat(ws.ofType(again, "execution_cached").get(0).at("/data/nodes").toString()).isEqualTo("[\"1\",\"2\",\"3\"]");
        assertThat(getJson("/history/" + again).at("/" + again + "/outputs/3/images/0/filename").asText())
                .isEqualTo("invert_00001_.png");
        assertThat(getJson("/history/" + again).at("/" + again + "/prompt/0").asInt()).isEqualTo(1);
    }

    /** The structure of a JSON value: object keys and value kinds, recursively, without the values. */
    private static String shape(JsonNode node) {
        if (node.isObject()) {
            StringBuilder b = new StringBuilder("{");
            node.properties().forEach(e -> {
                // Keys that are prompt or node ids vary; their shapes do not.
                String key = e.getKey().matches("[0-9a-f-]{36}|\\d+") ? "<id>" : e.getKey();
                b.append(key).append(':').append(shape(e.getValue())).append(',');
            });
            return b.append('}').toString();
        }
        if (node.isArray()) {
            return "[" + (node.isEmpty() ? "" : shape(node.get(0))) + "x" + node.size() + "]";
        }
        return node.getNodeType().toString();
    }

    @Test
    void theWanTemplateMakesAnMp4OfFourNPlusOneFramesAtTheAskedSize() throws Exception {
        upload("source.mp4", Files.readAllBytes(clip));
        upload("ref.png", png(Color.RED, 80, 80));
        String clientId = "c-" + UUID.randomUUID();
        Messages ws = connect(clientId);
        // 35 frames asked: Wan makes 4n+1, so 33 come out.
        ObjectNode body = wanPrompt("source.mp4", "ref.png", 256, 160, 35, 3, "vedit/task-1/output");
        body.put("client_id", clientId);

        String id = accept(post("/prompt", body));
        ws.awaitEnd(id);

        assertThat(ws.ofType(id, "progress")).hasSize(3);
        assertThat(ws.ofType(id, "progress").get(2).get("data").toString())
                .isEqualTo("{\"value\":3,\"max\":3,\"prompt_id\":\"" + id + "\",\"node\":\"11\"}");
        assertThat(ws.binary.get()).as("binary previews a client must skip").isEqualTo(3);
        JsonNode executed = ws.ofType(id, "executed").get(0).get("data");
        assertThat(executed.at("/output/images/0/filename").asText()).isEqualTo("output_00001_.mp4");
        assertThat(executed.at("/output/images/0/subfolder").asText()).isEqualTo("vedit/task-1");
        assertThat(executed.at("/output/animated/0").asBoolean()).isTrue();
        Path out = download("/view?filename=output_00001_.mp4&subfolder=vedit%2Ftask-1&type=output", "wan.mp4");
        MediaInfo info = TestMedia.probe(out);
        assertThat(info.width()).isEqualTo(256);
        assertThat(info.height()).isEqualTo(160);
        assertThat(info.frameCount()).isEqualTo(33);
        assertThat(info.frameRate()).isEqualTo(25.0);
        assertThat(info.hasAudio()).isTrue();
        byte[] frame = TestMedia.frame(out, 0.2, "rgb24");
        // The reference image sits in the top-right corner (64 px wide: a quarter of the width).
        int x = 256 - 8 - 32;
        int y = 8 + 32;
        int p = (y * 256 + x) * 3;
        assertThat(frame[p] & 0xff).isGreaterThan(200);
        assertThat(frame[p + 1] & 0xff).isLessThan(60);
        // The rest of the picture is the source, visibly changed (negated).
        byte[] src = TestMedia.frame(clip, 0.2, "rgb24");
        double srcBottom = TestMedia.mean(src, src.length / 2, src.length / 2);
        double outBottom = TestMedia.mean(frame, frame.length / 2, frame.length / 2);
        assertThat(outBottom).isCloseTo(255 - srcBottom, org.assertj.core.data.Offset.offset(15.0));

        // The same prompt again is answered from ComfyUI's cache: the old file, nothing run.
        ObjectNode again = wanPrompt("source.mp4", "ref.png", 256, 160, 35, 3, "vedit/task-1/output");
        again.put("client_id", clientId);
        String second = accept(post("/prompt", again));
        ws.awaitEnd(second);
        assertThat(ws.ofType(second, "execution_cached").get(0).at("/data/nodes")).hasSize(15);
        assertThat(ws.ofType(second, "executed").get(0).at("/data/output/images/0/filename").asText())
                .isEqualTo("output_00001_.mp4");
    }

    @Test
    void createVideoKeepsEveryFrameAtItsFpsAndSaveImageWritesOnePngPerFrame() throws Exception {
        upload("source.mp4", Files.readAllBytes(clip));
        ObjectNode body = (ObjectNode) MAPPER.readTree("""
                {"prompt":{
                  "1":{"class_type":"LoadVideo","inputs":{"file":"source.mp4"}},
                  "2":{"class_type":"GetVideoComponents","inputs":{"video":["1",0]}},
                  "3":{"class_type":"ImageScaleBy","inputs":{"image":["2",0],"upscale_method":"bilinear","scale_by":0.25}},
                  "4":{"class_type":"CreateVideo","inputs":{"images":["3",0],"fps":12.5}},
                  "5":{"class_type":"SaveVideo","inputs":{"video":["4",0],"filename_prefix":"slow/clip","format":"auto","codec":"auto"}},
                  "6":{"class_type":"SaveImage","inputs":{"images":["3",0],"filename_prefix":"frames/f"}}}}""");

        String id = accept(post("/prompt", body));
        comfy.awaitFinished(id, WAIT);

        JsonNode outputs = getJson("/history/" + id).at("/" + id + "/outputs");
        MediaInfo source = TestMedia.probe(clip);
        assertThat(outputs.at("/6/images")).hasSize((int) source.frameCount());
        assertThat(outputs.at("/6/images/0/filename").asText()).isEqualTo("f_00001_.png");
        assertThat(Files.exists(comfy.outputDir().resolve("frames").resolve(
                outputs.at("/6/images/" + (source.frameCount() - 1) + "/filename").asText()))).isTrue();
        MediaInfo video = TestMedia.probe(comfy.outputDir().resolve("slow/clip_00001_.mp4"));
        assertThat(video.frameCount()).isEqualTo(source.frameCount());
        assertThat(video.width()).isEqualTo(80);
        assertThat(video.frameRate()).isEqualTo(12.5);
        assertThat(video.hasAudio()).isFalse();
        assertThat(video.durationSeconds()).isCloseTo(source.frameCount() / 12.5, org.assertj.core.data.Offset.offset(0.2));
    }

    @Test
    void interruptTakesEffectAtTheNextNodeBoundaryAndDeleteDropsAQueuedPrompt() throws Exception {
        upload("source.mp4", Files.readAllBytes(clip));
        String clientId = "c-" + UUID.randomUUID();
        Messages ws = connect(clientId);
        comfy.setStepDelay(Duration.ofMillis(150));
        ObjectNode body = wanPrompt("source.mp4", null, 128, 96, 9, 8, "vedit/slow");
        body.put("client_id", clientId);
        String slow = accept(post("/prompt", body));
        ObjectNode next = wanPrompt("source.mp4", null, 128, 96, 9, 8, "vedit/next");
        next.put("client_id", clientId).put("prompt_id", "queued-1");
        String queued = accept(post("/prompt", next));
        assertThat(queued).isEqualTo("queued-1");
        comfy.awaitNode(slow, "11", WAIT);
        assertThat(getJson("/api/jobs/" + slow).get("status").asText()).isEqualTo("in_progress");
        assertThat(getJson("/api/jobs/" + queued).get("status").asText()).isEqualTo("pending");
        assertThat(getJson("/queue").get("queue_pending")).hasSize(1);

        post("/queue", MAPPER.readTree("{\"delete\":[\"queued-1\"]}"));
        // An interrupt naming another prompt leaves the running one alone.
        post("/interrupt", MAPPER.readTree("{\"prompt_id\":\"queued-1\"}"));
        post("/interrupt", MAPPER.readTree("{\"prompt_id\":\"" + slow + "\"}"));
        ws.awaitEnd(slow);

        assertThat(get("/api/jobs/queued-1").statusCode()).isEqualTo(404);
        // KSampler (node 11) was running: it finished all its steps; the next node was not run.
        assertThat(ws.ofType(slow, "progress")).hasSize(8);
        JsonNode interrupted = ws.ofType(slow, "execution_interrupted").get(0).get("data");
        assertThat(iterable(interrupted.fieldNames()))
                .containsExactly("prompt_id", "node_id", "node_type", "executed", "timestamp");
        assertThat(interrupted.get("node_id").asText()).isEqualTo("12");
        assertThat(interrupted.get("node_type").asText()).isEqualTo("TrimVideoLatent");
        assertThat(iterable(interrupted.get("executed").elements()).stream().map(JsonNode::asText)).contains("11");
        List<String> types = ws.types(slow);
        assertThat(types.subList(types.size() - 4, types.size()))
                .containsExactly("executing", "execution_interrupted", "status", "executing");
        JsonNode history = getJson("/history/" + slow).get(slow);
        assertThat(history.at("/status/status_str").asText()).isEqualTo("error");
        assertThat(history.at("/status/completed").asBoolean()).isFalse();
        assertThat(history.get("outputs")).isEmpty();
        assertThat(getJson("/api/jobs/" + slow).get("status").asText()).isEqualTo("failed");
        assertThat(comfy.promptsReceived("queued-1")).isEqualTo(1);
        assertThat(ws.types("queued-1")).isEmpty();
    }

    @Test
    void runTimeErrorsAreExecutionErrorsAsRecorded() throws Exception {
        String clientId = "c-" + UUID.randomUUID();
        Messages ws = connect(clientId);
        upload("vedit_corrupt.png", "this is not a png".getBytes(StandardCharsets.UTF_8));
        ObjectNode body = recording("36-post-prompt-runtime-error").at("/request/json").deepCopy();
        body.put("client_id", clientId);

        String id = accept(post("/prompt", body));
        ws.awaitEnd(id);

        List<String> recorded = new ArrayList<>();
        JsonNode rec = recording("39-ws-runtime-error");
        rec.forEach(m -> recorded.add(m.at("/text/type").asText()));
        assertThat(ws.types(id)).isEqualTo(recorded);
        JsonNode error = ws.ofType(id, "execution_error").get(0).get("data");
        JsonNode recordedError = rec.get(6).at("/text/data");
        assertThat(iterable(error.fieldNames())).isEqualTo(iterable(recordedError.fieldNames()));
        assertThat(error.get("exception_type").asText()).isEqualTo("PIL.UnidentifiedImageError");
        assertThat(error.get("exception_message").asText()).startsWith("cannot identify image file '").endsWith("vedit_corrupt.png'\n");
        assertThat(error.get("current_inputs")).isEqualTo(recordedError.get("current_inputs"));
        JsonNode job = getJson("/api/jobs/" + id);
        assertThat(job.get("status").asText()).isEqualTo("failed");
        assertThat(job.get("execution_error").get("node_type").asText()).isEqualTo("LoadImage");
        assertThat(getJson("/history/" + id).at("/" + id + "/status/status_str").asText()).isEqualTo("error");

        // A node type a test marks as failing fails the same way.
        upload("source.mp4", Files.readAllBytes(clip));
        comfy.failNodeType("KSampler", "torch.OutOfMemoryError", "CUDA out of memory.");
        ObjectNode wan = wanPrompt("source.mp4", null, 128, 96, 9, 2, "vedit/oom");
        wan.put("client_id", clientId);
        String oom = accept(post("/prompt", wan));
        ws.awaitEnd(oom);
        JsonNode failed = ws.ofType(oom, "execution_error").get(0).get("data");
        assertThat(failed.get("node_id").asText()).isEqualTo("11");
        assertThat(failed.get("exception_type").asText()).isEqualTo("torch.OutOfMemoryError");
        assertThat(failed.get("exception_message").asText()).isEqualTo("CUDA out of memory.");
    }

    @Test
    void aRestartForgetsTheQueueAndAKillRefusesConnections() throws Exception {
        upload("source.mp4", Files.readAllBytes(clip));
        comfy.setStepDelay(Duration.ofMillis(200));
        String running = accept(post("/prompt", wanPrompt("source.mp4", null, 128, 96, 9, 50, "vedit/a")));
        String pending = accept(post("/prompt", wanPrompt("source.mp4", null, 128, 96, 9, 50, "vedit/b")));
        comfy.awaitRunning(running, WAIT);
        String url = comfy.url();

        comfy.restart();

        assertThat(comfy.url()).isEqualTo(url);
        assertThat(getJson("/queue")).isEqualTo(recording("02-get-queue-idle").at("/response/json"));
        assertThat(getJson("/history/" + running)).isEmpty();
        assertThat(get("/api/jobs/" + pending).statusCode()).isEqualTo(404);
        assertThat(comfy.promptsReceived(running)).isEqualTo(1);
        assertThat(comfy.uploads()).isEqualTo(1);
        // The files are on disk still: the same input runs after the restart.
        comfy.setStepDelay(Duration.ofMillis(1));
        String after = accept(post("/prompt", wanPrompt("source.mp4", null, 128, 96, 9, 2, "vedit/c")));
        comfy.awaitFinished(after, WAIT);
        assertThat(getJson("/history/" + after).at("/" + after + "/status/status_str").asText()).as(getJson("/history/" + after).toString()).isEqualTo("success");
        assertThat(getJson("/history/" + after).at("/" + after + "/prompt/0").asInt()).as("numbering starts again").isEqualTo(0);

        comfy.kill();

        assertThatThrownBy(() -> get("/system_stats")).isInstanceOf(ConnectException.class);
        comfy.start();
        assertThat(get("/api/system_stats").statusCode()).isEqualTo(200);
        assertThat(getJson("/history/" + after)).isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    /** The default Wan VACE template (wan-vace-template.json) with its bound inputs filled in. */
    static ObjectNode wanPrompt(String video, String image, int width, int height, int length, int steps, String prefix)
            throws IOException {
        JsonNode template;
        try (InputStream in = FakeComfyUiTest.class.getResourceAsStream("/comfyui-protocol/wan-vace-template.json")) {
            template = MAPPER.readTree(in);
        }
        ObjectNode prompt = template.get("workflow").deepCopy();
        ((ObjectNode) prompt.at("/4/inputs")).put("text", "make it look like a film negative");
        ((ObjectNode) prompt.at("/6/inputs")).put("file", video);
        if (image == null) {
            prompt.remove("8");
            ((ObjectNode) prompt.at("/10/inputs")).remove("reference_image");
        } else {
            ((ObjectNode) prompt.at("/8/inputs")).put("image", image);
        }
        ((ObjectNode) prompt.at("/10/inputs")).put("width", width).put("height", height).put("length", length);
        ((ObjectNode) prompt.at("/11/inputs")).put("steps", steps);
        ((ObjectNode) prompt.at("/15/inputs")).put("filename_prefix", prefix);
        ObjectNode body = MAPPER.createObjectNode();
        body.set("prompt", prompt);
        return body;
    }

    static JsonNode recording(String name) throws IOException {
        try (InputStream in = FakeComfyUiTest.class.getResourceAsStream("/comfyui-protocol/" + name + ".json")) {
            return MAPPER.readTree(in);
        }
    }

    private static JsonNode replaceId(JsonNode node, String id) throws IOException {
        String text = node.toString().replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", id);
        return MAPPER.readTree(text);
    }

    private static <T> List<T> iterable(Iterator<T> it) {
        List<T> list = new ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }

    private static byte[] png(Color color, int w, int h) throws IOException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, color.getRGB());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private String accept(HttpResponse<String> reply) throws IOException {
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return MAPPER.readTree(reply.body()).get("prompt_id").asText();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(comfy.url() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> reply = get(path);
        assertThat(reply.statusCode()).as(path).isEqualTo(200);
        return MAPPER.readTree(reply.body());
    }

    private HttpResponse<String> post(String path, JsonNode body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(comfy.url() + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private Path download(String path, String name) throws IOException, InterruptedException {
        Path out = media.resolve(UUID.randomUUID() + "-" + name);
        HttpResponse<Path> reply = http.send(HttpRequest.newBuilder(URI.create(comfy.url() + path)).build(),
                HttpResponse.BodyHandlers.ofFile(out));
        assertThat(reply.statusCode()).as(path).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type")).hasValue(name.endsWith(".mp4") ? "video/mp4" : "image/png");
        return out;
    }

    /** POST /upload/image as ComfyUI's clients send it: multipart image, type=input, overwrite=true. */
    private void upload(String name, byte[] content) throws IOException, InterruptedException {
        String boundary = "----fake" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\""
                + URLEncoder.encode(name, StandardCharsets.UTF_8) + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        body.write(head.getBytes(StandardCharsets.UTF_8));
        body.write(content);
        for (String[] field : new String[][] {{"type", "input"}, {"overwrite", "true"}}) {
            body.write(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n"
                    + field[1]).getBytes(StandardCharsets.UTF_8));
        }
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(comfy.url() + "/upload/image"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(reply.body())).isEqualTo(MAPPER.readTree(
                "{\"name\":\"" + name + "\",\"subfolder\":\"\",\"type\":\"input\"}"));
    }

    private Messages connect(String clientId) {
        Messages messages = new Messages();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(comfy.wsUrl(clientId)), messages).join();
        sockets.add(socket);
        await().atMost(WAIT).until(() -> messages.texts().size() >= 2);
        return messages;
    }

    /** What a websocket client received: text messages parsed, binary frames counted. */
    static final class Messages implements WebSocket.Listener {
        private final List<JsonNode> texts = new CopyOnWriteArrayList<>();
        final AtomicInteger binary = new AtomicInteger();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    texts.add(MAPPER.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            if (last) {
                binary.incrementAndGet();
            }
            webSocket.request(1);
            return null;
        }

        List<JsonNode> texts() {
            return texts;
        }

        /** The types of the messages about one prompt, status messages in between included, as recorded. */
        List<String> types(String promptId) {
            List<String> types = new ArrayList<>();
            boolean started = false;
            boolean ended = false;
            List<String> pendingStatus = new ArrayList<>();
            for (JsonNode m : texts) {
                String type = m.get("type").asText();
                if (ended) {
                    break;
                }
                if (type.equals("status") && !m.at("/data").has("sid")) {
                    pendingStatus.add(type);
                    continue;
                }
                if (!promptId.equals(m.at("/data/prompt_id").asText())) {
                    if (!started) {
                        pendingStatus.clear();
                    }
                    continue;
                }
                started = true;
                types.addAll(pendingStatus);
                pendingStatus.clear();
                types.add(type);
                ended = type.equals("executing") && m.at("/data/node").isNull();
            }
            return types;
        }

        List<JsonNode> ofType(String promptId, String type) {
            return texts.stream().filter(m -> m.get("type").asText().equals(type)
                    && promptId.equals(m.at("/data/prompt_id").asText())).toList();
        }

        void awaitEnd(String promptId) {
            await().atMost(WAIT).until(() -> texts.stream().anyMatch(m -> m.get("type").asText().equals("executing")
                    && m.at("/data/node").isNull() && promptId.equals(m.at("/data/prompt_id").asText())));
        }
    }
}
