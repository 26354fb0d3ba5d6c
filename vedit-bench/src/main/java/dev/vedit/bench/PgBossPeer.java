package dev.vedit.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The established PostgreSQL job queue the queue benchmark compares with: pg-boss, installed from the npm
 * registry into the bench cache on first use, run by {@code pgboss-bench.mjs} (beside this class) with node.
 */
final class PgBossPeer {
    /** The last pg-boss line that runs on node 20. */
    static final String VERSION = "10.4.2";

    /** The stand-in for a job's input file in the probe arguments handed to the script (an {@code .mp4}, as the input is). */
    private static final String PROBED_FILE = "/vedit-bench-job-input.mp4";

    /** Jobs per second of a burst, and dispatch latency (send to handler start, one job at a time) in milliseconds. */
    record Result(double perSecond, double p50, double p99) {
    }

    private PgBossPeer() {
    }

    /**
     * Runs the peer, or returns {@code null} (saying why on stderr) when node or npm is not available.
     *
     * @param clipUrl with {@code ffmpeg}: each job fetches this and probes it with vedit's ffprobe arguments, as each vedit task does; {@code null}: jobs do nothing
     */
    static Result run(Path cache, String connection, int jobs, int samples, int workers, String clipUrl, dev.vedit.server.ffmpeg.Ffmpeg ffmpeg)
            throws IOException, InterruptedException {
        Path dir = Files.createDirectories(cache.resolve("pgboss-" + VERSION));
        if (!Files.isDirectory(dir.resolve("node_modules/pg-boss"))) {
            Output install = exec(dir, List.of("npm", "install", "--no-audit", "--no-fund", "--no-save", "--prefix", dir.toString(),
                    "pg-boss@" + VERSION), Map.of(), 300);
            if (install == null || install.exit != 0) {
                System.err.println("bench: pg-boss could not be installed from npm, so the queue has no peer figures: "
                        + (install == null ? "npm is not installed" : install.text));
                return null;
            }
        }
        Path script = dir.resolve("pgboss-bench.mjs");
        try (InputStream in = PgBossPeer.class.getResourceAsStream("pgboss-bench.mjs")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new java.util.ArrayList<>(List.of("node", script.toString(), connection, Integer.toString(jobs),
                Integer.toString(samples), Integer.toString(workers)));
        Map<String, String> environment = Map.of();
        if (clipUrl != null) {
            // The same ffprobe arguments as vedit's probe (which also lists the packets, to count what the header claims),
            // written for a stand-in path that the script replaces with each job's file.
            String probeArguments = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                    ffmpeg.probeArguments(Path.of(PROBED_FILE)));
            command.addAll(List.of(clipUrl, ffmpeg.ffprobePath().toString(), probeArguments, PROBED_FILE));
            // The bundled ffprobe needs its libraries' path; the probe process builder knows it.
            environment = ffmpeg.probeProcessBuilder(List.of()).environment();
        }
        // Twice the jobs' time: the script sends them all once unmeasured first (see pgboss-bench.mjs).
        Output out = exec(dir, command, environment, Math.max(120, 2 * jobs / 5 + samples));
        if (out == null) {
            System.err.println("bench: node is not installed, so the queue has no peer figures");
            return null;
        }
        if (out.exit != 0) {
            System.err.println("bench: the pg-boss peer failed (exit " + out.exit + "), so the queue has no peer figures: " + out.text);
            return null;
        }
        Map<String, Double> values = new HashMap<>();
        for (String line : out.text.split("\n")) {
            String[] kv = line.strip().split(" ");
            if (kv.length == 2 && kv[1].matches("[0-9.]+")) {
                values.put(kv[0], Double.parseDouble(kv[1]));
            }
        }
        if (!values.keySet().containsAll(List.of("jobs_per_second", "p50_ms", "p99_ms"))) {
            throw new IllegalStateException("the pg-boss peer printed no figures: " + out.text);
        }
        return new Result(values.get("jobs_per_second"), values.get("p50_ms"), values.get("p99_ms"));
    }

    private record Output(int exit, String text) {
    }

    /** Runs a program; {@code null} when it is not installed. */
    private static Output exec(Path dir, List<String> command, Map<String, String> environment, long timeoutSeconds)
            throws IOException, InterruptedException {
        Process p;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            builder.environment().putAll(environment);
            p = builder.start();
        } catch (IOException e) {
            return null;
        }
        p.getOutputStream().close();
        byte[][] text = new byte[1][];
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                text[0] = p.getInputStream().readAllBytes();
            } catch (IOException e) {
                text[0] = new byte[0];
            }
        });
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Output(-1, String.join(" ", command) + " ran longer than " + timeoutSeconds + " s");
        }
        reader.join();
        return new Output(p.exitValue(), new String(text[0], StandardCharsets.UTF_8));
    }
}
