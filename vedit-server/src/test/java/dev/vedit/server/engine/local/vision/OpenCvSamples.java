package dev.vedit.server.engine.local.vision;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real footage nobody on this project made: the sample videos and images of Debian's {@code opencv-doc} package
 * ({@code vtest.avi}: pedestrians under a static camera; {@code Megamind.avi}: a film trailer with close-up
 * faces; {@code messi5.jpg}). Obtained on first use into {@code target/opencv-samples}: {@code apt-get download}
 * when apt knows the package, otherwise the pinned .deb from deb.debian.org (checked by sha256); unpacked with
 * {@code dpkg-deb}. Any failure fails the test that asked, saying why; nothing is skipped.
 */
final class OpenCvSamples {
    static final String MEGAMIND = "Megamind.avi";
    static final String VTEST = "vtest.avi";
    static final String MESSI = "messi5.jpg";
    private static final List<String> FILES = List.of(MEGAMIND, VTEST, MESSI);
    private static final Path DIR = Path.of("target", "opencv-samples").toAbsolutePath();
    private static final String MEMBER_DIR = "./usr/share/doc/opencv-doc/examples/data/";
    private static final URI PINNED = URI.create(
            "https://deb.debian.org/debian/pool/main/o/opencv/opencv-doc_4.6.0+dfsg-12_all.deb");
    private static final String PINNED_SHA256 = "4b12681df35878207ac7097dc66184b2ae552e4bf4ddd2af04a0f03ed0b8682a";
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(10);

    private OpenCvSamples() {
    }

    /** The sample file {@code name}, obtaining the package first if needed. */
    static synchronized Path file(String name) throws Exception {
        Path file = DIR.resolve(name).toAbsolutePath();
        if (FILES.stream().allMatch(f -> Files.isRegularFile(DIR.resolve(f)))) {
            return file;
        }
        Files.createDirectories(DIR);
        Path work = Files.createTempDirectory(DIR, "download-");
        try {
            Path deb = download(work);
            List<String> members = FILES.stream().map(f -> MEMBER_DIR + f).toList();
            List<String> untar = new ArrayList<>(List.of("tar", "-x", "-C", work.toString()));
            untar.addAll(members);
            run(work, "dpkg-deb --fsys-tarfile " + quoted(deb.toString()) + " | " + String.join(" ", untar.stream().map(OpenCvSamples::quoted).toList()));
            for (String f : FILES) {
                Files.move(work.resolve(MEMBER_DIR + f).normalize(), DIR.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            run(DIR, "rm -rf " + quoted(work.toAbsolutePath().toString()));
        }
        return file;
    }

    private static Path download(Path work) throws Exception {
        String aptOutput = "";
        try {
            aptOutput = run(work, "apt-get download opencv-doc");
            try (var listing = Files.list(work)) {
                var deb = listing.filter(p -> p.getFileName().toString().endsWith(".deb")).findFirst();
                if (deb.isPresent()) {
                    return deb.get();
                }
            }
        } catch (IllegalStateException e) {
            aptOutput = e.getMessage();
        }
        Path deb = work.resolve("opencv-doc.deb");
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<Path> response = client.send(HttpRequest.newBuilder(PINNED).timeout(STEP_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofFile(deb));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("cannot obtain opencv-doc: apt-get download said [" + aptOutput.strip()
                    + "] and " + PINNED + " answered " + response.statusCode());
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(deb)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
            }
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        if (!actual.equals(PINNED_SHA256)) {
            throw new IllegalStateException(PINNED + " has sha256 " + actual + ", expected " + PINNED_SHA256);
        }
        return deb;
    }

    private static String run(Path dir, String shellCommand) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-o", "pipefail", "-c", shellCommand).directory(dir.toFile())
                .redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes());
        }
        if (!process.waitFor(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(shellCommand + " did not finish in " + STEP_TIMEOUT);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(shellCommand + " failed (" + process.exitValue() + "): " + output);
        }
        return output;
    }

    private static String quoted(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
