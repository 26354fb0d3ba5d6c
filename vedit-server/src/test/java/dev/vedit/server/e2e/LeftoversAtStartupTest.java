package dev.vedit.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vedit.server.ffmpeg.TestMedia;
import dev.vedit.server.http.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a {@code kill -9} of the service leaves behind is removed when the service starts again on the same data
 * dir: FFmpeg processes still running on its files, and scratch files of submits and uploads that were in flight.
 */
class LeftoversAtStartupTest {
    @TempDir
    Path data;
    @TempDir
    Path elsewhere;

    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void killStragglers() {
        started.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void anFfmpegOrphanedOnThisDataDirIsKilledAtStartAndOneOnAnotherDirIsLeftAlone() throws Exception {
        ProcessHandle orphan = startOrphan(Files.createDirectories(data.toAbsolutePath().resolve("work").resolve("attempt-1")));
        ProcessHandle stranger = startOrphan(elsewhere.toAbsolutePath());
        assertThat(orphan.isAlive()).isTrue();
        assertThat(ProcessHandle.current().descendants().map(ProcessHandle::pid)).as("re-parented, like a killed service's child")
                .doesNotContain(orphan.pid());

        try (TestServer server = new TestServer(data)) {
            assertThat(orphan.isAlive()).as("the earlier run's ffmpeg").isFalse();
            assertThat(stranger.isAlive()).as("an ffmpeg that works on another data dir").isTrue();
        }
    }

    @Test
    void scratchFilesOfAnInterruptedRunAreRemovedAtStart() throws Exception {
        Path tmp = Files.createDirectories(data.resolve("tmp"));
        Files.write(Files.createDirectories(tmp.resolve("submit-3f0c")).resolve("input.mp4"), new byte[1024]);
        Files.write(tmp.resolve("upload-123.part"), new byte[1024]);

        try (TestServer server = new TestServer(data)) {
            try (var left = Files.list(tmp)) {
                assertThat(left.toList()).isEmpty();
            }
            assertThat(server.post("/openapi/v2/query", server.keyA, "{\"taskId\":\"1\"}").path("errorCode").asText())
                    .as("the service works with its emptied scratch dir").isEqualTo("1004");
        }
    }

    /**
     * Starts ffmpeg writing into {@code dir} from a shell that exits at once: the ffmpeg is re-parented away from this
     * JVM, as the children of a service killed with {@code kill -9} are.
     */
    private ProcessHandle startOrphan(Path dir) throws Exception {
        Path output = dir.resolve("out-" + System.nanoTime() + ".mkv");
        ProcessBuilder pb = TestMedia.ffmpeg().processBuilder(List.of());
        String ffmpeg = pb.command().getFirst();
        pb.command("sh", "-c", "\"$0\" -nostdin -loglevel quiet -re -f lavfi -i testsrc2=size=64x48:rate=5 -t 600 -y \"file:$1\""
                + " >/dev/null 2>&1 </dev/null &", ffmpeg, output.toString());
        Process shell = pb.start();
        assertThat(shell.waitFor()).isZero();
        ProcessHandle[] found = new ProcessHandle[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Optional<ProcessHandle> p = ProcessHandle.allProcesses()
                    .filter(h -> h.info().arguments().map(a -> Arrays.asList(a).contains("file:" + output)).orElse(false))
                    .findFirst();
            p.ifPresent(h -> found[0] = h);
            return p.isPresent();
        });
        started.add(found[0]);
        return found[0];
    }
}
