package dev.vedit.bench;

import dev.vedit.server.VeditServer;
import dev.vedit.server.engine.InputMode;
import dev.vedit.server.ffmpeg.Ffmpeg;
import dev.vedit.server.task.Task;
import dev.vedit.server.task.TaskListener;
import dev.vedit.wire.TaskStatus;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The queue end to end with a trivial engine: tasks submitted over HTTP, claimed by the workers, their input
 * fetched from a local HTTP host and probed, recorded as succeeded. Run on H2 and on PostgreSQL, and beside
 * pg-boss (npm) with as many workers on the same PostgreSQL in the same run: once with empty jobs (the queue
 * alone), once with jobs that fetch and probe the same input as each vedit task (the baseline the ratios use).
 * Throughput is a burst of tasks submitted by 16 clients, first submit to last end, after the same burst once
 * unmeasured on each side. Dispatch latency is measured apart, on tasks submitted one at a time to idle workers (in a
 * burst it would be queueing time): submit (the task row's creation) to claim (its start), from the rows themselves.
 */
final class QueueBench implements Bench.Suite {

    @Override
    public void run(Sizes sizes, Path workDir, Consumer<Figure> report) throws Exception {
        Path cache = Bench.cacheDir(workDir);
        Ffmpeg ffmpeg = Media.ffmpeg(cache);
        Path clip = Media.clip(ffmpeg, workDir.resolve("input.mp4"), 90, 3, false);
        report.accept(Figure.of("queue.input_probe", probeMillis(ffmpeg, clip), "ms/task"));
        try (FileServer host = new FileServer(clip); EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            // Each peer runs before the vedit runs set against it, so that its figures can stand beside theirs as each is measured.
            String connection = "postgres://postgres:postgres@127.0.0.1:" + pg.getPort() + "/postgres";
            String pgUrl = pg.getJdbcUrl("postgres", "postgres");
            PgBossPeer.Result bare = stage(report, "queue.pgboss",
                    () -> PgBossPeer.run(cache, connection, sizes.queueTasks(), sizes.dispatchSamples(), sizes.queueWorkers(), null, ffmpeg));
            if (bare != null) {
                report.accept(Figure.of("queue.pgboss.throughput", bare.perSecond(), "jobs/s"));
                report.accept(Figure.of("queue.pgboss.dispatch.p50", bare.p50(), "ms"));
                report.accept(Figure.of("queue.pgboss.dispatch.p99", bare.p99(), "ms"));
            }
            // The queue alone: the engine takes URLs, so the worker fetches and probes nothing, as pg-boss's empty jobs do nothing.
            // First after its peer: it is the quickest part, and on a busy machine the probing parts may run out of time.
            String emptyLabel = "pg-boss " + PgBossPeer.VERSION + " empty jobs";
            stage(report, "queue.h2.alone", () -> report(report, "queue.h2.alone", runOn(sizes, Media.serverDir(workDir.resolve("h2-alone"), cache),
                    null, host.url(), InputMode.URLS), bare, emptyLabel));
            stage(report, "queue.postgres.alone", () -> report(report, "queue.postgres.alone",
                    runOn(sizes, Media.serverDir(workDir.resolve("pg-alone"), cache), pgUrl, host.url(), InputMode.URLS), bare, emptyLabel));
            PgBossPeer.Result peer = bare == null ? null : stage(report, "queue.pgboss_fetch_probe",
                    () -> PgBossPeer.run(cache, connection, sizes.queueTasks(), sizes.dispatchSamples(), sizes.queueWorkers(), host.url(), ffmpeg));
            if (peer != null) {
                report.accept(Figure.of("queue.pgboss_fetch_probe.throughput", peer.perSecond(), "jobs/s"));
                report.accept(Figure.of("queue.pgboss_fetch_probe.dispatch.p50", peer.p50(), "ms"));
            }
            stage(report, "queue.h2.fair", () -> fairness(report, "queue.h2", sizes, Media.serverDir(workDir.resolve("h2-fair"), cache), null, host.url()));
            stage(report, "queue.postgres.fair", () -> fairness(report, "queue.postgres", sizes, Media.serverDir(workDir.resolve("pg-fair"), cache),
                    pgUrl, host.url()));
            String fetchLabel = "pg-boss " + PgBossPeer.VERSION + " jobs fetching and probing the same input";
            stage(report, "queue.h2", () -> report(report, "queue.h2", runOn(sizes, Media.serverDir(workDir.resolve("h2"), cache), null, host.url(),
                    InputMode.LOCAL_FILES), peer, fetchLabel));
            stage(report, "queue.postgres", () -> report(report, "queue.postgres", runOn(sizes, Media.serverDir(workDir.resolve("pg"), cache),
                    pgUrl, host.url(), InputMode.LOCAL_FILES), peer, fetchLabel));
        }
    }

    interface Stage<T> {
        T run() throws Exception;
    }

    /**
     * Runs one part of the benchmark; when it fails (a slow machine, a missing tool) its line says so and the next
     * part still runs.
     *
     * @return what the part returned, or {@code null} when it failed
     */
    static <T> T stage(Consumer<Figure> report, String name, Stage<T> stage) {
        try {
            return stage.run();
        } catch (Exception | AssertionError e) {
            report.accept(Bench.stopped(name, e));
            return null;
        }
    }

    private static Object report(Consumer<Figure> report, String name, Result r, PgBossPeer.Result peer, String label) {
        Figure throughput = Figure.of(name + ".throughput", r.perSecond(), "tasks/s");
        Figure p50 = Figure.of(name + ".dispatch.p50", r.dispatch().percentileMillis(50), "ms");
        Figure p99 = Figure.of(name + ".dispatch.p99", r.dispatch().percentileMillis(99), "ms");
        if (peer != null) {
            throughput = throughput.against(peer.perSecond(), label);
            p50 = p50.against(peer.p50(), label);
            p99 = p99.against(peer.p99(), label);
        }
        if (r.throughputShort() != null) {
            throughput = throughput.partial(r.throughputShort());
        }
        if (r.dispatchShort() != null) {
            p50 = p50.partial(r.dispatchShort());
            p99 = p99.partial(r.dispatchShort());
        }
        report.accept(throughput);
        report.accept(p50);
        report.accept(p99);
        return null;
    }

    /** How long each task of the fairness run holds its worker: a short edit. */
    static final Duration FAIR_WORK = Duration.ofMillis(100);
    static final String OTHER_KEY = "bench-key-other-0123456789";

    /**
     * A small job's wait behind another key's flood. One key submits ten tasks per worker at once (each holds a
     * worker for {@link #FAIR_WORK}); both keys have the default concurrency, the worker count, so the flood alone
     * could take every worker. Then another key submits one task: its wait (submit to claim) is reported beside the
     * time the flood takes to drain, which is what it would wait with first-come-first-served claims.
     */
    private static Object fairness(Consumer<Figure> report, String name, Sizes sizes, Path dataDir, String dbUrl, String videoUrl)
            throws Exception {
        int workers = sizes.queueWorkers();
        int flood = workers * 10;
        Semaphore ended = new Semaphore(0);
        long[] smallWait = {-1};
        TaskListener listener = (Task t) -> {
            if (t.status() != TaskStatus.SUCCESS) {
                throw new IllegalStateException("task " + t.id() + " ended " + t.status());
            }
            if (t.requestJson().contains("\"small\"")) {
                smallWait[0] = t.startedAt() - t.createdAt();
            }
            ended.release();
        };
        VeditServer.Extras extras = new VeditServer.Extras(List.of(new TrivialEngine(FAIR_WORK)), TrivialEngine.NAME, List.of(listener), null);
        try (BenchServer s = new BenchServer(dataDir, workers, extras, c -> {
            c = c.withApiKeys(List.of(BenchServer.KEY, OTHER_KEY)).withLimits(workers, 100_000);
            return dbUrl == null ? c : c.withDatabase(dbUrl, "postgres", "postgres");
        })) {
            String model = "/openapi/v2/" + ApiBench.MODELS.get(0);
            java.util.function.Predicate<java.net.http.HttpResponse<String>> queued =
                    r -> r.statusCode() == 200 && r.body().contains("\"status\":\"QUEUED\"");
            long start = System.nanoTime();
            new Load(16).forCount(flood, i -> s.post(model, "{\"prompt\":\"flood\",\"videoUrl\":\"" + videoUrl + "\"}").build(), queued);
            new Load(1).forCount(1, i -> java.net.http.HttpRequest.newBuilder(java.net.URI.create(s.url(model)))
                    .header("Authorization", "Bearer " + OTHER_KEY).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"prompt\":\"small\",\"videoUrl\":\"" + videoUrl + "\"}"))
                    .build(), queued);
            Duration allowed = Duration.ofSeconds(Math.max(60, flood));
            int done = awaitEnds(ended, flood + 1, allowed);
            double drainMillis = (System.nanoTime() - start) / 1e6;
            if (smallWait[0] < 0) {
                throw new IllegalStateException("the other key's task had not started after " + allowed.toSeconds() + " s ("
                        + done + " of " + (flood + 1) + " tasks ended)");
            }
            Figure wait = Figure.of(name + ".fair.small_wait", smallWait[0], "ms")
                    .against(drainMillis, "the flood's drain time (" + flood + " tasks of " + FAIR_WORK.toMillis() + " ms from another key)");
            // The drain time so far is less than the whole drain, so the ratio is an upper bound: fairness is not overstated.
            report.accept(done < flood + 1 ? wait.partial("only " + done + " of " + (flood + 1) + " tasks ended within "
                    + allowed.toSeconds() + " s; the baseline is the time until then") : wait);
            return null;
        }
    }

    /**
     * Throughput of a burst, and dispatch latency of tasks submitted one at a time to idle workers.
     *
     * @param throughputShort why the throughput covers fewer tasks than were submitted (time ran out), or {@code null}
     * @param dispatchShort   why fewer dispatch samples were taken than planned, or {@code null}
     */
    record Result(double perSecond, Latencies dispatch, String throughputShort, String dispatchShort) {
    }

    static Result runOn(Sizes sizes, Path dataDir, String dbUrl, String videoUrl, InputMode inputs) throws Exception {
        Semaphore ended = new Semaphore(0);
        Latencies dispatch = new Latencies();
        AtomicBoolean measuringDispatch = new AtomicBoolean(false);
        AtomicInteger failed = new AtomicInteger();
        TaskListener listener = (Task t) -> {
            if (t.status() != TaskStatus.SUCCESS) {
                failed.incrementAndGet();
            }
            if (measuringDispatch.get()) {
                dispatch.add(TimeUnit.MILLISECONDS.toNanos(t.startedAt() - t.createdAt()));
            }
            ended.release();
        };
        VeditServer.Extras extras = new VeditServer.Extras(List.of(new TrivialEngine(Duration.ZERO, inputs)), TrivialEngine.NAME, List.of(listener), null);
        try (BenchServer s = new BenchServer(dataDir, sizes.queueWorkers(), extras,
                c -> dbUrl == null ? c : c.withDatabase(dbUrl, "postgres", "postgres"))) {
            String body = "{\"prompt\":\"bench\",\"videoUrl\":\"" + videoUrl + "\"}";
            java.util.function.IntFunction<java.net.http.HttpRequest> submit =
                    i -> s.post("/openapi/v2/" + ApiBench.MODELS.get(i % ApiBench.MODELS.size()), body).build();
            java.util.function.Predicate<java.net.http.HttpResponse<String>> queued =
                    r -> r.statusCode() == 200 && r.body().contains("\"status\":\"QUEUED\"");
            int n = sizes.queueTasks();
            Duration allowed = Duration.ofSeconds(Math.max(60, n / 5));
            // The burst once unmeasured first, as the peer's script does, so that both sides are measured warm: the
            // code a task runs reaches the optimising compiler only after thousands of tasks, and without this the
            // compilers had a third of the JVM's CPU in the first burst that fetched and probed.
            long warmUpStart = System.nanoTime();
            new Load(16).forCount(n, submit, queued);
            int warmedUp = awaitEnds(ended, n, allowed);
            noneFailed(failed);
            if (warmedUp < n) {
                // A machine too slow for the warm-up: what it measured, unwarmed, is all there is.
                double seconds = (System.nanoTime() - warmUpStart) / 1e9;
                String why = "only " + warmedUp + " of the " + n + " warm-up tasks ended within " + allowed.toSeconds()
                        + " s; the rate counts those, unwarmed";
                return new Result(warmedUp / seconds, dispatch, why, "not sampled: the warm-up ran out of time");
            }
            measuringDispatch.set(true);
            Load one = new Load(1);
            String dispatchShort = null;
            for (int i = 0; i < sizes.dispatchSamples() && dispatchShort == null; i++) {
                one.forCount(1, submit, queued);
                if (awaitEnds(ended, 1, Duration.ofSeconds(60)) < 1) {
                    dispatchShort = "sampled " + i + " of " + sizes.dispatchSamples() + " tasks; the next did not end within 60 s";
                }
            }
            measuringDispatch.set(false);
            if (dispatchShort != null) {
                // The late task may still end: wait for it a little, so that it does not count in the burst.
                awaitEnds(ended, 1, Duration.ofSeconds(60));
            }

            long start = System.nanoTime();
            new Load(16).forCount(n, submit, queued);
            int done = awaitEnds(ended, n, allowed);
            double seconds = (System.nanoTime() - start) / 1e9;
            noneFailed(failed);
            if (done == 0) {
                throw new IllegalStateException("none of " + n + " tasks ended within " + allowed.toSeconds() + " s");
            }
            String throughputShort = done < n
                    ? "only " + done + " of " + n + " tasks ended within " + allowed.toSeconds() + " s; the rate counts those"
                    : null;
            return new Result(done / seconds, dispatch, throughputShort, dispatchShort);
        }
    }

    private static void noneFailed(AtomicInteger failed) {
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " tasks failed; the figures would not mean anything");
        }
    }

    /**
     * Waits until {@code n} more tasks have ended, or {@code allowed} has passed.
     *
     * @return how many of the {@code n} ended (all of them are taken from {@code ended})
     */
    static int awaitEnds(Semaphore ended, int n, Duration allowed) throws InterruptedException {
        long deadline = System.nanoTime() + allowed.toNanos();
        int got = 0;
        while (got < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !ended.tryAcquire(1, left, TimeUnit.NANOSECONDS)) {
                return got;
            }
            got++;
        }
        return got;
    }

    private static double probeMillis(Ffmpeg ffmpeg, Path clip) {
        Latencies l = new Latencies();
        for (int i = 0; i < 10; i++) {
            long t = System.nanoTime();
            ffmpeg.probe(clip, Duration.ofSeconds(30));
            l.add(System.nanoTime() - t);
        }
        return l.percentileMillis(50);
    }
}
