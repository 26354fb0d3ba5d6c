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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Upload and download of one large file through the HTTP API (multipart upload streamed by the client,
 * plain GET), beside a copy of the same file on the same disk. The heap figure is the largest heap in use
 * right after any garbage collection during the transfers, minus the same before them: what the service
 * holds, not the garbage it makes (the client runs in the same JVM, so this is an upper bound).
 */
final class MediaBench implements Bench.Suite {
    private static final Pattern DOWNLOAD_URL = Pattern.compile("\"download_url\":\"([^\"]+)\"");
    private static final double MB = 1024 * 1024;

    @Override
    public void run(Sizes sizes, Path workDir, Consumer<Figure> report) throws Exception {
        Path file = bigMp4(workDir.resolve("big.mp4"), sizes.mediaBytes());
        long size = Files.size(file);
        double copySeconds = timed(() -> Files.copy(file, workDir.resolve("copy.mp4")));
        Files.delete(workDir.resolve("copy.mp4"));
        double copyRate = size / MB / copySeconds;

        long limit = size + 16 * 1024 * 1024;
        try (BenchServer s = new BenchServer(Media.serverDir(workDir.resolve("server"), Bench.cacheDir(workDir)), 0,
                VeditServer.Extras.NONE, c -> c.withMaxUploadBytes(limit));
             HeapWatch heap = new HeapWatch()) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String boundary = "vedit-bench-boundary";
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.mp4\"\r\n"
                    + "Content-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            HttpRequest upload = HttpRequest.newBuilder(URI.create(s.url("/openapi/v2/media/upload/binary")))
                    .header("Authorization", "Bearer " + BenchServer.KEY)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> stream(head, file, tail)),
                            head.length + size + tail.length))
                    .build();
            heap.start();
            String[] reply = new String[1];
            double upSeconds = timed(() -> reply[0] = client.send(upload, HttpResponse.BodyHandlers.ofString()).body());
            Matcher m = DOWNLOAD_URL.matcher(reply[0]);
            if (!m.find()) {
                throw new IllegalStateException("upload failed: " + reply[0]);
            }
            long[] received = new long[1];
            double downSeconds = timed(() -> {
                HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create(m.group(1))).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = r.body()) {
                    byte[] buffer = new byte[1 << 16];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        received[0] += n;
                    }
                }
            });
            if (received[0] != size) {
                throw new IllegalStateException("downloaded " + received[0] + " of " + size + " bytes");
            }
            String label = "file copy on the same disk";
            String mb = String.format(java.util.Locale.ROOT, "%.0fMB", size / MB);
            report.accept(Figure.of("media.upload." + mb, size / MB / upSeconds, "MB/s").against(copyRate, label));
            report.accept(Figure.of("media.download." + mb, size / MB / downSeconds, "MB/s").against(copyRate, label));
            report.accept(Figure.of("media.heap_growth", heap.growthAfterGc() / MB, "MB"));
            report.accept(Figure.of("media.heap_peak_sampled", heap.sampledPeakGrowth() / MB, "MB"));
        }
    }

    interface Action {
        void run() throws Exception;
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
