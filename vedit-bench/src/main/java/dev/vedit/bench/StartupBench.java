package dev.vedit.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Start-up: a process launched to the first {@code 200} from its {@code /healthz}, the median of several starts
 * (taken in rounds of one start of each kind) after one of each that is not counted (it creates the data dir's database and, for the class-data-sharing run, the
 * archive). Measured for {@code vedit serve} as {@code ./vedit serve} runs it (the built jar, the launcher's
 * flags, with the class-data-sharing archive the launcher keeps) and without the archive, beside the smallest
 * Javalin service on the same JVM ({@link HelloServer}) in the same run (on JDK 25 and later the launcher's archive is an
 * ahead-of-time cache, and the class-data-sharing archive is measured beside it); {@code java -version} shows the JVM's own
 * floor; {@code startup.launcher} is the same start through the {@code ./vedit} script itself (its JDK search and
 * build check included, with the archive it keeps), when the benchmark was started by it. A start that does not answer
 * within {@link #LIMIT} ends the stage with what it measured.
 */
final class StartupBench implements Bench.Suite {
    /** Longest wait for one start's health: a bound for a hang on a busy machine, not a speed target. */
    static final Duration LIMIT = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Override
    public void run(Sizes sizes, Path workDir, Consumer<Figure> report) throws Exception {
        int runs = sizes == Sizes.SMOKE ? 1 : 5;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");

        Latencies version = new Latencies();
        for (int i = 0; i < runs + 1; i++) {
            long t = System.nanoTime();
            Process p = new ProcessBuilder(java, "-version").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("java -version took over " + LIMIT.toSeconds() + " s");
            }
            if (i > 0) {
                version.add(System.nanoTime() - t);
            }
        }
        report.accept(Figure.of("startup.java_version", version.percentileMillis(50), "ms"));

        // The built jar as the launcher runs it; without one (a test run of this module) the classes on this classpath.
        String jar = System.getProperty("vedit.server.jar");
        List<String> program = jar != null && Files.isRegularFile(Path.of(jar)) ? List.of("-jar", jar)
                : List.of("-cp", classPath, "dev.vedit.server.Main");
        String what = program.getFirst().equals("-jar") ? "" : " (classes, no built jar)";
        Path data = workDir.resolve("serve-data");
        List<String> cds = List.of("-XX:SharedArchiveFile=" + workDir.resolve("vedit-server.jsa"), "-XX:+AutoCreateSharedArchive", "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off");
        // On JDK 25 and later the launcher keeps an ahead-of-time cache instead (recorded by the first, uncounted start,
        // written as it stops); the class-data-sharing archive is then measured beside it as startup.serve_cds.
        // A cache needs jars on the class path (a test run of this module has directories): the archive only there.
        boolean aot = Runtime.version().feature() >= 25 && program.getFirst().equals("-jar");
        Path aotCache = workDir.resolve("vedit-server.aot");
        List<Command> commands = new ArrayList<>(List.of(
                port -> command(java, List.of(), List.of("-cp", classPath, HelloServer.class.getName(), Integer.toString(port))),
                port -> command(java, List.of(), serve(program, port, data)),
                port -> command(java, !aot ? cds : Files.isRegularFile(aotCache)
                        ? List.of("-XX:AOTCache=" + aotCache, "-Xlog:aot=off", "-Xlog:cds=off")
                        : List.of("-XX:AOTCacheOutput=" + aotCache, "-Xlog:aot=off", "-Xlog:cds=off"), serve(program, port, data))));
        if (aot) {
            commands.add(port -> command(java, cds, serve(program, port, data)));
        }
        // What a user types: the launcher script (it finds the JDK, checks the build, adds its flags and its archive).
        String launcher = System.getProperty("vedit.launcher");
        boolean viaLauncher = launcher != null && Files.isExecutable(Path.of(launcher)) && program.getFirst().equals("-jar");
        int launcherIndex = commands.size();
        if (viaLauncher) {
            commands.add(port -> serve(List.of(launcher), port, data));
        }
        List<Latencies> times = new ArrayList<>();
        commands.forEach(c -> times.add(new Latencies()));
        // One uncounted start of each (it creates the database and the archive), then rounds of one start of each, so
        // that a change in the machine's load hits all three alike.
        for (int round = 0; round <= runs; round++) {
            for (int c = 0; c < commands.size(); c++) {
                long took = start(workDir.resolve("logs"), round + "-" + c, commands.get(c));
                if (round > 0) {
                    times.get(c).add(took);
                }
            }
        }
        double hello = times.get(0).percentileMillis(50);
        String floor = "a Javalin hello on the same JVM";
        report.accept(Figure.of("startup.hello", hello, "ms"));
        report.accept(Figure.of("startup.serve_no_cds", times.get(1).percentileMillis(50), "ms" + what).against(hello, floor));
        // The unit is printed beside the baseline too: what each start kept is in the README, not in the unit.
        report.accept(Figure.of("startup.serve", times.get(2).percentileMillis(50), "ms" + what).against(hello, floor));
        if (aot) {
            report.accept(Figure.of("startup.serve_cds", times.get(3).percentileMillis(50), "ms" + what).against(hello, floor));
        }
        if (viaLauncher) {
            report.accept(Figure.of("startup.launcher", times.get(launcherIndex).percentileMillis(50), "ms").against(hello, floor));
        }
    }

    private static List<String> serve(List<String> program, int port, Path data) {
        List<String> args = new ArrayList<>(program);
        args.addAll(List.of("serve", "--host", "127.0.0.1", "--port", Integer.toString(port), "--data-dir", data.toString()));
        return args;
    }

    /** The launcher's JVM flags ({@code ./vedit}'s run_java), then {@code jvmFlags}, then the program. */
    private static List<String> command(String java, List<String> jvmFlags, List<String> program) {
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmFlags);
        command.addAll(program);
        return command;
    }

    interface Command {
        List<String> at(int port) throws IOException;
    }

    /** One start, from launch to the first healthy reply, then stopped with SIGTERM (a clean exit writes the archive); in nanoseconds. */
    private static long start(Path logDir, String name, Command command) throws Exception {
        Files.createDirectories(logDir);
        int port = freePort();
        Path log = logDir.resolve("start-" + name + ".log");
        ProcessBuilder pb = new ProcessBuilder(command.at(port)).redirectErrorStream(true).redirectOutput(log.toFile());
        // The operator's settings must not change what is measured (a database URL, keys, a port).
        pb.environment().keySet().removeIf(k -> k.startsWith("VEDIT_"));
        long t = System.nanoTime();
        Process p = pb.start();
        try {
            awaitHealthy(p, port, log);
            return System.nanoTime() - t;
        } finally {
            p.destroy();
            // A clean exit may write a class-data archive or an ahead-of-time cache, which takes a while on a busy machine.
            if (!p.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    private static void awaitHealthy(Process p, int port, Path log) throws Exception {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the process ended (" + p.exitValue() + ") before it was healthy: " + tail(log));
            }
            try {
                if (HTTP.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("not healthy within " + LIMIT.toSeconds() + " s: " + tail(log));
    }

    private static String tail(Path log) throws IOException {
        String text = Files.readString(log);
        return text.length() > 400 ? text.substring(text.length() - 400) : text;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
