package dev.vedit.server.ffmpeg;

import dev.vedit.wire.ErrorCode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleConsumer;

/**
 * One ffmpeg run: progress from its {@code -progress} stream, cancellation, a wall-clock limit, and failures
 * mapped to {@link FfmpegFailure}s that carry the end of its error output.
 *
 * <p>Arguments are passed as a list, never through a shell. Name inputs with {@link #input(Path)} and outputs
 * with {@link #output(Path)} so that a file name can never be read as a protocol or an option.
 */
public final class FfmpegJob {
    private static final List<String> COMMON = List.of("-nostdin", "-hide_banner", "-y", "-progress", "pipe:1", "-nostats");
    /**
     * How much of ffmpeg's error output a failure message quotes: its last lines say what went wrong, and the
     * whole bilingual message must fit the 4000 characters a task keeps, or its Chinese half would be cut off.
     */
    private static final int STDERR_KEPT = 1500;
    /**
     * Exit statuses of a process killed by a signal (128 + the signal), for the signals that end a process
     * from outside or on a crash: HUP … TERM, XCPU, XFSZ. Not every status above 128: ffmpeg itself exits with
     * the low byte of a negative error (EINVAL is 234), which is a verdict on the input, not a crash.
     */
    private static final java.util.Set<Integer> SIGNAL_EXITS = java.util.Set.of(
            129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 140, 141, 142, 143, 152, 153);
    private static final String NODE = "ffmpeg";
    /**
     * The only demuxers FFmpeg may open an input with: the containers and still-image formats vedit accepts.
     * Without it FFmpeg picks a demuxer by content, and a file that passed as "video" could be opened as a
     * concat list, an HLS playlist, an image sequence or a device, each of which reads other files or URLs.
     */
    static final String DEMUXERS = "mov,matroska,avi,png_pipe,jpeg_pipe,webp_pipe,bmp_pipe,gif,mp3,wav,flac";

    /**
     * CPU time a run may use per second of output. Far above any real edit (x264 "medium" at 4K needs a few
     * CPU-seconds per second), far below what a decoding bomb (a small file that is very costly to decode)
     * would burn: such a run is stopped even when it would finish inside the wall-clock limit.
     */
    static final double CPU_SECONDS_PER_OUTPUT_SECOND = 30;
    /** The least CPU budget of a run, whatever its length: start-up and probing of short clips fit easily. */
    static final Duration MIN_CPU_BUDGET = Duration.ofSeconds(60);
    /** How often the limits are checked while ffmpeg runs. */
    private static final long WATCH_MILLIS = 200;

    private final Ffmpeg ffmpeg;
    private final List<String> args;
    private final Duration cpuBudget;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicBoolean overran = new AtomicBoolean();
    private volatile Process process;
    /** The most output time this run may write, in seconds; 0 for no bound. */
    private volatile double outputLimitSeconds;

    /** @param args the command after the common options, e.g. {@code -i file:/a.mp4 … file:/out.mp4} */
    public FfmpegJob(Ffmpeg ffmpeg, List<String> args) {
        this(ffmpeg, args, null);
    }

    /** @param cpuBudget the CPU time the run may use, or {@code null} for {@link #cpuBudget(double)} of its output */
    FfmpegJob(Ffmpeg ffmpeg, List<String> args, Duration cpuBudget) {
        this.ffmpeg = ffmpeg;
        this.args = List.copyOf(args);
        this.cpuBudget = cpuBudget;
    }

    /**
     * Bounds the run by the output it was accepted to write: once ffmpeg reports output time past
     * {@code expectedSeconds} (with {@link #OUTPUT_SLACK} for rounding) it is stopped. The expected length comes
     * from the probed, accepted input; an input that holds more than it declared would otherwise render all of it
     * (a "5 s" MP4 with 30 minutes of samples made a 30-minute video within the CPU budget of its 5 s).
     *
     * @return this job
     */
    public FfmpegJob boundedTo(double expectedSeconds) {
        this.outputLimitSeconds = expectedSeconds > 0 ? expectedSeconds * (1 + OUTPUT_SLACK) + 2 : 0;
        return this;
    }

    /** How far past its expected length an output may run (container and frame rounding, audio padding). */
    static final double OUTPUT_SLACK = 0.1;

    /** The CPU time a run producing {@code outputSeconds} of media may use. */
    static Duration cpuBudget(double outputSeconds) {
        Duration proportional = Duration.ofMillis((long) (Math.max(0, outputSeconds) * CPU_SECONDS_PER_OUTPUT_SECOND * 1000));
        return proportional.compareTo(MIN_CPU_BUDGET) > 0 ? proportional : MIN_CPU_BUDGET;
    }

    /**
     * The arguments naming {@code file} as an input: only the file protocol, only the demuxers of accepted
     * formats (no playlists, concat lists, image sequences or devices that would reach beyond the file).
     */
    public static List<String> input(Path file) {
        List<String> args = new java.util.ArrayList<>(demuxerOptions(file));
        args.addAll(List.of("-i", "file:" + file.toAbsolutePath()));
        return args;
    }

    /**
     * The options that confine how {@code file} is opened. A still image is named with its single-image demuxer:
     * left to probing, FFmpeg would pick {@code image2}, the sequence demuxer, which the whitelist refuses.
     */
    static List<String> demuxerOptions(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        String still = name.endsWith(".jpg") || name.endsWith(".jpeg") ? "jpeg_pipe"
                : name.endsWith(".png") ? "png_pipe"
                : name.endsWith(".webp") ? "webp_pipe"
                : name.endsWith(".bmp") ? "bmp_pipe"
                : null;
        return still == null
                ? List.of("-protocol_whitelist", "file", "-format_whitelist", DEMUXERS)
                : List.of("-protocol_whitelist", "file", "-format_whitelist", DEMUXERS, "-f", still);
    }

    /** The argument naming {@code file} as an output. */
    public static String output(Path file) {
        return "file:" + file.toAbsolutePath();
    }

    /** The full argument list ffmpeg is started with (after the program). */
    public List<String> commandLine() {
        List<String> all = new ArrayList<>(COMMON);
        all.addAll(args);
        return all;
    }

    /** Stops the run at once (it then fails with {@code TASK_CANCELLED}); safe from any thread, before or during. */
    public void cancel() {
        cancelled.set(true);
        Process running = process;
        if (running != null) {
            ProcessTree.kill(running);
        }
    }

    /**
     * Runs ffmpeg to the end, blocking.
     *
     * @param expectedSeconds the output duration, to turn ffmpeg's output time into a fraction
     * @param progress        receives fractions 0.0 to 1.0
     * @param timeout         wall-clock limit; past it ffmpeg is killed and the run fails with {@code TASK_TIMEOUT}, as it
     *                        does past its CPU budget ({@link #cpuBudget(double)} of {@code expectedSeconds})
     */
    public void run(double expectedSeconds, DoubleConsumer progress, Duration timeout) throws FfmpegFailure {
        if (cancelled.get()) {
            throw cancelledFailure();
        }
        ProcessBuilder builder = ffmpeg.processBuilder(commandLine());
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process started;
        try {
            started = builder.start();
        } catch (IOException e) {
            throw new FfmpegFailure(ErrorCode.GENERATION_FAILED, ErrorCode.GENERATION_FAILED.message(
                    "cannot start ffmpeg: " + e.getMessage(), "无法启动 ffmpeg"), true, NODE, e);
        }
        process = started;
        if (cancelled.get()) {
            ProcessTree.kill(started);
        }
        StderrTail stderr = new StderrTail(STDERR_KEPT);
        Thread stderrReader = Thread.ofVirtual().start(() -> stderr.readFrom(started.getErrorStream()));
        Thread progressReader = Thread.ofVirtual().start(() -> readProgress(started, expectedSeconds, progress, this::checkOutputTime));
        Duration budget = cpuBudget != null ? cpuBudget : cpuBudget(expectedSeconds);
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean timedOut = false;
        boolean overBudget = false;
        try {
            while (!started.waitFor(Math.min(WATCH_MILLIS, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS)) {
                timedOut = System.nanoTime() - deadline >= 0;
                overBudget = ProcessTree.cpuTime(started).compareTo(budget) > 0;
                if (timedOut || overBudget) {
                    ProcessTree.kill(started);
                    started.waitFor();
                    break;
                }
            }
            stderrReader.join(Duration.ofSeconds(2));
            progressReader.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            ProcessTree.kill(started);
            Thread.currentThread().interrupt();
            throw new FfmpegFailure(ErrorCode.GENERATION_FAILED, ErrorCode.GENERATION_FAILED.message(
                    "interrupted while ffmpeg was running", "ffmpeg 运行时被中断"), true, NODE, e);
        }
        int exit = started.exitValue();
        if (cancelled.get()) {
            throw cancelledFailure();
        }
        if (overran.get()) {
            double limit = outputLimitSeconds;
            throw new FfmpegFailure(ErrorCode.MEDIA_LIMIT, ErrorCode.MEDIA_LIMIT.message(String.format(java.util.Locale.ROOT,
                    "the output ran past %.1f s, the most this input and edit can make, and was stopped: the input holds more than"
                            + " its headers declare", limit),
                    String.format(java.util.Locale.ROOT, "输出超过 %.1f 秒（该输入和编辑最多能生成的时长），已被终止：输入文件的实际内容多于其头部声明", limit)),
                    false, NODE, null);
        }
        if (overBudget && !timedOut) {
            // The budget is a property of the input and the edit, not of the moment: a retry burns the same CPU.
            throw new FfmpegFailure(ErrorCode.TASK_TIMEOUT, ErrorCode.TASK_TIMEOUT.finalMessage(
                    "ffmpeg used more than " + budget.toSeconds() + " CPU-seconds (its budget for this output) and was stopped;"
                            + " the same input and edit would be stopped again: send a shorter or smaller video or a simpler edit",
                    "ffmpeg 使用的 CPU 时间超过 " + budget.toSeconds() + " 秒（本次输出的预算），已被终止；"
                            + "相同的输入和编辑会再次被终止，请使用更短或更小的视频，或更简单的编辑"), false, NODE, null);
        }
        if (timedOut) {
            throw new FfmpegFailure(ErrorCode.TASK_TIMEOUT, ErrorCode.TASK_TIMEOUT.message(
                    "ffmpeg ran longer than " + timeout.toSeconds() + " s and was stopped",
                    "ffmpeg 运行超过 " + timeout.toSeconds() + " 秒，已被终止"), false, NODE, null);
        }
        if (exit == 0) {
            progress.accept(1.0);
            return;
        }
        boolean killedBySignal = SIGNAL_EXITS.contains(exit);
        if (killedBySignal) {
            // Killed from outside (OOM killer, crash): another attempt may well succeed, so it is retried.
            throw new FfmpegFailure(ErrorCode.GENERATION_FAILED, ErrorCode.GENERATION_FAILED.message(
                    "ffmpeg died (exit status " + exit + "): " + stderr.text(),
                    "ffmpeg 异常终止（退出状态 " + exit + "），错误输出见英文部分"), true, NODE, null);
        }
        // ffmpeg refused the input or the graph: a verdict that a retry would only repeat.
        throw new FfmpegFailure(ErrorCode.GENERATION_FAILED, ErrorCode.GENERATION_FAILED.finalMessage(
                "ffmpeg exited with code " + exit + ": " + stderr.text()
                        + " (the same input and edit would fail again: check the input file or change the edit)",
                "ffmpeg 以退出码 " + exit + " 结束，错误输出见英文部分（相同的输入和编辑会再次失败：请检查输入文件或修改编辑）"),
                false, NODE, null);
    }

    private FfmpegFailure cancelledFailure() {
        return new FfmpegFailure(ErrorCode.TASK_CANCELLED, ErrorCode.TASK_CANCELLED.message(), false, NODE, null);
    }

    private void checkOutputTime(double seconds) {
        double limit = outputLimitSeconds;
        Process running = process;
        if (limit > 0 && seconds > limit && running != null && overran.compareAndSet(false, true)) {
            ProcessTree.kill(running);
        }
    }

    private static void readProgress(Process process, double expectedSeconds, DoubleConsumer progress, DoubleConsumer outputSeconds) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                progressOf(line, expectedSeconds).ifPresent(progress::accept);
                outputTimeOf(line).ifPresent(outputSeconds::accept);
            }
        } catch (IOException e) {
            // The process was killed; its stream closed under us.
        }
    }

    /** The output time in seconds a {@code -progress} line reports, if it reports one. */
    static java.util.OptionalDouble outputTimeOf(String line) {
        String value = line.startsWith("out_time_us=") ? line.substring("out_time_us=".length()) : null;
        if (value == null) {
            return java.util.OptionalDouble.empty();
        }
        try {
            return java.util.OptionalDouble.of(Long.parseLong(value.strip()) / 1_000_000.0);
        } catch (NumberFormatException e) {
            return java.util.OptionalDouble.empty();
        }
    }

    /** The fraction a {@code -progress} line reports, if it reports one. */
    static java.util.OptionalDouble progressOf(String line, double expectedSeconds) {
        if (line.equals("progress=end")) {
            return java.util.OptionalDouble.of(1.0);
        }
        // out_time_ms is, despite its name, in microseconds too (a long-standing ffmpeg quirk).
        String value = line.startsWith("out_time_us=") ? line.substring("out_time_us=".length())
                : line.startsWith("out_time_ms=") ? line.substring("out_time_ms=".length()) : null;
        if (value == null || expectedSeconds <= 0) {
            return java.util.OptionalDouble.empty();
        }
        try {
            double seconds = Long.parseLong(value.strip()) / 1_000_000.0;
            return java.util.OptionalDouble.of(Math.max(0, Math.min(1, seconds / expectedSeconds)));
        } catch (NumberFormatException e) {
            return java.util.OptionalDouble.empty();
        }
    }
}
