package dev.vedit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vedit.sdk.NodeInfo;
import dev.vedit.sdk.NotFoundException;
import dev.vedit.sdk.InvalidRequestException;
import dev.vedit.sdk.VeditClient;
import dev.vedit.server.EngineSettings;
import dev.vedit.server.Main;
import dev.vedit.server.engine.comfyui.FakeComfyUi;
import dev.vedit.server.ffmpeg.TestMedia;
import dev.vedit.server.http.TestServer;
import dev.vedit.wire.QueryReply;
import dev.vedit.wire.SubmitReply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vedit run} and the SDK's {@code runWorkflow} against a real server whose ComfyUI is the tests' fake. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunWorkflowCliTest {
    static final String AV = """
            {"1": {"class_type": "LoadVideo", "inputs": {"file": "placeholder.mp4"}},
             "2": {"class_type": "GetVideoComponents", "inputs": {"video": ["1", 0]}},
             "3": {"class_type": "CreateVideo", "inputs": {"images": ["2", 0], "fps": 25.0, "audio": ["2", 1]}},
             "4": {"class_type": "SaveVideo", "inputs": {"video": ["3", 0], "filename_prefix": "video/out", "format": "auto", "codec": "auto"}},
             "6": {"class_type": "PrimitiveString", "inputs": {"value": "hello"}},
             "7": {"class_type": "PreviewAny", "inputs": {"source": ["6", 0]}}}""";

    @TempDir
    static Path dir;
    FakeComfyUi fake;
    TestServer server;
    Path clip;

    @BeforeAll
    void start() throws Exception {
        fake = new FakeComfyUi();
        Path data = dir.resolve("vedit");
        server = new TestServer(data, c -> c.withEngines(EngineSettings.localOnly()
                .withComfyUi(Map.of("default", List.of(URI.create(fake.url()))), null)));
        assertThat(new CommandLine(new Main()).execute("workflows", "add", "av", Files.writeString(dir.resolve("av.json"), AV).toString(),
                "--data-dir", data.toString())).isZero();
        clip = TestMedia.clip(dir, "clip.mp4", 2);
    }

    @AfterAll
    void stop() {
        server.close();
        fake.close();
    }

    record Run(int status, String out, String err) {
    }

    Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--base-url", server.server.baseUrl(), "--api-key", server.keyA));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(all.toArray(String[]::new), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void runUploadsLocalFilesShowsProgressAndDownloadsEveryOutput() throws Exception {
        Path outDir = dir.resolve("out");
        Run r = run("run", "av", "--set", "1.file=" + clip, "--set", "6.value=a red fox", "-o", outDir.toString());
        assertThat(r.status()).as(r.err() + r.out()).isZero();
        assertThat(r.err()).contains("uploading clip.mp4").contains("submitted to workflow av").containsPattern("done\\s+\\[#{30}\\] 100%");
        List<Path> files;
        try (Stream<Path> s = Files.list(outDir)) {
            files = s.sorted().toList();
        }
        assertThat(files).hasSize(2);
        assertThat(files.get(0).getFileName().toString()).endsWith("-1-node4.mp4");
        assertThat(files.get(1).getFileName().toString()).endsWith("-2-node7.txt");
        assertThat(Files.readString(files.get(1))).isEqualTo("a red fox");
        assertThat(r.out()).contains("mp4 from node 4").contains("txt from node 7");
    }

    @Test
    void aRefusedRunExitsWith1AndABadSetWith2() {
        Run unknown = run("run", "nope");
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).contains("WORKFLOW_NOT_EXISTS");
        Run badNode = run("run", "av", "--set", "9.value=x");
        assertThat(badNode.status()).isEqualTo(1);
        assertThat(badNode.err()).contains("node 9 is not in the workflow");
        assertThat(run("run", "av", "--set", "value=x").status()).isEqualTo(2);
    }

    @Test
    void theSdkRunsAWorkflowAndMapsItsErrors() {
        VeditClient client = VeditClient.builder().baseUrl(server.server.baseUrl()).apiKey(server.keyA).build();
        String fileName = client.upload(clip).fileName();
        SubmitReply submitted = client.runWorkflow("av", NodeInfo.of("1", "file", fileName), NodeInfo.of("6", "value", "bonjour"));
        QueryReply done = client.waitFor(submitted.taskId(), Duration.ofMinutes(2));
        assertThat(done.status()).isEqualTo("SUCCESS");
        assertThat(done.results()).extracting(x -> x.nodeId() + ":" + x.outputType()).containsExactly("4:mp4", "7:txt");
        assertThatThrownBy(() -> client.runWorkflow("nope")).isInstanceOf(NotFoundException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> client.runWorkflow("av", NodeInfo.of("1", "nofield", "x")))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> client.runAiApp("123")).isInstanceOf(NotFoundException.class);
    }
}
