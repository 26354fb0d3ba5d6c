package dev.vedit.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;
import static org.awaitility.Awaitility.await;

import dev.vedit.sdk.EditRequest;
import dev.vedit.sdk.Edits;
import dev.vedit.sdk.InvalidRequestException;
import dev.vedit.sdk.TaskFailedException;
import dev.vedit.sdk.VeditClient;
import dev.vedit.server.facts.MediaInfo;
import dev.vedit.server.http.TestServer;
import dev.vedit.wire.QueryReply;
import dev.vedit.wire.SubmitReply;
import dev.vedit.wire.TaskResult;
import dev.vedit.wire.UploadReply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real edits through the Java SDK, exactly as a user's program does them: upload, submit, wait, download; the
 * output is checked with ffprobe and pixel statistics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EditEndToEndTest {
    @TempDir
    static Path dir;
    TestServer s;
    VeditClient client;
    Clips clips;
    Path source;
    String sourceUrl;

    @BeforeAll
    void start() throws IOException {
        s = new TestServer(dir.resolve("server"));
        client = VeditClient.builder().baseUrl(s.server.baseUrl()).apiKey(s.keyA)
                .pollInterval(Duration.ofMillis(100), Duration.ofMillis(300)).build();
        clips = new Clips(dir.resolve("server").resolve("cache"));
        source = clips.clip(dir.resolve("source.mp4"), 320, 240, 2.0);
        sourceUrl = client.upload(source).downloadUrl();
    }

    @AfterAll
    void stop() {
        s.close();
    }

    /** Submits, waits for the end, and returns the final reply of the successful task. */
    QueryReply edit(EditRequest request) {
        SubmitReply submitted = client.submit(request);
        assertThat(submitted.status()).isEqualTo("QUEUED");
        return client.waitFor(submitted.taskId(), Duration.ofSeconds(90));
    }

    Path download(QueryReply reply, String name) {
        assertThat(reply.status()).isEqualTo("SUCCESS");
        TaskResult result = reply.results().get(0);
        assertThat(result.outputType()).isEqualTo("mp4");
        return client.download(result.url(), dir.resolve(name));
    }

    MediaInfo probe(Path file) {
        return clips.ffmpeg().probe(file, Duration.ofSeconds(20));
    }

    @Test
    void uploadAnswersWithADownloadUrlAndAContentAddressedName() throws IOException {
        UploadReply.Uploaded r = client.upload(source);
        assertThat(r.type()).isEqualTo("video");
        assertThat(r.fileName()).matches("openapi/[0-9a-f]{64}\\.mp4");
        assertThat(r.size()).isEqualTo(Long.toString(Files.size(source)));
        try (var in = Files.newInputStream(source)) {
            assertThat(client.upload(in, "same.mp4").fileName()).isEqualTo(r.fileName());
        }
    }

    @Test
    void blackAndWhiteOutputHasNoChroma() throws IOException {
        Path out = download(edit(Edits.klingO3Pro().prompt("make it black and white").videoUrl(sourceUrl).build()), "bw.mp4");
        MediaInfo info = probe(out);
        assertThat(info.videoCodec()).isEqualTo("h264");
        assertThat(info.audioCodec()).isEqualTo("aac");
        assertThat(info.width()).isEqualTo(320);
        assertThat(info.durationSeconds()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.15));
        byte[] yuv = clips.frame(out, 1.0, "yuv420p");
        int luma = 320 * 240;
        double maxChromaDeviation = 0;
        for (int i = luma; i < yuv.length; i++) {
            maxChromaDeviation = Math.max(maxChromaDeviation, Math.abs((yuv[i] & 0xff) - 128));
        }
        assertThat(maxChromaDeviation).isLessThanOrEqualTo(3);
    }

    @Test
    void aMirroredFrameEqualsTheFlippedSourceFrame() throws IOException {
        Path out = download(edit(Edits.klingO3Pro().prompt("镜像").videoUrl(sourceUrl).build()), "mirror.mp4");
        byte[] src = clips.frame(source, 1.0, "rgb24");
        byte[] dst = clips.frame(out, 1.0, "rgb24");
        assertThat(dst).hasSameSizeAs(src);
        long diff = 0;
        for (int y = 0; y < 240; y++) {
            for (int x = 0; x < 320; x++) {
                for (int c = 0; c < 3; c++) {
                    diff += Math.abs((src[(y * 320 + x) * 3 + c] & 0xff) - (dst[(y * 320 + (319 - x)) * 3 + c] & 0xff));
                }
            }
        }
        assertThat(diff / (320.0 * 240 * 3)).isLessThan(6);
    }

    @Test
    void speedAndMuteFromPromptAndOptionsShapeTheOutput() {
        Path out = download(edit(Edits.klingO3Pro().prompt("speed it up 2x").videoUrl(sourceUrl).keepOriginalSound(false).build()), "fast.mp4");
        MediaInfo info = probe(out);
        assertThat(info.durationSeconds()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.15));
        assertThat(info.hasAudio()).isFalse();
    }

    @Test
    void wanAspectRatioAndResolutionAreApplied() throws IOException {
        Path image = dir.resolve("ref.png");
        Files.write(image, Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"));
        String imageUrl = client.upload(image).downloadUrl();
        Path out = download(edit(Edits.wan27().prompt("flip it upside down").videoUrl(sourceUrl).imageUrls(imageUrl)
                .aspectRatio("9:16").resolution("720p").build()), "wan.mp4");
        MediaInfo info = probe(out);
        assertThat(info.width()).isEqualTo(720);
        assertThat(info.height()).isEqualTo(1280);
    }

    @Test
    void aDataUriInputIsStoredAtSubmitAndEdited() throws IOException {
        String dataUri = "data:video/mp4;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(source));
        Path out = download(edit(Edits.klingO3Pro().prompt("invert the colors").videoUrl(dataUri).build()), "inverted.mp4");
        assertThat(probe(out).hasVideo()).isTrue();
    }

    @Test
    void aVideoLongerThanTheModelAllowsIsRefusedAtSubmit() throws IOException {
        Path longClip = clips.clip(dir.resolve("long.mp4"), 160, 120, 11.0);
        String url = client.upload(longClip).downloadUrl();
        assertThatThrownBy(() -> client.submit(Edits.klingO3Pro().prompt("mirror").videoUrl(url).build()))
                .asInstanceOf(type(InvalidRequestException.class))
                .satisfies(e -> {
                    assertThat(e.errorCode()).isEqualTo("2004");
                    assertThat(e.getMessage()).contains("at most 10 s");
                });
    }

    @Test
    void resultsSupportRangeRequests() throws IOException, InterruptedException {
        QueryReply done = edit(Edits.klingO3Pro().prompt("rotate 90 degrees").videoUrl(sourceUrl).build());
        String url = done.results().get(0).url();
        HttpResponse<byte[]> r = s.http.send(HttpRequest.newBuilder(URI.create(url)).header("Range", "bytes=0-99").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.body()).hasSize(100);
        assertThat(r.headers().firstValue("Content-Range").orElse("")).startsWith("bytes 0-99/");
    }

    @Test
    void aRunningTaskReportsFfmpegProgressAndCancellingItStopsItsFfmpeg() throws IOException {
        Path longClip = clips.clip(dir.resolve("cancel.mp4"), 640, 360, 60.0);
        String url = client.upload(longClip).downloadUrl();
        String taskId = client.submit(Edits.grokImagine().prompt("slow it down to half speed").videoUrl(url).resolution("720p").build()).taskId();
        // The percent comes from ffmpeg's -progress output: it moves off 0 while the render is far from done.
        QueryReply[] running = new QueryReply[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            running[0] = client.query(taskId);
            return running[0].status().equals("RUNNING") && running[0].progress() != null && running[0].progress() > 0;
        });
        assertThat(running[0].progress()).isBetween(1, 99);
        long cancelledAt = System.nanoTime();
        client.cancel(taskId);
        assertThatThrownBy(() -> client.waitFor(taskId, Duration.ofSeconds(10)))
                .asInstanceOf(type(TaskFailedException.class))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo("2002"));
        assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(5));
    }
}
