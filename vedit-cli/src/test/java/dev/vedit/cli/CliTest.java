package dev.vedit.cli;

import static dev.vedit.server.task.QueueSettingsBuilder.fastQueue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vedit.sdk.Edits;
import dev.vedit.sdk.VeditClient;
import dev.vedit.server.ffmpeg.Ffmpeg;
import dev.vedit.server.facts.MediaInfo;
import dev.vedit.server.http.TestServer;
import dev.vedit.server.task.QueueSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's entry point run in this process against real servers: one with workers (real FFmpeg edits) and one
 * without (tasks stay queued, so listing and cancelling are deterministic).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliTest {
    @TempDir
    static Path dir;
    TestServer working;
    TestServer idle;
    Ffmpeg ffmpeg;
    Path source;

    /** What one run printed and returned. */
    record Run(int status, String out, String err) {
    }

    @BeforeAll
    void start() throws IOException, InterruptedException {
        working = new TestServer(dir.resolve("working"));
        QueueSettings noWorkers = fastQueue().workers(0).build();
        idle = new TestServer(dir.resolve("idle"), c -> c.withQueue(noWorkers));
        ffmpeg = Ffmpeg.locate(dir.resolve("working").resolve("cache"));
        source = dir.resolve("source.mp4");
        Process p = ffmpeg.processBuilder(List.of("-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi",
                "-i", "sine=frequency=440", "-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac",
                "-shortest", source.toString())).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(log).isTrue();
    }

    @AfterAll
    void stop() {
        working.close();
        idle.close();
    }

    Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs against {@code server} with keyA given on the command line. */
    Run run(TestServer server, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--base-url", server.server.baseUrl(), "--api-key", server.keyA));
        return run(Map.of(), all.toArray(String[]::new));
    }

    @Test
    void editUploadsSubmitsShowsProgressAndWritesARealMp4() {
        Path out = dir.resolve("bw.mp4");
        Run r = run(working, "edit", source.toString(), "--prompt", "make it black and white", "-o", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).contains("uploading source.mp4").contains("submitted to kling-video-o3-pro/video-edit")
                .containsPattern("done\\s+\\[#{30}\\] 100%");
        assertThat(r.out()).contains(out.toString());
        MediaInfo info = ffmpeg.probe(out, Duration.ofSeconds(20));
        assertThat(info.videoCodec()).isEqualTo("h264");
        assertThat(info.durationSeconds()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.15));
    }

    @Test
    void editWithJsonPrintsTheFinalReplyAndTheOutputPath() throws IOException {
        Path out = dir.resolve("fast.mp4");
        Run r = run(working, "edit", source.toString(), "-p", "speed it up 2x", "--param", "keepOriginalSound=false",
                "-m", "kling-video-o3-std/video-edit", "-o", out.toString(), "--json");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.path("status").asText()).isEqualTo("SUCCESS");
        assertThat(json.path("output").asText()).isEqualTo(out.toAbsolutePath().toString());
        MediaInfo info = ffmpeg.probe(out, Duration.ofSeconds(20));
        assertThat(info.durationSeconds()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.15));
        assertThat(info.hasAudio()).isFalse();
    }

    @Test
    void aRefusedEditExitsWithStatus1AndTheServicesMessage() {
        Run r = run(working, "edit", source.toString(), "-p", "turn it into anime style", "-o", dir.resolve("never.mp4").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("vedit: ").contains("(code 2001)").contains("anime");
        assertThat(r.err()).as("the plan is checked before the upload").doesNotContain("uploading");
        assertThat(dir.resolve("never.mp4")).doesNotExist();
    }

    @Test
    void inputMistakesAreReportedBeforeAnythingIsSent() {
        Run missing = run(working, "edit", dir.resolve("nope.mp4").toString(), "-p", "mirror", "-o", dir.resolve("x.mp4").toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
        Run badParam = run(working, "edit", source.toString(), "-p", "mirror", "--param", "keepOriginalSound=maybe", "-o", "x.mp4");
        assertThat(badParam.status()).isEqualTo(2);
        assertThat(badParam.err()).contains("keepOriginalSound must be true or false");
        Run typo = run(working, "edit", source.toString(), "-p", "mirror", "--param", "keepOrignalSound=false", "-o", "x.mp4");
        assertThat(typo.status()).isEqualTo(2);
        assertThat(typo.err()).contains("keepOrignalSound is not a field of kling-video-o3-pro/video-edit (did you mean keepOriginalSound?)");
        Run badModel = run(working, "edit", source.toString(), "-p", "mirror", "-m", "sora/video-edit", "-o", "x.mp4");
        assertThat(badModel.status()).isEqualTo(2);
        assertThat(badModel.err()).contains("kling-video-o3-pro/video-edit");
        Run noPrompt = run(working, "edit", source.toString(), "-o", "x.mp4");
        assertThat(noPrompt.status()).isEqualTo(2);
        assertThat(noPrompt.err()).contains("--prompt");
    }

    @Test
    void withoutAnApiKeyTheCommandSaysHowToGiveOne() {
        Run r = run(Map.of(), "account", "--base-url", working.server.baseUrl());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("VEDIT_API_KEY");
    }

    @Test
    void theEnvironmentSuppliesBaseUrlAndKeyAndRunningHubNamesWorkToo() {
        Run vedit = run(Map.of("VEDIT_BASE_URL", idle.server.baseUrl(), "VEDIT_API_KEY", idle.keyA + "," + idle.keyB), "account");
        assertThat(vedit.status()).as(vedit.err()).isZero();
        assertThat(vedit.out()).contains("999999999").contains(idle.server.baseUrl());
        Run rh = run(Map.of("RH_API_BASE_URL", idle.server.baseUrl(), "RH_API_KEY", idle.keyB), "account", "--json");
        assertThat(rh.status()).as(rh.err()).isZero();
        assertThat(rh.out()).contains("\"remainMoney\" : \"999999999\"");
        Run wrongKey = run(Map.of("VEDIT_BASE_URL", idle.server.baseUrl()), "account", "--api-key", "wrong");
        assertThat(wrongKey.status()).isEqualTo(1);
        assertThat(wrongKey.err()).contains("802");
        // RunningHub's own form of the base URL, with the API path.
        Run rhStyle = run(Map.of("RH_API_BASE_URL", idle.server.baseUrl() + "/openapi/v2", "RH_API_KEY", idle.keyB), "tasks", "list");
        assertThat(rhStyle.status()).as(rhStyle.err()).isZero();
    }

    @Test
    void tasksListShowAndCancelWorkOnTheCallersTasks() throws IOException {
        VeditClient sdk = VeditClient.builder().baseUrl(idle.server.baseUrl()).apiKey(idle.keyA).build();
        String older = sdk.submit(Edits.klingO3Pro().prompt("mirror it").videoUrl("https://cdn.example.com/a.mp4").build()).taskId();
        String newer = sdk.submit(Edits.klingO3Pro().prompt("make it black and white").videoUrl("https://cdn.example.com/a.mp4").build()).taskId();

        Run list = run(idle, "tasks", "list");
        assertThat(list.status()).as(list.err()).isZero();
        assertThat(list.out()).contains("TASK").contains("make it black and white");
        assertThat(list.out().indexOf(newer)).isLessThan(list.out().indexOf(older));
        Run paged = run(idle, "tasks", "list", "--page-size", "1", "--json");
        JsonNode page = new ObjectMapper().readTree(paged.out());
        assertThat(page.path("tasks")).hasSize(1);
        assertThat(page.path("hasMore").asBoolean()).isTrue();

        Run show = run(idle, "tasks", "show", older);
        assertThat(show.out()).contains("status    QUEUED").contains("engine    local").contains("hflip");

        Run cancel = run(idle, "tasks", "cancel", older);
        assertThat(cancel.status()).as(cancel.err()).isZero();
        assertThat(cancel.out()).contains("task " + older + " cancelled");
        Run showJson = run(idle, "tasks", "show", older, "--json");
        assertThat(new ObjectMapper().readTree(showJson.out()).path("errorCode").asText()).isEqualTo("2002");
        sdk.cancel(newer);

        Run unknown = run(idle, "tasks", "cancel", "1383453458050519040");
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).contains("807").contains("Task not found, please check the task ID").contains("任务不存在");
        Run otherKey = run(Map.of(), "tasks", "list", "--base-url", idle.server.baseUrl(), "--api-key", idle.keyB);
        assertThat(otherKey.out()).doesNotContain(older).doesNotContain(newer);
    }

    @Test
    void modelsListsTheCatalogWithFieldsAndAsJson() throws IOException {
        Run text = run(Map.of(), "models");
        assertThat(text.status()).isZero();
        assertThat(text.out()).contains("kling-video-o3-pro/video-edit  [default]", "kling-video-o3-std/video-edit", "kling-video-o1-std/edit-video",
                "alibaba/wan-2.7/video-edit  (also wan-2.7/video-edit)", "rhart-video-g-official/edit-video")
                .contains("aspectRatio").contains("one of 16:9|9:16|1:1|4:3|3:4");
        JsonNode json = new ObjectMapper().readTree(run(Map.of(), "models", "--json").out());
        assertThat(json).hasSize(5);
        assertThat(json.get(0).path("fields").isArray()).isTrue();
    }

    @Test
    void helpShowsExamples() {
        Run top = run(Map.of(), "--help");
        assertThat(top.status()).isZero();
        assertThat(top.out()).contains("edit", "tasks", "models", "account", "Examples:", "VEDIT_API_KEY", "RH_API_KEY");
        assertThat(run(Map.of(), "edit", "--help").out()).contains("--prompt", "--image", "--param", "Examples:");
        Run helpEdit = run(Map.of(), "help", "edit");
        assertThat(helpEdit.status()).isZero();
        assertThat(helpEdit.out()).contains("--prompt", "Examples:");
        assertThat(run(Map.of(), "help", "tasks").out()).contains("wait", "download", "cancel");
    }

    @Test
    void aBaseUrlWithoutASchemeIsAUsageErrorNotAStackTrace() {
        for (String url : List.of("127.0.0.1:8080", "localhost:8080", "www.runninghub.cn")) {
            Run r = run(Map.of(), "account", "--base-url", url, "--api-key", "k");
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.err()).contains("must start with http:// or https://").doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void aBadKeyReadsTheSameInEveryCommand() {
        List<String> lines = new ArrayList<>();
        for (String[] args : List.of(new String[] {"account"}, new String[] {"tasks", "list"}, new String[] {"tasks", "cancel", "1383453458050519040"},
                new String[] {"edit", source.toString(), "-p", "mirror", "-o", dir.resolve("never2.mp4").toString()})) {
            List<String> all = new ArrayList<>(List.of(args));
            all.addAll(List.of("--base-url", idle.server.baseUrl(), "--api-key", "wrong-key"));
            Run r = run(Map.of(), all.toArray(String[]::new));
            assertThat(r.status()).as(String.join(" ", args)).isEqualTo(1);
            lines.add(r.err().strip().replaceAll("\\(code \\d+\\)|（代码 \\d+）", ""));
        }
        assertThat(lines).allSatisfy(l -> assertThat(l).contains("the API key was refused").contains("VEDIT_API_KEY"));
        assertThat(new java.util.HashSet<>(lines)).hasSize(1);
    }

    @Test
    void aFileTheModelCannotUseIsRefusedBeforeTheUploadWithTheFix() throws Exception {
        Path avi = dir.resolve("clip.avi");
        Files.copy(source, avi, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Run r = run(working, "edit", avi.toString(), "-p", "mirror", "-o", dir.resolve("never3.mp4").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("takes MP4").contains("ffmpeg -i clip.avi").doesNotContain("uploading");

        Path longClip = dir.resolve("long.mp4");
        Process p = ffmpeg.processBuilder(List.of("-v", "error", "-y", "-f", "lavfi", "-i", "color=c=gray:size=32x32:rate=5", "-t", "12",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", longClip.toString())).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(log).isTrue();
        Run tooLong = run(working, "edit", longClip.toString(), "-p", "mirror", "-o", dir.resolve("never4.mp4").toString());
        assertThat(tooLong.status()).isEqualTo(1);
        assertThat(tooLong.err()).contains("(code 2004)").contains("to fix: keep the first 10 s").contains("ffmpeg -i long.mp4 -t 10");
    }

    @Test
    void tasksWaitAndDownloadFinishATaskSubmittedElsewhere() throws IOException {
        VeditClient sdk = VeditClient.builder().baseUrl(working.server.baseUrl()).apiKey(working.keyA).build();
        String video = sdk.upload(source).downloadUrl();
        String id = sdk.submit(Edits.klingO3Pro().prompt("mirror it").videoUrl(video).build()).taskId();
        Run wait = run(working, "tasks", "wait", id, "--timeout", "2m");
        assertThat(wait.status()).as(wait.err()).isZero();
        assertThat(wait.out()).contains("task " + id + " succeeded").contains("vedit tasks download " + id);
        Path out = dir.resolve("downloaded.mp4");
        Run download = run(working, "tasks", "download", id, "-o", out.toString());
        assertThat(download.status()).as(download.err()).isZero();
        assertThat(ffmpeg.probe(out, Duration.ofSeconds(20)).videoCodec()).isEqualTo("h264");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-r--r--");

        String queued = VeditClient.builder().baseUrl(idle.server.baseUrl()).apiKey(idle.keyA).build()
                .submit(Edits.klingO3Pro().prompt("mirror it").videoUrl("https://cdn.example.com/a.mp4").build()).taskId();
        Run notYet = run(idle, "tasks", "download", queued);
        assertThat(notYet.status()).isEqualTo(2);
        assertThat(notYet.err()).contains("QUEUED").contains("vedit tasks wait " + queued);
        run(idle, "tasks", "cancel", queued);
        Run failed = run(idle, "tasks", "download", queued);
        assertThat(failed.status()).isEqualTo(1);
        assertThat(failed.err()).contains("2002");
    }
}
