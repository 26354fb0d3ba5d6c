package dev.vedit.server.ops;

import dev.vedit.server.engine.Engine;
import dev.vedit.server.task.Task;
import dev.vedit.server.task.TaskListener;
import dev.vedit.server.task.TaskStore;
import dev.vedit.wire.ModelCatalog;
import dev.vedit.wire.TaskStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
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
    private final Supplier<List<TaskStore.StatusCount>> counts;
    private final Clock clock;
    private final MultiGauge tasks;
    private volatile long queued;
    private long countsReadAt;
    private boolean countsRead;

    /** @param counts reads the current task counts by model and status (e.g. {@code TaskStore::countsByModel}) */
    public Metrics(Supplier<List<TaskStore.StatusCount>> counts, Clock clock) {
        this.counts = counts;
        this.clock = clock;
        tasks = MultiGauge.builder("vedit.tasks").description("Tasks in the database by model endpoint and status").register(registry);
        Gauge.builder("vedit.queue.depth", () -> queued).description("Tasks waiting to be claimed by a worker").register(registry);
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
        for (TaskStore.StatusCount c : counts.get()) {
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
                .publishPercentileHistogram().register(registry).record(Duration.ofMillis(Math.max(0, end - task.startedAt())));
        Timer.builder("vedit.task.queue.wait").description("Time from submit to the claim of the task's last attempt")
                .tags("model", task.endpoint()).publishPercentileHistogram().register(registry)
                .record(Duration.ofMillis(Math.max(0, task.startedAt() - task.createdAt())));
    }

    /** Counts one webhook delivery attempt, e.g. {@code delivered}, {@code failed}, {@code gave_up}. */
    public void webhookDelivered(String outcome) {
        Counter.builder("vedit.webhook.deliveries").description("Webhook delivery attempts by outcome").tag("outcome", outcome)
                .register(registry).increment();
    }

    /** The engine, with the time each run takes recorded by engine name and outcome. */
    public Engine timed(Engine engine) {
        return new TimedEngine(engine, outcome -> Timer.builder("vedit.engine.time").description("Wall time of engine runs")
                .tags("engine", engine.name(), "outcome", outcome).publishPercentileHistogram().register(registry));
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
                .publishPercentileHistogram().register(registry).record(elapsed);
    }
}
