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
        Bench.run(List.of("api", "queue", "media", "engine", "comfyui"), Sizes.SMOKE, dir, figures::add);
        Map<String, Figure> byName = figures.stream().collect(Collectors.toMap(Figure::name, Function.identity()));

        for (String name : List.of("api.query.throughput", "api.query.p50", "api.query.p99", "api.submit.throughput", "api.submit.p50",
                "api.submit.p99", "queue.h2.throughput", "queue.h2.dispatch.p50", "queue.postgres.throughput", "queue.postgres.dispatch.p99",
                "media.upload.8MB", "media.download.8MB", "engine.colour.rtf", "engine.speed.rtf", "engine.combined.rtf",
                "comfyui.task.p50")) {
            assertThat(byName).containsKey(name);
            Figure f = byName.get(name);
            assertThat(f.value()).as(name).isPositive().isFinite();
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
        for (String compared : List.of("api.query.throughput", "api.submit.p50", "engine.colour.rtf", "comfyui.task.p50")) {
            assertThat(byName.get(compared).baseline()).as(compared).isNotNull().isPositive();
            assertThat(byName.get(compared).line()).contains("(baseline ", ", ratio ");
        }
        assertThat(byName.get("media.heap_growth").value()).isNotNegative().isLessThan(64);
        assertThat(byName.get("engine.overhead.geomean").value()).isPositive().isFinite();
        if (onPath("node") && onPath("npm")) {
            assertThat(byName.get("queue.pgboss.throughput").value()).isPositive();
            assertThat(byName.get("queue.pgboss_fetch_probe.throughput").value()).isPositive();
            assertThat(byName.get("queue.postgres.throughput").baselineLabel()).startsWith("pg-boss");
        }
    }

    @Test
    void aFigureLineNamesTheValueTheBaselineAndTheirRatio() {
        assertThat(Figure.of("api.query.throughput", 4321.4, "req/s").against(8642.8, "bare /healthz").line())
                .isEqualTo("api.query.throughput 4321 req/s (baseline 8643 req/s bare /healthz, ratio 0.50)");
        assertThat(Figure.of("queue.h2.dispatch.p50", 3.456, "ms").line()).isEqualTo("queue.h2.dispatch.p50 3.46 ms");
        assertThat(Figure.unavailable("engine.blur.rtf", "refused by the local engine: 2001").line())
                .isEqualTo("engine.blur.rtf n/a (refused by the local engine: 2001)");
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
