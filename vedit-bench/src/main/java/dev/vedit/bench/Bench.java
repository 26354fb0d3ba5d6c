package dev.vedit.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code ./vedit bench [api|queue|media|engine|all] [--smoke]}: runs the benchmarks and prints one figure per
 * line, each beside a baseline measured in the same run where there is one.
 */
public final class Bench {
    private Bench() {
    }

    /** One benchmark: measures and reports figures as it goes. */
    interface Suite {
        void run(Sizes sizes, Path workDir, Consumer<Figure> report) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        List<String> names = new ArrayList<>();
        Sizes sizes = Sizes.FULL;
        for (String a : args) {
            switch (a) {
                case "--smoke" -> sizes = Sizes.SMOKE;
                case "-h", "--help" -> {
                    System.out.println("usage: ./vedit bench [api|queue|media|engine|comfyui|startup|all]... [--smoke]");
                    return;
                }
                default -> names.add(a);
            }
        }
        if (names.isEmpty() || names.contains("all")) {
            names = List.of("api", "queue", "media", "engine", "comfyui", "startup");
        }
        Path work = Files.createTempDirectory("vedit-bench");
        try {
            run(names, sizes, work, f -> System.out.println(f.line()));
        } finally {
            Files.walk(work).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        // Embedded PostgreSQL, Jetty and the worker pools are closed, but a stray non-daemon thread must not keep the bench alive.
        System.exit(0);
    }

    /**
     * Where FFmpeg and the npm peer are installed, kept between runs: {@code -Dvedit.bench.cache} (the launcher
     * passes {@code vedit-bench/target/cache}), else beside the run's work dirs.
     */
    static Path cacheDir(Path suiteWorkDir) throws java.io.IOException {
        String configured = System.getProperty("vedit.bench.cache");
        return Files.createDirectories(configured != null ? Path.of(configured) : suiteWorkDir.getParent().resolve("cache"));
    }

    static void run(List<String> names, Sizes sizes, Path work, Consumer<Figure> report) throws Exception {
        for (String name : names) {
            Suite suite = switch (name) {
                case "api" -> new ApiBench();
                case "queue" -> new QueueBench();
                case "media" -> new MediaBench();
                case "engine" -> new EngineBench();
                case "comfyui" -> new ComfyBench();
                case "startup" -> new StartupBench();
                default -> throw new IllegalArgumentException("unknown benchmark " + name + "; choose api, queue, media, engine, comfyui, startup or all");
            };
            // A stage that fails (a slow machine, a missing tool) says so in one line and the next stage still runs:
            // one stage must never cost the figures of all the others.
            try {
                suite.run(sizes, Files.createDirectories(work.resolve(name)), report);
            } catch (Exception | AssertionError e) {
                report.accept(stopped(name, e));
            }
        }
    }

    /** The line a stage that could not finish prints in place of its remaining figures. */
    static Figure stopped(String stage, Throwable e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return Figure.unavailable(stage, "stage stopped, the figures above are what it measured: " + why.replace('\n', ' '));
    }
}
