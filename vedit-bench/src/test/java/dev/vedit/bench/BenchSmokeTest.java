package dev.vedit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every benchmark, at tiny sizes, prints its figures: the harness cannot rot between full runs. */
class BenchSmokeTest {
    @TempDir
    Path dir;

    @Test
    void everyBenchmarkPrintsItsFiguresBesideTheirBaselines() throws Exception {
        List<Figure> figures = new ArrayList<>();
        Bench.run(List.of("api", "queue", "media", "engine", "comfyui", "startup"), Sizes.SMOKE, dir, figures::add);
        Map<String, Figure> byName = figures.stream().collect(Collectors.toMap(Figure::name, Function.identity()));
        // A stage that fails no longer ends the run (the others still print): here every stage must finish.
        assertThat(figures).as("stopped stages").filteredOn(f -> f.unit().contains("stage stopped")).isEmpty();

        for (String name : List.of("api.query.throughput", "api.query.p50", "api.query.p99", "api.submit.throughput", "api.submit.p50",
                "api.submit.p99", "api.interpret", "queue.h2.throughput", "queue.h2.dispatch.p50", "queue.postgres.throughput", "queue.postgres.dispatch.p99",
                "queue.postgres.alone.throughput", "queue.postgres.alone.dispatch.p50", "queue.h2.alone.throughput",
                "media.upload.8MB", "media.download.8MB", "engine.colour.rtf", "engine.speed.rtf", "engine.combined.rtf",
                "comfyui.task.p50", "startup.java_version", "startup.hello", "startup.serve", "startup.serve_no_cds",
                "engine.passthrough.rtf", "engine.passthrough.cpu", "engine.mute.cpu")) {
            assertThat(byName).containsKey(name);
            Figure f = byName.get(name);
            if (name.contains(".dispatch.")) {
                // The task's own stamps count whole milliseconds: a claim within the same millisecond reads 0.
                assertThat(f.value()).as(name).isNotNegative().isFinite();
            } else {
                assertThat(f.value()).as(name).isPositive().isFinite();
            }
            assertThat(f.line()).startsWith(name + " ");
        }
        for (String bound : List.of("media.bound.sha256", "media.bound.multipart_parse", "media.bound.disk_write", "media.bound.disk_write_fsync",
                "media.bound.loopback_tcp")) {
            assertThat(byName.get(bound).value()).as(bound).isPositive().isFinite();
        }
        if (onPath("nginx") || java.nio.file.Files.isExecutable(Path.of("/usr/sbin/nginx"))) {
            for (String transfer : List.of("media.upload.8MB", "media.download.8MB")) {
                assertThat(byName.get(transfer).baseline()).as(transfer).isNotNull().isPositive();
                assertThat(byName.get(transfer).baselineLabel()).as(transfer).startsWith("nginx");
            }
        }
        for (String compared : List.of("api.query.throughput", "api.submit.p50", "engine.colour.rtf", "comfyui.task.p50", "startup.serve")) {
            assertThat(byName.get(compared).baseline()).as(compared).isNotNull().isPositive();
            assertThat(byName.get(compared).line()).contains("(baseline ", ", ratio ");
        }
        // (how much it grows is the full run's figure: in the test's JVM it swings with whatever else collects garbage)
        assertThat(byName.get("media.heap_growth").value()).isNotNegative().isFinite();
        assertThat(byName.get("api.resent").value()).as("api.resent").isNotNegative().isLessThan(Sizes.SMOKE.submits());
        assertThat(byName.get("engine.overhead.geomean").value()).isPositive().isFinite();
        // a sound edit copies the video; its baseline is the same plan encoding it
        assertThat(byName.get("engine.mute.rtf").baselineLabel()).isEqualTo("the same plan encoding the video");
        assertThat(byName.get("engine.colour.rtf").baselineLabel()).startsWith("floor: bare decode+encode");
        assertThat(byName.get("engine.passthrough.rtf").baseline()).isPositive();
        assertThat(byName.get("engine.passthrough.ssim").value()).isBetween(0.98, 1.0);
        if (onPath("node") && onPath("npm")) {
            assertThat(byName.get("queue.pgboss.throughput").value()).isPositive();
            assertThat(byName.get("queue.pgboss_fetch_probe.throughput").value()).isPositive();
            assertThat(byName.get("queue.postgres.throughput").baselineLabel()).startsWith("pg-boss");
            assertThat(byName.get("queue.postgres.alone.throughput").baselineLabel()).startsWith("pg-boss").endsWith("empty jobs");
        }
    }

    @Test
    void aFullApiRunNeverSubmitsAPromptTwice() {
        // The interpreter's memory of readings must never answer a submit (BenchPromptsTest: no prompt repeats).
        assertThat(ApiBench.promptsPerRun(Sizes.FULL)).isLessThanOrEqualTo(BenchPrompts.distinct());
    }

    @Test
    void aFigureLineNamesTheValueTheBaselineAndTheirRatio() {
        assertThat(Figure.of("api.query.throughput", 4321.4, "req/s").against(8642.8, "bare /healthz").line())
                .isEqualTo("api.query.throughput 4321 req/s (baseline 8643 req/s bare /healthz, ratio 0.50)");
        assertThat(Figure.of("queue.h2.dispatch.p50", 3.456, "ms").line()).isEqualTo("queue.h2.dispatch.p50 3.46 ms");
        assertThat(Figure.unavailable("engine.blur.rtf", "refused by the local engine: 2001").line())
                .isEqualTo("engine.blur.rtf n/a (refused by the local engine: 2001)");
    }

    @Test
    void aStageThatRunsOutOfTimePrintsWhatItMeasuredAndSaysSo() throws Exception {
        java.util.concurrent.Semaphore ended = new java.util.concurrent.Semaphore(3);
        assertThat(QueueBench.awaitEnds(ended, 5, java.time.Duration.ofMillis(200))).isEqualTo(3);
        assertThat(ended.availablePermits()).isZero();

        assertThat(Figure.of("queue.h2.throughput", 68.5, "tasks/s").against(160, "pg-boss empty jobs")
                .partial("only 685 of 2000 tasks ended within 400 s; the rate counts those").line())
                .isEqualTo("queue.h2.throughput 68.5 tasks/s (baseline 160 tasks/s pg-boss empty jobs, ratio 0.43)"
                        + " [partial: only 685 of 2000 tasks ended within 400 s; the rate counts those]");

        // A part that fails says so in its own line; the caller goes on to the next part.
        List<Figure> lines = new ArrayList<>();
        Object got = QueueBench.stage(lines::add, "queue.h2", () -> {
            throw new IllegalStateException("none of 2000 tasks ended within 400 s");
        });
        assertThat(got).isNull();
        assertThat(lines).singleElement().extracting(Figure::line).asString()
                .startsWith("queue.h2 n/a (stage stopped").contains("none of 2000 tasks ended within 400 s");
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && java.nio.file.Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }
}
