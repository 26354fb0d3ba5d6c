package dev.vedit.server.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Whether this node can accept work now, for {@code /healthz}: a load balancer or orchestrator takes a node out
 * when it answers 503. "The process is up" is not enough: with the database down or the disk full every submit
 * fails, and a health check that still says "ok" keeps sending clients there.
 *
 * <p>Each check answers {@code null} when fine, or a short reason (no paths, addresses or versions: the endpoint
 * is open to anyone). Results are kept for {@link #CACHE} so a flood of health checks costs nothing.
 */
public final class Health {
    /** Below this much free space on the data volume, a node takes no more work: a task's files need room. */
    public static final long MIN_FREE_BYTES = 64L * 1024 * 1024;
    static final Duration CACHE = Duration.ofSeconds(1);

    /** One named check: {@code null} when fine, otherwise why not. */
    public record Check(String name, Callable<String> problem) {
    }

    /** What the checks found: {@code checks} maps each name to {@code "ok"} or its problem. */
    public record Report(boolean ok, Map<String, String> checks) {
    }

    private final List<Check> checks;
    private volatile Report last;
    private volatile long lastAt;

    public Health(List<Check> checks) {
        this.checks = List.copyOf(checks);
    }

    public Report report() {
        long now = System.nanoTime();
        Report cached = last;
        if (cached != null && now - lastAt < CACHE.toNanos()) {
            return cached;
        }
        Map<String, String> results = new LinkedHashMap<>();
        boolean ok = true;
        for (Check check : checks) {
            String problem;
            try {
                problem = check.problem().call();
            } catch (Exception e) {
                problem = "check failed (" + e.getClass().getSimpleName() + ")";
            }
            results.put(check.name(), problem == null ? "ok" : problem);
            ok &= problem == null;
        }
        Report report = new Report(ok, Map.copyOf(results));
        last = report;
        lastAt = now;
        return report;
    }

    /** Free space on the volume holding {@code dir}: enough for a task's files, or why not. */
    public static Check freeSpace(Path dir) {
        return new Check("disk", () -> {
            long free = Files.getFileStore(dir).getUsableSpace();
            return free >= MIN_FREE_BYTES ? null
                    : "only " + free / (1024 * 1024) + " MB free on the data volume (at least " + MIN_FREE_BYTES / (1024 * 1024) + " MB needed)";
        });
    }

    /** Whether files can be created in {@code dir} (a full or read-only volume, a broken mount): one is written and removed. */
    public static Check writable(String name, Path dir) {
        return new Check(name, () -> {
            Path probe = null;
            try {
                probe = Files.createTempFile(dir, ".health-", ".tmp");
                Files.write(probe, new byte[] {1});
                return null;
            } catch (IOException e) {
                return "cannot write files (" + e.getClass().getSimpleName() + ")";
            } finally {
                if (probe != null) {
                    Files.deleteIfExists(probe);
                }
            }
        });
    }
}
