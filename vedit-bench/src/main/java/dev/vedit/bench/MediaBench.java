package dev.vedit.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.vedit.server.VeditServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Upload and download of one large file through the HTTP API (multipart upload streamed by the client, plain
 * GET), beside Debian's nginx on the same machine in the same run serving the same file and receiving the same
 * body to disk ({@link NginxPeer}); rounds alternate between the two so that load changes hit both, and each
 * side's best round counts. Then what bounds each transfer, measured alone: SHA-256 on this CPU, Jetty's
 * multipart parser, writing to the disk (with and without fsync) and loopback TCP.
 *
 * <p>The heap figure is the largest heap in use right after any garbage collection during the transfers, minus
 * the same before them: what the service holds, not the garbage it makes (the client runs in the same JVM, so
 * this is an upper bound).
 */
final class MediaBench implements Bench.Suite {
    private static final Pattern DOWNLOAD_URL = Pattern.compile("\"download_url\":\"([^\"]+)\"");
    private static final double MB = 1024 * 1024;
    private static final String BOUNDARY = "vedit-bench-boundary";

    @Override
    public void run(Sizes sizes, Path workDir, Consumer<Figure> report) throws Exception {
        Path docRoot = Files.createDirectories(workDir.resolve("files"));
        Path file = bigMp4(docRoot.resolve("big.mp4"), sizes.mediaBytes());
        long size = Files.size(file);
        String mb = String.format(java.util.Locale.ROOT, "%.0fMB", size / MB);
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.mp4\"\r\n"
                + "Content-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
        int rounds = sizes == Sizes.SMOKE ? 1 : 3;

        StringBuilder why = new StringBuilder();
        Optional<Path> nginxBinary = NginxPeer.binary(workDir, why);
        NginxPeer nginx = null;
        if (nginxBinary.isPresent()) {
            try {
                nginx = NginxPeer.start(nginxBinary.get(), Files.createDirectories(workDir.resolve("nginx")), docRoot);
            } catch (java.io.IOException e) {
                why.append(e.getMessage());
            }
        }
        if (nginx == null) {
            System.err.println("bench: media without its nginx baseline: " + why);
        }

        long limit = size + 16 * 1024 * 1024;
        double vUp = 0;
        double vDown = 0;
        double nUp = 0;
        double nDown = 0;
        try (BenchServer s = new BenchServer(Media.serverDir(workDir.resolve("server"), Bench.cacheDir(workDir)), 0,
                VeditServer.Extras.NONE, c -> c.withMaxUploadBytes(limit));
             HeapWatch heap = new HeapWatch()) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            heap.start();
            for (int round = 0; round < rounds; round++) {
                if (nginx != null) {
                    String target = nginx.url("/put/big-" + round + ".mp4");
                    flushWrites();
                    nUp = Math.max(nUp, size / MB / timed(() -> expect(client.send(HttpRequest.newBuilder(URI.create(target))
                            .PUT(body(head, file, tail, size)).build(), HttpResponse.BodyHandlers.ofString()), 201, 204)));
                    Files.deleteIfExists(workDir.resolve("nginx").resolve("put").resolve("big-" + round + ".mp4"));
                    String served = nginx.url("/big.mp4");
                    nDown = Math.max(nDown, size / MB / timed(() -> download(client, served, size)));
                }
                String[] reply = new String[1];
                HttpRequest upload = HttpRequest.newBuilder(URI.create(s.url("/openapi/v2/media/upload/binary")))
                        .header("Authorization", "Bearer " + BenchServer.KEY)
                        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                        .POST(body(head, file, tail, size))
                        .build();
                flushWrites();
                vUp = Math.max(vUp, size / MB / timed(() -> reply[0] = client.send(upload, HttpResponse.BodyHandlers.ofString()).body()));
                Matcher m = DOWNLOAD_URL.matcher(reply[0]);
                if (!m.find()) {
                    throw new IllegalStateException("upload failed: " + reply[0]);
                }
                vDown = Math.max(vDown, size / MB / timed(() -> download(client, m.group(1), size)));
            }
            Figure up = Figure.of("media.upload." + mb, vUp, "MB/s");
            Figure down = Figure.of("media.download." + mb, vDown, "MB/s");
            if (nginx != null) {
                up = up.against(nUp, "nginx " + nginx.version + " PUT of the same body to disk");
                down = down.against(nDown, "nginx " + nginx.version + " serving the same file");
            }
            report.accept(up);
            report.accept(down);
            report.accept(Figure.of("media.heap_growth", heap.growthAfterGc() / MB, "MB"));
            report.accept(Figure.of("media.heap_peak_sampled", heap.sampledPeakGrowth() / MB, "MB"));
        } finally {
            if (nginx != null) {
                nginx.close();
            }
        }
        bounds(file, head, tail, workDir, report);
    }

    /**
     * What each step of a transfer costs alone on this machine, one core each, over the same bytes: the upload is
     * bounded by receiving (loopback), parsing the multipart body, writing and hashing; the download by reading
     * the page cache into the socket.
     */
    private static void bounds(Path file, byte[] head, byte[] tail, Path workDir, Consumer<Figure> report) throws Exception {
        long size = Files.size(file);
        report.accept(Figure.of("media.bound.sha256", size / MB / timed(() -> sha256(file)), "MB/s"));
        report.accept(Figure.of("media.bound.multipart_parse", size / MB / timed(() -> parseMultipart(head, file, tail)), "MB/s"));
        Path written = workDir.resolve("written.bin");
        report.accept(Figure.of("media.bound.disk_write", size / MB / timed(() -> write(file, written, false)), "MB/s"));
        report.accept(Figure.of("media.bound.disk_write_fsync", size / MB / timed(() -> write(file, written, true)), "MB/s"));
        Files.deleteIfExists(written);
        report.accept(Figure.of("media.bound.loopback_tcp", size / MB / timed(() -> loopback(size)), "MB/s"));
    }

    private static void sha256(Path file) throws Exception {
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        digest.digest();
    }

    /** Jetty's multipart parser (the one the upload endpoint uses) over the body read from the page cache, parts discarded. */
    private static void parseMultipart(byte[] head, Path file, byte[] tail) throws Exception {
        long[] content = new long[1];
        org.eclipse.jetty.http.MultiPart.Parser parser = new org.eclipse.jetty.http.MultiPart.Parser(BOUNDARY,
                new org.eclipse.jetty.http.MultiPart.Parser.Listener() {
                    @Override
                    public void onPartContent(org.eclipse.jetty.io.Content.Chunk chunk) {
                        content[0] += chunk.remaining();
                    }
                });
        parser.parse(org.eclipse.jetty.io.Content.Chunk.from(java.nio.ByteBuffer.wrap(head), false));
        try (java.nio.channels.FileChannel in = java.nio.channels.FileChannel.open(file)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(1 << 16);
            while (in.read(buffer.clear()) > 0) {
                parser.parse(org.eclipse.jetty.io.Content.Chunk.from(buffer.flip(), false));
            }
        }
        parser.parse(org.eclipse.jetty.io.Content.Chunk.from(java.nio.ByteBuffer.wrap(tail), true));
        if (content[0] != Files.size(file)) {
            throw new IllegalStateException("the parser returned " + content[0] + " of " + Files.size(file) + " bytes");
        }
    }

    private static void write(Path from, Path to, boolean fsync) throws Exception {
        try (java.nio.channels.FileChannel in = java.nio.channels.FileChannel.open(from);
             java.nio.channels.FileChannel out = java.nio.channels.FileChannel.open(to, java.nio.file.StandardOpenOption.CREATE,
                     java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(1 << 20);
            while (in.read(buffer.clear()) > 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
            if (fsync) {
                out.force(true);
            }
        }
    }

    /** {@code size} bytes through a loopback TCP connection, from one thread to another: the wire's ceiling. */
    private static void loopback(long size) throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread sender = Thread.ofPlatform().start(() -> {
                try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), server.getLocalPort());
                     OutputStream out = s.getOutputStream()) {
                    byte[] block = new byte[1 << 16];
                    for (long left = size; left > 0; left -= block.length) {
                        out.write(block, 0, (int) Math.min(block.length, left));
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            long received = 0;
            try (java.net.Socket s = server.accept(); InputStream in = s.getInputStream()) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    received += n;
                }
            }
            sender.join();
            if (received != size) {
                throw new IllegalStateException("loopback carried " + received + " of " + size + " bytes");
            }
        }
    }

    private static void download(HttpClient client, String url, long size) throws Exception {
        HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        long received = 0;
        try (InputStream in = r.body()) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                received += n;
            }
        }
        if (r.statusCode() != 200 || received != size) {
            throw new IllegalStateException("GET " + url + ": HTTP " + r.statusCode() + ", " + received + " of " + size + " bytes");
        }
    }

    private static void expect(HttpResponse<String> r, int... statuses) {
        for (int s : statuses) {
            if (r.statusCode() == s) {
                return;
            }
        }
        throw new IllegalStateException(r.request().method() + " " + r.uri() + ": HTTP " + r.statusCode() + " " + r.body());
    }

    private static HttpRequest.BodyPublisher body(byte[] head, Path file, byte[] tail, long size) {
        return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> stream(head, file, tail)),
                head.length + size + tail.length);
    }

    interface Action {
        void run() throws Exception;
    }

    /**
     * Writes the dirty pages of earlier rounds to disk ({@code sync}) before an upload is timed: otherwise whichever
     * side writes while the kernel is still writing back the previous round's gigabyte is throttled, and a round's
     * figure says more about the one before it (nginx's upload ranged from 497 to 1174 MB/s between runs).
     */
    private static void flushWrites() throws InterruptedException {
        try {
            new ProcessBuilder("sync").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (java.io.IOException e) {
            // No sync command (not Linux or BSD): the rounds run as they come.
        }
    }

    private static double timed(Action action) throws Exception {
        long t = System.nanoTime();
        action.run();
        return (System.nanoTime() - t) / 1e9;
    }

    private static InputStream stream(byte[] head, Path file, byte[] tail) {
        try {
            return new SequenceInputStream(java.util.Collections.enumeration(List.of(new ByteArrayInputStream(head),
                    Files.newInputStream(file), new ByteArrayInputStream(tail))));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A file the upload accepts as MP4 (an {@code ftyp} box), then pseudo-random bytes up to {@code bytes}. */
    static Path bigMp4(Path file, long bytes) throws java.io.IOException {
        byte[] ftyp = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm', 'm', 'p', '4', '1'};
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(ftyp);
            byte[] block = new byte[1 << 20];
            java.util.SplittableRandom random = new java.util.SplittableRandom(7);
            for (int i = 0; i < block.length; i++) {
                block[i] = (byte) random.nextInt();
            }
            long left = bytes - ftyp.length;
            while (left > 0) {
                int n = (int) Math.min(block.length, left);
                block[0]++; // no two blocks alike, so nothing on the way can deduplicate them
                out.write(block, 0, n);
                left -= n;
            }
        }
        return file;
    }

    /** Heap in use after each garbage collection, and sampled every few milliseconds, from a baseline taken after a full GC. */
    static final class HeapWatch implements AutoCloseable {
        private final AtomicLong maxAfterGc = new AtomicLong();
        private final AtomicLong maxSampled = new AtomicLong();
        private final List<Runnable> removals = new ArrayList<>();
        private long baseline;
        private volatile boolean running;
        private Thread sampler;

        void start() {
            System.gc();
            baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            maxAfterGc.set(baseline);
            maxSampled.set(baseline);
            NotificationListener listener = (notification, handback) -> {
                if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    return;
                }
                var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long used = 0;
                for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (isHeapPool(e.getKey())) {
                        MemoryUsage u = e.getValue();
                        used += u.getUsed();
                    }
                }
                maxAfterGc.accumulateAndGet(used, Math::max);
            };
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                NotificationEmitter emitter = (NotificationEmitter) gc;
                emitter.addNotificationListener(listener, null, null);
                removals.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (javax.management.ListenerNotFoundException e) {
                        // already gone
                    }
                });
            }
            running = true;
            sampler = Thread.ofPlatform().daemon(true).start(() -> {
                while (running) {
                    maxSampled.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        private static boolean isHeapPool(String name) {
            return ManagementFactory.getMemoryPoolMXBeans().stream()
                    .anyMatch(p -> p.getName().equals(name) && p.getType() == java.lang.management.MemoryType.HEAP);
        }

        long growthAfterGc() {
            return Math.max(0, maxAfterGc.get() - baseline);
        }

        long sampledPeakGrowth() {
            return Math.max(0, maxSampled.get() - baseline);
        }

        @Override
        public void close() {
            running = false;
            removals.forEach(Runnable::run);
        }
    }
}
