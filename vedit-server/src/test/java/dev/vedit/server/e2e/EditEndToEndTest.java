package dev.vedit.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vedit.server.ffmpeg.MediaInfo;
import dev.vedit.server.http.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real edits over HTTP, exactly as a hosted-service client does them: upload, submit, poll, download; the
 * output is checked with ffprobe and pixel statistics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EditEndToEndTest {
    private static final String O3 = "/openapi/v2/kling-video-o3-pro/video-edit";

    @TempDir
    static Path dir;
    TestServer s;
    Clips clips;
    Path source;
    String sourceUrl;

    @BeforeAll
    void start() throws IOException {
        s = new TestServer(dir.resolve("server"));
        clips = new Clips(dir.resolve("server").resolve("cache"));
        source = clips.clip(dir.resolve("source.mp4"), 320, 240, 2.0);
        sourceUrl = upload(source).path("data").path("download_url").asText();
    }

    @AfterAll
    void stop() {
        s.close();
    }

    JsonNode upload(Path file) throws IOException {
        String boundary = "----vedit" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(file));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = s.raw(HttpRequest.newBuilder(URI.create(s.url("/openapi/v2/media/upload/binary")))
                .header("Authorization", "Bearer " + s.keyA)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
        assertThat(r.statusCode()).isEqualTo(200);
        return s.json.readTree(r.body());
    }

    /** Submits, waits for the end, and returns the final query reply. */
    JsonNode edit(String endpoint, Map<String, Object> body) {
        JsonNode submitted = s.post(endpoint, s.keyA, body);
        assertThat(submitted.path("errorCode").asText()).as(submitted.toString()).isEmpty();
        String taskId = submitted.path("taskId").asText();
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = s.post("/openapi/v2/query", s.keyA, Map.of("taskId", taskId));
            String status = last[0].path("status").asText();
            return status.equals("SUCCESS") || status.equals("FAILED");
        });
        return last[0];
    }

    Path download(JsonNode reply, String name) throws IOException {
        assertThat(reply.path("status").asText()).as(reply.toString()).isEqualTo("SUCCESS");
        JsonNode result = reply.path("results").get(0);
        assertThat(result.path("outputType").asText()).isEqualTo("mp4");
        HttpResponse<byte[]> r;
        try {
            r = s.http.send(HttpRequest.newBuilder(URI.create(result.path("url").asText())).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
        assertThat(r.statusCode()).isEqualTo(200);
        Path out = dir.resolve(name);
        Files.write(out, r.body());
        return out;
    }

    MediaInfo probe(Path file) {
        return clips.ffmpeg().probe(file, Duration.ofSeconds(20));
    }

    @Test
    void uploadAnswersWithADownloadUrlAndAContentAddressedName() throws IOException {
        JsonNode r = upload(source);
        assertThat(r.path("code").asInt()).isZero();
        assertThat(r.path("message").asText()).isEqualTo("success");
        assertThat(r.path("data").path("type").asText()).isEqualTo("video");
        assertThat(r.path("data").path("fileName").asText()).matches("openapi/[0-9a-f]{64}\\.mp4");
        assertThat(r.path("data").path("size").asText()).isEqualTo(Long.toString(Files.size(source)));
    }

    @Test
    void blackAndWhiteOutputHasNoChroma() throws IOException {
        Path out = download(edit(O3, Map.of("prompt", "make it black and white", "videoUrl", sourceUrl)), "bw.mp4");
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
        Path out = download(edit(O3, Map.of("prompt", "镜像", "videoUrl", sourceUrl)), "mirror.mp4");
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
    void speedAndMuteFromPromptAndOptionsShapeTheOutput() throws IOException {
        Path out = download(edit(O3, Map.of("prompt", "speed it up 2x", "videoUrl", sourceUrl, "keepOriginalSound", false)), "fast.mp4");
        MediaInfo info = probe(out);
        assertThat(info.durationSeconds()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.15));
        assertThat(info.hasAudio()).isFalse();
    }

    @Test
    void wanAspectRatioAndResolutionAreApplied() throws IOException {
        Path image = dir.resolve("ref.png");
        Files.write(image, Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"));
        String imageUrl = upload(image).path("data").path("download_url").asText();
        Path out = download(edit("/openapi/v2/wan-2.7/video-edit", Map.of("prompt", "flip it upside down", "videoUrl", sourceUrl,
                "imageUrls", List.of(imageUrl), "aspectRatio", "9:16", "resolution", "720p")), "wan.mp4");
        MediaInfo info = probe(out);
        assertThat(info.width()).isEqualTo(720);
        assertThat(info.height()).isEqualTo(1280);
    }

    @Test
    void aDataUriInputIsStoredAtSubmitAndEdited() throws IOException {
        String dataUri = "data:video/mp4;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(source));
        Path out = download(edit(O3, Map.of("prompt", "invert the colors", "videoUrl", dataUri)), "inverted.mp4");
        assertThat(probe(out).hasVideo()).isTrue();
    }

    @Test
    void aVideoLongerThanTheModelAllowsIsRefusedAtSubmit() throws IOException {
        Path longClip = clips.clip(dir.resolve("long.mp4"), 160, 120, 11.0);
        String url = upload(longClip).path("data").path("download_url").asText();
        JsonNode r = s.post(O3, s.keyA, Map.of("prompt", "mirror", "videoUrl", url));
        assertThat(r.path("errorCode").asText()).isEqualTo("2004");
        assertThat(r.path("errorMessage").asText()).contains("at most 10 s");
    }

    @Test
    void resultsSupportRangeRequests() throws IOException, InterruptedException {
        JsonNode done = edit(O3, Map.of("prompt", "rotate 90 degrees", "videoUrl", sourceUrl));
        assertThat(done.path("status").asText()).isEqualTo("SUCCESS");
        String url = done.path("results").get(0).path("url").asText();
        HttpResponse<byte[]> r = s.http.send(HttpRequest.newBuilder(URI.create(url)).header("Range", "bytes=0-99").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.body()).hasSize(100);
        assertThat(r.headers().firstValue("Content-Range").orElse("")).startsWith("bytes 0-99/");
    }

    @Test
    void cancellingARunningTaskStopsItsFfmpeg() throws IOException {
        Path longClip = clips.clip(dir.resolve("cancel.mp4"), 640, 360, 60.0);
        String url = upload(longClip).path("data").path("download_url").asText();
        JsonNode submitted = s.post("/openapi/v2/rhart-video-g-official/edit-video", s.keyA,
                Map.of("prompt", "slow it down to half speed", "videoUrl", url, "resolution", "720p"));
        assertThat(submitted.path("errorCode").asText()).as(submitted.toString()).isEmpty();
        String taskId = submitted.path("taskId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                s.post("/openapi/v2/query", s.keyA, Map.of("taskId", taskId)).path("status").asText().equals("RUNNING"));
        long cancelledAt = System.nanoTime();
        assertThat(s.post("/task/openapi/cancel", s.keyA, Map.of("taskId", taskId)).path("code").asInt()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                s.post("/openapi/v2/query", s.keyA, Map.of("taskId", taskId)).path("status").asText().equals("FAILED"));
        assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(5));
        assertThat(s.post("/openapi/v2/query", s.keyA, Map.of("taskId", taskId)).path("errorCode").asText()).isEqualTo("2002");
    }
}
