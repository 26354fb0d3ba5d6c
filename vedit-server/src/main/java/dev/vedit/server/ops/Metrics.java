package dev.vedit.server.ops;

import dev.vedit.server.engine.Engine;
import dev.vedit.server.task.Task;
import dev.vedit.server.task.TaskListener;
import dev.vedit.server.task.TaskReads;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.ModelCatalog;
import dev.vedit.wire.TaskStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The service's metrics in Prometheus format: tasks by status and model, queue depth, task durations and
 * queue waits, engine time, webhook deliveries and HTTP latency. Task counts come from the database (so every
 * node of a cluster reports the same totals) and are cached briefly, so scraping cannot load the database.
 */
public final class Metrics implements TaskListener {
    /** Counts read from the database are reused for this long. */
    static final Duration COUNTS_TTL = Duration.ofSeconds(2);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Supplier<List<TaskReads.StatusCount>> counts;
    private final Clock clock;
    private final MultiGauge tasks;
    private volatile long queued;
    private long countsReadAt;
    private boolean countsRead;

    /** @param counts reads the current task counts by model and status (e.g. {@code TaskReads::countsByModel}) */
    public Metrics(Supplier<List<TaskReads.StatusCount>> counts, Clock clock) {
        this.counts = counts;
        this.clock = clock;
        tasks = MultiGauge.builder("vedit.tasks").description("Tasks in the database by model endpoint and status").register(registry);
        Gauge.builder("vedit.queue.depth", () -> queued).description("Tasks waiting to be claimed by a worker").register(registry);
        // The JVM and the process: heap and GC pauses, threads, CPU, open files, uptime.
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        // Counters exist from the start, at zero, so alerts on their rate work before the first event.
        for (String outcome : WEBHOOK_OUTCOMES) {
            webhookCounter(outcome);
        }
        for (ErrorCode code : ErrorCode.values()) {
            refusalCounter(code);
        }
    }

    /** What {@code vedit_webhook_deliveries_total} counts (the dispatcher's outcomes). */
    static final List<String> WEBHOOK_OUTCOMES = List.of("delivered", "retry", "failed", "gone");

    /*
     * Histogram buckets chosen for what is measured (Micrometer's percentile histogram has ~69 buckets a series):
     * HTTP replies in milliseconds to seconds; queue waits from a wake-up (ms) to a long queue (minutes); task and
     * engine runs from a second to the 15-minute task limit.
     */
    private static final Duration[] HTTP_BUCKETS = millis(5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000);
    private static final Duration[] WAIT_BUCKETS = millis(10, 50, 100, 500, 1_000, 5_000, 15_000, 60_000, 300_000, 900_000);
    private static final Duration[] RUN_BUCKETS = millis(500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 120_000, 300_000, 900_000);

    private static Duration[] millis(long... values) {
        Duration[] d = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = Duration.ofMillis(values[i]);
        }
        return d;
    }

    private Counter webhookCounter(String outcome) {
        return Counter.builder("vedit.webhook.deliveries").description("Webhook delivery attempts by outcome").tag("outcome", outcome)
                .register(registry);
    }

    private Counter refusalCounter(ErrorCode code) {
        return Counter.builder("vedit.refusals").description("Error replies by code (HTTP 200 business errors included; 1002 is a refused API key)")
                .tag("code", code.code()).register(registry);
    }

    /** Counts one error reply; business errors are HTTP 200, so the HTTP metrics cannot show them. */
    public void refused(ErrorCode code) {
        refusalCounter(code).increment();
    }

    /** The Prometheus text exposition of every metric, task counts refreshed when older than {@link #COUNTS_TTL}. */
    public synchronized String scrape() {
        long now = clock.millis();
        if (!countsRead || now - countsReadAt >= COUNTS_TTL.toMillis()) {
            refreshCounts();
            countsReadAt = now;
            countsRead = true;
        }
        return registry.scrape();
    }

    private void refreshCounts() {
        // Every known model and status is reported, zeros included, so dashboards see a series before its first task.
        Map<List<String>, Long> byKey = new TreeMap<>(java.util.Comparator.comparing(Object::toString));
        for (String endpoint : ModelCatalog.standard().paths()) {
            ModelCatalog.standard().byPath(endpoint).ifPresent(m -> {
                for (TaskStatus s : TaskStatus.values()) {
                    byKey.put(List.of(m.endpoint(), s.name()), 0L);
                }
            });
        }
        long waiting = 0;
        for (TaskReads.StatusCount c : counts.get()) {
            byKey.put(List.of(c.endpoint(), c.status().name()), c.count());
            if (c.status() == TaskStatus.QUEUED) {
                waiting += c.count();
            }
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        byKey.forEach((key, n) -> rows.add(MultiGauge.Row.of(Tags.of("model", key.get(0), "status", key.get(1)), n)));
        tasks.register(rows, true);
        queued = waiting;
    }

    /** Records a finished task: how long its last attempt ran and how long it waited to be claimed. */
    @Override
    public void taskEnded(Task task) {
        if (task.startedAt() == null) {
            return; // cancelled while queued: it never ran
        }
        Tags tags = Tags.of("model", task.endpoint(), "status", task.status().name());
        long end = task.finishedAt() != null ? task.finishedAt() : clock.millis();
        Timer.builder("vedit.task.duration").description("Run time of a task's last attempt, claim to end").tags(tags)
                .serviceLevelObjectives(RUN_BUCKETS).register(registry).record(Duration.ofMillis(Math.max(0, end - task.startedAt())));
        Timer.builder("vedit.task.queue.wait").description("Time from submit to the claim of the task's last attempt")
                .tags("model", task.endpoint()).serviceLevelObjectives(WAIT_BUCKETS).register(registry)
                .record(Duration.ofMillis(Math.max(0, task.startedAt() - task.createdAt())));
    }

    /** Counts one webhook delivery attempt, e.g. {@code delivered}, {@code failed}, {@code gave_up}. */
    public void webhookDelivered(String outcome) {
        webhookCounter(outcome).increment();
    }

    /** The engine, with the time each run takes recorded by engine name and outcome. */
    public Engine timed(Engine engine) {
        return new TimedEngine(engine, outcome -> Timer.builder("vedit.engine.time").description("Wall time of engine runs")
                .tags("engine", engine.name(), "outcome", outcome).serviceLevelObjectives(RUN_BUCKETS).register(registry));
    }

    /** One gauge per remote route of each engine: 1 when a task sent there would run, 0 when not (see /healthz). */
    public void engineRoutes(List<dev.vedit.server.engine.Engine> engines) {
        for (dev.vedit.server.engine.Engine engine : engines) {
            for (dev.vedit.server.engine.RouteHealth route : engine.health()) {
                Gauge.builder("vedit.engine.route.ready", () -> engine.health().stream()
                                .filter(r -> r.endpoint().equals(route.endpoint()) && r.server().equals(route.server()))
                                .anyMatch(dev.vedit.server.engine.RouteHealth::ready) ? 1 : 0)
                        .description("Whether a task sent to this engine route would run (1) or fail at once (0)")
                        .tags("engine", engine.name(), "endpoint", route.endpoint(), "server", route.server()).register(registry);
            }
        }
    }

    void httpRequest(String method, String route, int status, Duration elapsed) {
        Timer.builder("vedit.http.requests").description("HTTP requests by method, route template and status")
                .tags("method", method, "route", route, "status", Integer.toString(status))
                .serviceLevelObjectives(HTTP_BUCKETS).register(registry).record(elapsed);
    }
}
