package dev.vedit.server.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vedit.server.EngineSettings;
import dev.vedit.server.Main;
import dev.vedit.server.engine.comfyui.FakeComfyUi;
import dev.vedit.server.ffmpeg.TestMedia;
import dev.vedit.server.http.TestServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * RunningHub's workflow and AI-app API end to end over HTTP against the fake ComfyUI: workflows registered with
 * {@code vedit workflows add} while the service runs, every endpoint, outputs of several types, every error code of the
 * contract, cancel.
 */
class WorkflowApiTest {
    /** Video in, its video, its sound and a text out: three output nodes of three kinds. */
    static final String AV_WORKFLOW = """
            {"1": {"class_type": "LoadVideo", "inputs": {"file": "placeholder.mp4"}},
             "2": {"class_type": "GetVideoComponents", "inputs": {"video": ["1", 0]}},
             "3": {"class_type": "CreateVideo", "inputs": {"images": ["2", 0], "fps": 25.0, "audio": ["2", 1]}},
             "4": {"class_type": "SaveVideo", "inputs": {"video": ["3", 0], "filename_prefix": "video/out", "format": "auto", "codec": "auto"}},
             "5": {"class_type": "SaveAudio", "inputs": {"audio": ["2", 1], "filename_prefix": "audio/out"}},
             "6": {"class_type": "PrimitiveString", "inputs": {"value": "hello"}},
             "7": {"class_type": "PreviewAny", "inputs": {"source": ["6", 0]}}}""";
    /** A picture, inverted. */
    static final String INVERT_WORKFLOW = """
            {"1": {"class_type": "LoadImage", "inputs": {"image": "example.png"}},
             "2": {"class_type": "ImageInvert", "inputs": {"image": ["1", 0]}},
             "3": {"class_type": "SaveImage", "inputs": {"images": ["2", 0], "filename_prefix": "inverted"}}}""";
    static final String INVERT_APP = """
            {"webappName": "Invert a picture", "nodeInfoList": [{"nodeId": "1", "nodeName": "LoadImage", "fieldName": "image",
             "fieldValue": "example.png", "fieldType": "IMAGE", "description": "要反色的图片", "descriptionEn": "the picture to invert"}]}""";
    static final String APP_ID = "1904136902449209346";

    static byte[] clip;
    static byte[] redPng;

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void media(@TempDir Path media) throws Exception {
        clip = Files.readAllBytes(TestMedia.clip(media, "source.mp4", 2));
        BufferedImage red = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = red.createGraphics();
        g.setColor(new Color(220, 20, 30));
        g.fillRect(0, 0, 64, 48);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(red, "png", png);
        redPng = png.toByteArray();
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

    TestServer vedit(Path data, FakeComfyUi fake, UnaryOperator<dev.vedit.server.ServerConfig> more) {
        EngineSettings engines = EngineSettings.localOnly().withComfyUi(Map.of("default", List.of(URI.create(fake.url()))), null)
                .withCancelGrace(Duration.ofSeconds(20))
                .withWorkflows(new WorkflowService.Settings(true, Set.of("LoadImage", "ImageInvert", "SaveImage", "Bogus")));
        TestServer server = new TestServer(data, c -> more.apply(c.withEngines(engines)));
        open.add(server);
        return server;
    }

    /** {@code vedit workflows ARGS --data-dir DATA}, in process, against the running service's database. */
    int workflows(Path data, String... args) {
        List<String> all = new ArrayList<>(List.of("workflows"));
        all.addAll(List.of(args));
        all.addAll(List.of("--data-dir", data.toString()));
        return new CommandLine(new Main()).execute(all.toArray(String[]::new));
    }

    Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    static JsonNode upload(TestServer s, String key, String fileName, byte[] content) throws Exception {
        String boundary = "----vedit" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = s.raw(HttpRequest.newBuilder(URI.create(s.url("/openapi/v2/media/upload/binary")))
                .header("Authorization", "Bearer " + key).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return s.json.readTree(r.body()).path("data");
    }

    static byte[] download(TestServer s, String url) throws Exception {
        HttpResponse<byte[]> r = s.http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    static Map<String, Object> item(String nodeId, String fieldName, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nodeId", nodeId);
        m.put("fieldName", fieldName);
        m.put("fieldValue", value);
        return m;
    }

    static Map<String, Object> body(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    static JsonNode awaitOutputs(TestServer s, String key, String taskId) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(150)).until(() -> {
            last[0] = s.post("/task/openapi/outputs", null, body("apiKey", key, "taskId", taskId));
            return last[0].path("code").asInt() != 804 && last[0].path("code").asInt() != 813;
        });
        return last[0];
    }

    static JsonNode awaitEnd(TestServer s, String key, String taskId) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(150)).until(() -> {
            last[0] = s.post("/openapi/v2/query", key, Map.of("taskId", taskId));
            return last[0].path("status").asText().matches("SUCCESS|FAILED");
        });
        return last[0];
    }

    @Test
    void aWorkflowAddedWhileTheServiceRunsIsRunByV1CreateAndEveryOutputComesBackInNodeOrder() throws Exception {
        FakeComfyUi fake = comfy();
        Path data = dir.resolve("vedit");
        TestServer vedit = vedit(data, fake, c -> c);
        assertThat(workflows(data, "add", "av", file("av.json", AV_WORKFLOW).toString())).isZero();

        String fileName = upload(vedit, vedit.keyA, "source.mp4", clip).path("fileName").asText();
        assertThat(fileName).startsWith("openapi/");
        JsonNode created = vedit.post("/task/openapi/create", null, body("apiKey", vedit.keyA, "workflowId", "av", "addMetadata", true,
                "usePersonalQueue", "false", "nodeInfoList", List.of(item("1", "file", fileName), item("6", "value", "bonjour, 世界"))));
        assertThat(created.path("code").asInt()).as(created.toString()).isZero();
        assertThat(created.path("msg").asText()).isEqualTo("success");
        JsonNode data0 = created.path("data");
        assertThat(data0.has("taskId") && data0.has("netWssUrl")).as("the keys a popular client checks").isTrue();
        assertThat(data0.path("netWssUrl").isNull()).isTrue();
        assertThat(data0.path("taskId").asText()).matches("\\d{19}");
        assertThat(data0.path("taskStatus").asText()).isEqualTo("QUEUED");
        JsonNode tips = vedit.json.readTree(data0.path("promptTips").asText());
        assertThat(tips.path("result").asBoolean()).isTrue();
        assertThat(tips.path("outputs_to_execute").toString()).isEqualTo("[\"4\",\"5\",\"7\"]");
        String taskId = data0.path("taskId").asText();

        JsonNode outputs = awaitOutputs(vedit, vedit.keyA, taskId);
        assertThat(outputs.path("code").asInt()).as(outputs.toString()).isZero();
        List<String> kinds = new ArrayList<>();
        outputs.path("data").forEach(o -> kinds.add(o.path("nodeId").asText() + ":" + o.path("fileType").asText()));
        assertThat(kinds).containsExactly("4:mp4", "5:flac", "7:txt");
        JsonNode text = outputs.path("data").get(2);
        assertThat(new String(download(vedit, text.path("fileUrl").asText()), StandardCharsets.UTF_8)).isEqualTo("bonjour, 世界");
        Path video = Files.write(dir.resolve("out.mp4"), download(vedit, outputs.path("data").get(0).path("fileUrl").asText()));
        assertThat(dev.vedit.server.ffmpeg.Ffmpeg.locate(dir.resolve("ff")).probe(video, Duration.ofSeconds(20)).hasVideo()).isTrue();
        assertThat(new String(download(vedit, outputs.path("data").get(1).path("fileUrl").asText()), StandardCharsets.ISO_8859_1))
                .as("FLAC as SaveAudio wrote it, not re-encoded").startsWith("fLaC");

        JsonNode query = vedit.post("/openapi/v2/query", vedit.keyA, Map.of("taskId", taskId));
        assertThat(query.path("status").asText()).isEqualTo("SUCCESS");
        assertThat(query.path("results")).hasSize(3);
        assertThat(query.path("results").get(1).path("outputType").asText()).isEqualTo("flac");
        assertThat(vedit.post("/task/openapi/status", null, body("apiKey", vedit.keyA, "taskId", taskId)).path("data").asText())
                .isEqualTo("SUCCESS");
        HttpResponse<String> list = vedit.raw(HttpRequest.newBuilder(URI.create(vedit.url("/openapi/v2/tasks")))
                .header("Authorization", "Bearer " + vedit.keyA).GET().build());
        assertThat(vedit.json.readTree(list.body()).at("/data/tasks/0/endpoint").asText()).isEqualTo("workflow/av");
        assertThat(vedit.post("/openapi/v2/query", vedit.keyB, Map.of("taskId", taskId)).path("status").asText())
                .as("another key's task is not found").isNotEqualTo("SUCCESS");
    }

    @Test
    void anAiAppDescribesItsInputsAndRunsOnV1AndV2() throws Exception {
        FakeComfyUi fake = comfy();
        Path data = dir.resolve("vedit");
        TestServer vedit = vedit(data, fake, c -> c);
        assertThat(workflows(data, "add", APP_ID, file("invert.json", INVERT_WORKFLOW).toString(),
                "--app", file("invert-app.json", INVERT_APP).toString())).isZero();

        HttpResponse<String> demo = vedit.raw(HttpRequest.newBuilder(URI.create(vedit.url("/api/webapp/apiCallDemo?apiKey="
                + vedit.keyA + "&webappId=" + APP_ID))).GET().build());
        JsonNode demoReply = vedit.json.readTree(demo.body());
        assertThat(demoReply.path("code").asInt()).as(demo.body()).isZero();
        assertThat(demoReply.at("/data/webappName").asText()).isEqualTo("Invert a picture");
        JsonNode field = demoReply.at("/data/nodeInfoList/0");
        assertThat(field.path("nodeId").asText() + "." + field.path("fieldName").asText() + " " + field.path("fieldType").asText())
                .isEqualTo("1.image IMAGE");
        assertThat(field.path("description").asText()).isEqualTo("要反色的图片");
        assertThat(field.path("descriptionEn").asText()).isEqualTo("the picture to invert");

        JsonNode format = vedit.post("/api/openapi/getJsonApiFormat", null, body("apiKey", vedit.keyA, "workflowId", APP_ID));
        assertThat(format.path("msg").asText()).isEqualTo("SUCCESS");
        assertThat(vedit.json.readTree(format.at("/data/prompt").asText())).isEqualTo(vedit.json.readTree(INVERT_WORKFLOW));

        String url = upload(vedit, vedit.keyA, "red.png", redPng).path("download_url").asText();
        JsonNode v2 = vedit.post("/openapi/v2/run/ai-app/" + APP_ID, vedit.keyA, body("nodeInfoList", List.of(item("1", "image", url)),
                "instanceType", "default", "usePersonalQueue", "false"));
        assertThat(v2.path("errorCode").asText()).as(v2.toString()).isEmpty();
        assertThat(v2.path("status").asText()).isEqualTo("QUEUED");
        JsonNode done = awaitEnd(vedit, vedit.keyA, v2.path("taskId").asText());
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCESS");
        JsonNode result = done.path("results").get(0);
        assertThat(result.path("outputType").asText() + "@" + result.path("nodeId").asText()).isEqualTo("png@3");
        BufferedImage inverted = ImageIO.read(new ByteArrayInputStream(download(vedit, result.path("url").asText())));
        Color c = new Color(inverted.getRGB(32, 24));
        assertThat(List.of(c.getRed(), c.getGreen(), c.getBlue())).as("255 - (220, 20, 30)")
                .satisfies(rgb -> {
                    assertThat(rgb.get(0)).isBetween(30, 40);
                    assertThat(rgb.get(1)).isBetween(230, 240);
                    assertThat(rgb.get(2)).isBetween(220, 230);
                });

        JsonNode v1 = vedit.post("/task/openapi/ai-app/run", null, body("apiKey", vedit.keyA, "webappId", Long.parseLong(APP_ID),
                "nodeInfoList", List.of(item("1", "image", url))));
        assertThat(v1.path("code").asInt()).as(v1.toString()).isZero();
        assertThat(awaitEnd(vedit, vedit.keyA, v1.at("/data/taskId").asText()).path("status").asText()).isEqualTo("SUCCESS");
        JsonNode workflowV2 = vedit.post("/openapi/v2/run/workflow/" + APP_ID, vedit.keyA, body("nodeInfoList",
                List.of(item("1", "image", url), item("3", "filename_prefix", "mine"))));
        assertThat(awaitEnd(vedit, vedit.keyA, workflowV2.path("taskId").asText()).path("status").asText())
                .as("as a workflow, every input may be set").isEqualTo("SUCCESS");
        JsonNode notInApp = vedit.post("/task/openapi/ai-app/run", null, body("apiKey", vedit.keyA, "webappId", APP_ID,
                "nodeInfoList", List.of(item("3", "filename_prefix", "x"))));
        assertThat(notInApp.path("code").asInt()).isEqualTo(803);
        assertThat(notInApp.path("msg").asText()).startsWith("APIKEY_INVALID_NODE_INFO").contains("not an input of this AI app");
    }

    @Test
    void everyErrorCodeOfTheContract() throws Exception {
        FakeComfyUi fake = comfy();
        Path data = dir.resolve("vedit");
        TestServer vedit = vedit(data, fake, c -> c);
        assertThat(workflows(data, "add", "invert", file("invert.json", INVERT_WORKFLOW).toString())).isZero();
        String lacks = INVERT_WORKFLOW.replace("\"ImageInvert\"", "\"UpscaleModelLoader\"");
        assertThat(workflows(data, "add", "lacks-a-node", file("lacks.json", lacks).toString())).isZero();
        String keyAPrefix = vedit.keyA.substring(0, 6);
        assertThat(workflows(data, "add", "private", file("private.json", INVERT_WORKFLOW).toString(), "--private-to", keyAPrefix)).isZero();
        String url = upload(vedit, vedit.keyA, "red.png", redPng).path("download_url").asText();
        List<Map<String, Object>> image = List.of(item("1", "image", url));

        assertCode(vedit, body("apiKey", "nope", "workflowId", "invert"), 802, "APIKEY_UNAUTHORIZED");
        assertCode(vedit, body("apiKey", vedit.keyA), 301, "workflowId is required");
        assertCode(vedit, body("apiKey", vedit.keyA, "workflowId", "invert", "nodeInfoList", "1.image=x"), 301, "nodeInfoList must be a list");
        assertCode(vedit, body("apiKey", vedit.keyA, "workflowId", "invert", "usePersonalQueue", "maybe"), 301, "usePersonalQueue");
        assertCode(vedit, body("apiKey", vedit.keyA, "workflowId", "no-such"), 380, "WORKFLOW_NOT_EXISTS");
        assertCode(vedit, body("apiKey", vedit.keyB, "workflowId", "private", "nodeInfoList", image), 380, "WORKFLOW_NOT_EXISTS");
        assertThat(vedit.post("/task/openapi/create", null, body("apiKey", vedit.keyA, "workflowId", "private", "nodeInfoList", image))
                .path("code").asInt()).as("the account it is private to runs it").isZero();
        assertCode(vedit, body("apiKey", vedit.keyA, "workflowId", "invert", "nodeInfoList", List.of(item("9", "image", url))), 803,
                "node 9 is not in the workflow");
        assertCode(vedit, body("apiKey", vedit.keyA, "workflowId", "invert", "nodeInfoList", List.of(item("1", "picture", url))), 803,
                "has no input \"picture\"");
        assertCode(vedit, body("apiKey", vedit.keyA, "workflowId", "invert", "instanceType", "plus", "nodeInfoList", image), 435,
                "TASK_USER_EXCLAPI_INSTANCE_NOT_FOUND");
        JsonNode cannot = assertCode(vedit, body("apiKey", vedit.keyA, "workflowId", "lacks-a-node", "nodeInfoList", image), 810,
                "UpscaleModelLoader");
        assertThat(cannot.at("/data/node_errors/2/errors/0/type").asText()).isEqualTo("missing_node_type");
        JsonNode rejected = assertCode(vedit, body("apiKey", vedit.keyA, "workflowId", "inline-1", "workflow",
                INVERT_WORKFLOW.replace("\"ImageInvert\"", "\"Bogus\""), "nodeInfoList", image), 433, "VALIDATE_PROMPT_FAILED");
        assertThat(rejected.at("/data/node_errors/2/class_type").asText()).isEqualTo("Bogus");
        assertCode(vedit, body("apiKey", vedit.keyA, "workflowId", "inline-2", "workflow", lacks, "nodeInfoList", image), 810,
                "not allowed: UpscaleModelLoader");
        JsonNode inline = vedit.post("/task/openapi/create", null, body("apiKey", vedit.keyA, "workflowId", "inline-3",
                "workflow", INVERT_WORKFLOW, "nodeInfoList", image));
        assertThat(inline.path("code").asInt()).as(inline.toString()).isZero();
        assertThat(awaitEnd(vedit, vedit.keyA, inline.at("/data/taskId").asText()).path("status").asText()).isEqualTo("SUCCESS");

        // v2 replies carry the same codes in the task reply's shape.
        JsonNode v2 = vedit.post("/openapi/v2/run/workflow/no-such", vedit.keyA, Map.of());
        assertThat(v2.path("errorCode").asText()).isEqualTo("380");
        assertThat(v2.path("taskId").asText()).isEmpty();
        assertThat(vedit.post("/openapi/v2/run/workflow/invert", vedit.keyA, body("nodeInfoList", List.of(item("1", "x", 1))))
                .path("errorCode").asText()).isEqualTo("803");
        assertThat(vedit.post("/openapi/v2/run/ai-app/invert", vedit.keyA, Map.of()).path("errorCode").asText())
                .as("a webappId is a number").isEqualTo("1007");
        assertThat(vedit.post("/api/openapi/getJsonApiFormat", null, body("apiKey", vedit.keyB, "workflowId", "private")).path("code").asInt())
                .isEqualTo(380);

        // A ComfyUI rejection at run time (a file no longer there) ends the task FAILED with 433 and ComfyUI's node errors.
        JsonNode failing = vedit.post("/task/openapi/create", null, body("apiKey", vedit.keyA, "workflowId", "invert"));
        assertThat(failing.path("code").asInt()).as(failing.toString()).isZero();
        String failingId = failing.at("/data/taskId").asText();
        JsonNode failed = awaitEnd(vedit, vedit.keyA, failingId);
        assertThat(failed.path("errorCode").asText()).as(failed.toString()).isEqualTo("433");
        assertThat(failed.at("/failedReason/node_errors/1/errors/0/type").asText()).isEqualTo("custom_validation_failed");
        JsonNode v1Failed = vedit.post("/task/openapi/outputs", null, body("apiKey", vedit.keyA, "taskId", failingId));
        assertThat(v1Failed.path("code").asInt()).isEqualTo(805);
        assertThat(v1Failed.at("/data/failedReason/node_id").asText()).isEqualTo("1");

        // Every server gone: 415, so clients come back later.
        fake.kill();
        assertCode(vedit, body("apiKey", vedit.keyA, "workflowId", "invert", "nodeInfoList", image), 415, "TASK_INSTANCE_MAXED");
    }

    @Test
    void inlineWorkflowsAreOffUnlessTheOperatorAllowsThemAndQueuesHaveLimits() throws Exception {
        FakeComfyUi fake = comfy();
        Path data = dir.resolve("vedit");
        EngineSettings engines = EngineSettings.localOnly().withComfyUi(Map.of("default", List.of(URI.create(fake.url()))), null);
        TestServer vedit = new TestServer(data, c -> c.withEngines(engines).withQueue(c.queue().withWorkers(0)).withLimits(1, 1));
        open.add(vedit);
        assertThat(workflows(data, "add", "invert", file("invert.json", INVERT_WORKFLOW).toString())).isZero();
        assertCode(vedit, body("apiKey", vedit.keyA, "workflowId", "invert", "workflow", INVERT_WORKFLOW), 301, "--workflow-inline");
        String url = upload(vedit, vedit.keyA, "red.png", redPng).path("download_url").asText();
        Map<String, Object> run = body("apiKey", vedit.keyA, "workflowId", "invert", "nodeInfoList", List.of(item("1", "image", url)));
        assertThat(vedit.post("/task/openapi/create", null, run).path("code").asInt()).isZero();
        assertCode(vedit, run, 421, "queued tasks");

        assertThat(workflows(data, "remove", "invert")).isZero();
        assertCode(vedit, run, 380, "WORKFLOW_NOT_EXISTS");
        assertThat(workflows(data, "remove", "invert")).as("removing it twice is an error").isEqualTo(1);
        assertThat(workflows(data, "add", "bad id!", file("x.json", INVERT_WORKFLOW).toString())).isEqualTo(1);
        assertThat(workflows(data, "add", "ui", file("ui.json", "{\"nodes\": [], \"links\": []}").toString())).isEqualTo(1);
    }

    @Test
    void aCancelledWorkflowIsInterruptedOnComfyUi() throws Exception {
        FakeComfyUi fake = comfy();
        fake.setStepDelay(Duration.ofMillis(400));
        Path data = dir.resolve("vedit");
        TestServer vedit = vedit(data, fake, c -> c);
        String wan = vedit.json.readTree(WorkflowApiTest.class.getResourceAsStream("/comfyui-protocol/wan-vace-template.json"))
                .path("workflow").toString();
        assertThat(workflows(data, "add", "wan", file("wan.json", wan).toString())).isZero();
        String video = upload(vedit, vedit.keyA, "source.mp4", clip).path("fileName").asText();
        String image = upload(vedit, vedit.keyA, "red.png", redPng).path("fileName").asText();
        JsonNode created = vedit.post("/task/openapi/create", null, body("apiKey", vedit.keyA, "workflowId", "wan", "nodeInfoList", List.of(
                item("6", "file", video), item("8", "image", image), item("4", "text", "make it snow"),
                item("10", "width", "320"), item("10", "height", "240"), item("10", "length", "17"))));
        assertThat(created.path("code").asInt()).as(created.toString()).isZero();
        String taskId = created.at("/data/taskId").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> fake.runningPromptId() != null);
        JsonNode cancel = vedit.post("/task/openapi/cancel", null, body("apiKey", vedit.keyA, "taskId", taskId));
        assertThat(cancel.path("code").asInt()).isZero();
        JsonNode end = awaitEnd(vedit, vedit.keyA, taskId);
        assertThat(end.path("errorCode").asText()).as(end.toString()).isEqualTo("2002");
        assertThat(fake.interrupts()).isGreaterThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> fake.runningPromptId() == null);
    }

    private static JsonNode assertCode(TestServer s, Map<String, Object> body, int code, String words) {
        JsonNode reply = s.post("/task/openapi/create", null, body);
        assertThat(reply.path("code").asInt()).as(reply.toString()).isEqualTo(code);
        assertThat(reply.path("msg").asText()).as(reply.toString()).contains(words);
        return reply;
    }
}
