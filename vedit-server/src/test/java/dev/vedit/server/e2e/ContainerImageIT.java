package dev.vedit.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image that {@code -Pimage} builds with Jib (no Docker daemon): its layers hold the application and
 * a complete runtime, its configuration starts the service, and the runtime it carries really starts it. The image
 * is started without Docker and without chroot: the image's own dynamic loader runs the image's java with only the
 * image's libraries ({@code --inhibit-cache --library-path}), the image's classpath and exactly the image's
 * entrypoint and command. Run by failsafe in the {@code image} profile ({@code ./vedit test -Pimage}, {@code .ci/run}).
 */
@EnabledIfSystemProperty(named = "vedit.image.tar", matches = ".+")
class ContainerImageIT {
    private static final List<String> ENTRYPOINT = List.of("/opt/java/bin/java", "--enable-native-access=ALL-UNNAMED",
            "-XX:MaxRAMPercentage=75", "-cp", "@/app/jib-classpath-file", "dev.vedit.server.Main");
    private static final String LOADER = "/lib64/ld-linux-x86-64.so.2";
    private static final String SYSTEM_LIBS = "/lib/x86_64-linux-gnu";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private static JsonNode config;
    private static JsonNode manifest;
    /** Every path in the image (absolute) with its tar entry mode, later layers over earlier ones. */
    private static final Map<String, Integer> modes = new LinkedHashMap<>();
    private static Path rootfs;

    @BeforeAll
    static void unpack() throws IOException {
        Path tar = Path.of(System.getProperty("vedit.image.tar"));
        Path blobs = Files.createDirectories(work.resolve("blobs"));
        try (TarArchiveInputStream in = new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(tar)))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.isFile()) {
                    Files.copy(in, blobs.resolve(e.getName().replace('/', '_')), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        manifest = JSON.readTree(blobs.resolve("manifest.json").toFile()).get(0);
        config = JSON.readTree(blobs.resolve(manifest.get("Config").asText().replace('/', '_')).toFile()).get("config");
        rootfs = Files.createDirectories(work.resolve("rootfs"));
        for (JsonNode layer : manifest.get("Layers")) {
            Path blob = blobs.resolve(layer.asText().replace('/', '_'));
            try (InputStream raw = new BufferedInputStream(Files.newInputStream(blob));
                 TarArchiveInputStream in = new TarArchiveInputStream(gunzipIfNeeded(raw))) {
                for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    String path = "/" + e.getName().replaceFirst("^\\./", "").replaceFirst("^/", "").replaceFirst("/$", "");
                    modes.put(path, e.getMode() & 07777);
                    Path target = rootfs.resolve(path.substring(1)).normalize();
                    assertThat(target.startsWith(rootfs)).as("no entry escapes the root: %s", e.getName()).isTrue();
                    if (e.isDirectory()) {
                        Files.createDirectories(target);
                    } else if (e.isFile()) {
                        Files.createDirectories(target.getParent());
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(rwx(e.getMode() | 0600)));
                    } else {
                        throw new AssertionError("the image should hold only files and directories (links are copied): " + path);
                    }
                }
            }
        }
    }

    @Test
    void theConfigurationStartsTheServiceAsAnUnprivilegedUser() {
        assertThat(strings(config.get("Entrypoint"))).isEqualTo(ENTRYPOINT);
        assertThat(strings(config.get("Cmd"))).containsExactly("serve");
        assertThat(strings(config.get("Env"))).contains("VEDIT_HOST=0.0.0.0", "VEDIT_DATA_DIR=/data", "JAVA_HOME=/opt/java");
        assertThat(config.get("ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(config.get("Volumes").has("/data")).isTrue();
        assertThat(config.get("WorkingDir").asText()).isEqualTo("/data");
        assertThat(config.get("User").asText()).isEqualTo("10001:10001");
    }

    /**
     * The compose file (repository root) runs this image, sets only variables the service reads, and is the one the
     * README shows.
     */
    @Test
    void theComposeFileRunsThisImageWithOptionsTheServiceKnows() throws IOException {
        Path repo = Path.of("").toAbsolutePath().getParent();
        String compose = Files.readString(repo.resolve("compose.yaml"));
        assertThat(compose).contains("image: " + manifest.get("RepoTags").get(0).asText() + "\n");
        String sources;
        try (Stream<Path> files = Files.walk(repo.resolve("vedit-server/src/main/java"))) {
            StringBuilder all = new StringBuilder();
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                all.append(Files.readString(f));
            }
            sources = all.toString();
        }
        java.util.regex.Matcher names = java.util.regex.Pattern.compile("(?m)^\\s+(VEDIT_[A-Z0-9_]+):").matcher(compose);
        int count = 0;
        while (names.find()) {
            count++;
            String name = names.group(1);
            assertThat(sources.contains("\"" + name + "\"") || dev.vedit.server.Main.optionVariables().contains(name))
                    .as("the service reads %s", name).isTrue();
        }
        assertThat(count).isGreaterThanOrEqualTo(7);
        assertThat(Files.readString(repo.resolve("README.md"))).as("the README shows compose.yaml as it is").contains(compose);
    }

    @Test
    void theLayersHoldTheApplicationAndAWholeRuntime() throws IOException {
        assertThat(modes).containsKeys("/app/classes/dev/vedit/server/Main.class", "/app/jib-classpath-file",
                "/opt/java/lib/modules", "/opt/java/lib/server/libjvm.so", "/opt/java/lib/security/cacerts",
                SYSTEM_LIBS + "/libc.so.6", SYSTEM_LIBS + "/libstdc++.so.6", SYSTEM_LIBS + "/libpulse.so.0", "/etc/passwd");
        assertThat(modes.get("/opt/java/bin/java")).as("java is executable").isEqualTo(0755);
        assertThat(modes.get("/opt/java/lib/jspawnhelper")).as("child processes (FFmpeg) are started through it").isEqualTo(0755);
        assertThat(modes.get(LOADER)).isEqualTo(0755);
        assertThat(modes.get("/data")).as("the data dir is writable by the service's user").isEqualTo(0777);
        assertThat(Files.readString(rootfs.resolve("etc/passwd"))).contains("vedit:x:10001:10001:vedit:/data:");

        List<String> classpath = classpath();
        assertThat(classpath).contains("/app/classes", "/app/resources");
        assertThat(classpath).anyMatch(p -> p.matches("/app/libs/vedit-wire-.*\\.jar"))
                .anyMatch(p -> p.matches("/app/libs/ffmpeg-.*-linux-x86_64-gpl\\.jar"))
                .anyMatch(p -> p.matches("/app/libs/opencv-.*-linux-x86_64\\.jar"));
        for (String entry : classpath) {
            assertThat(modes).as("classpath entry %s is in the image", entry).containsKey(entry);
        }
        assertThat(modes).containsKey("/app/resources/fonts/NotoSansHans-Regular.otf");
    }

    @Test
    void theImagesOwnRuntimeStartsTheServiceAndItsFfmpegRunsOnTheImagesLibraries() throws Exception {
        Path data = Files.createDirectories(work.resolve("data"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String key = UUID.randomUUID().toString().replace("-", "");
        List<String> command = new ArrayList<>(List.of(inImage(LOADER), "--inhibit-cache", "--library-path", inImage(SYSTEM_LIBS)));
        for (String arg : strings(config.get("Entrypoint"))) {
            command.add(arg.startsWith("@/app/") ? "@" + relocatedClasspathFile() : arg.startsWith("/") ? inImage(arg) : arg);
        }
        command.addAll(strings(config.get("Cmd")));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve("service.log").toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        for (String kv : strings(config.get("Env"))) {
            env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        // Only what a container runtime would have differed in: the published port, the mounted volume, the key.
        env.put("VEDIT_HOST", "127.0.0.1");
        env.put("VEDIT_PORT", Integer.toString(port));
        env.put("VEDIT_DATA_DIR", data.toString());
        env.put("VEDIT_API_KEY", key);
        env.put("JDK_JAVA_OPTIONS", "-Duser.home=" + data + " -Xmx512m");
        pb.directory(data.toFile());
        Process service = pb.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptionsInstanceOf(IOException.class).untilAsserted(() -> {
                assertThat(service.isAlive()).as("the service exited:\n%s", log()).isTrue();
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(JSON.readTree(health.body()).path("status").asText()).isEqualTo("ok");
            });
            HttpResponse<String> account = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/uc/openapi/accountStatus"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(JSON.readTree(account.body()).path("code").asInt()).as(account.body()).isZero();
            assertThat(log()).contains("bundled").doesNotContain("Exception");

            // The service unpacked its FFmpeg into the data dir: it runs on the image's libraries alone.
            Path ffmpeg;
            try (Stream<Path> files = Files.walk(data.resolve("cache"))) {
                ffmpeg = files.filter(p -> p.getFileName().toString().equals("ffmpeg")).findFirst().orElseThrow();
            }
            Process version = new ProcessBuilder(inImage(LOADER), "--inhibit-cache", "--library-path",
                    inImage(SYSTEM_LIBS) + ":" + ffmpeg.getParent(), ffmpeg.toString(), "-version").redirectErrorStream(true).start();
            String out = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(version.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(version.exitValue()).as(out).isZero();
            assertThat(out).startsWith("ffmpeg version");
        } finally {
            service.destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    private static String log() throws IOException {
        return Files.readString(work.resolve("service.log"));
    }

    private static List<String> classpath() throws IOException {
        return List.of(Files.readString(rootfs.resolve("app/jib-classpath-file")).strip().split(":"));
    }

    /** The image's classpath file with its entries moved under the unpacked root. */
    private static Path relocatedClasspathFile() throws IOException {
        Path file = work.resolve("classpath");
        Files.writeString(file, String.join(":", classpath().stream().map(ContainerImageIT::inImage).toList()));
        return file;
    }

    private static String inImage(String absolute) {
        return rootfs.resolve(absolute.substring(1)).toString();
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    private static InputStream gunzipIfNeeded(InputStream in) throws IOException {
        in.mark(2);
        int a = in.read();
        int b = in.read();
        in.reset();
        return a == 0x1f && b == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }

    private static String rwx(int mode) {
        StringBuilder s = new StringBuilder();
        for (int shift = 6; shift >= 0; shift -= 3) {
            int bits = (mode >> shift) & 7;
            s.append((bits & 4) != 0 ? 'r' : '-').append((bits & 2) != 0 ? 'w' : '-').append((bits & 1) != 0 ? 'x' : '-');
        }
        return s.toString();
    }
}
