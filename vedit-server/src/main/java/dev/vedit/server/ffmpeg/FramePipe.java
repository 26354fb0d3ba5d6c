package dev.vedit.server.ffmpeg;

import dev.vedit.wire.ErrorCode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** An ffmpeg process one end of which is a pipe of raw frames: the shared lifecycle of readers and writers. */
abstract class FramePipe implements AutoCloseable {
    private static final int STDERR_KEPT = 4096;
    private static final Duration EXIT_WAIT = Duration.ofSeconds(60);
    private static final String NODE = "ffmpeg";

    final Process process;
    private final StderrTail stderr = new StderrTail(STDERR_KEPT);
    private final AtomicBoolean killed = new AtomicBoolean();

    FramePipe(Ffmpeg ffmpeg, List<String> args) throws FfmpegFailure {
        try {
            process = ffmpeg.processBuilder(args).start();
        } catch (IOException e) {
            throw new FfmpegFailure(ErrorCode.GENERATION_FAILED, ErrorCode.GENERATION_FAILED.message(
                    "cannot start ffmpeg: " + e.getMessage(), "无法启动 ffmpeg"), true, NODE, e);
        }
        Thread.ofVirtual().start(() -> stderr.readFrom(process.getErrorStream()));
    }

    /** Ends the process at once; safe from any thread, e.g. a cancel callback. */
    public void kill() {
        killed.set(true);
        ProcessTree.kill(process);
    }

    /** Whether {@link #kill()} ended it (so a broken pipe is no failure of its own). */
    public boolean killed() {
        return killed.get();
    }

    /** Waits for the process to end and fails unless it ended well. */
    void awaitSuccess(String what) throws FfmpegFailure {
        try {
            if (!process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw failure(what + " did not finish", what + " 未能结束");
            }
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting for " + what, "等待 " + what + " 时被中断");
        }
        if (process.exitValue() != 0) {
            throw failure(what + " exited with code " + process.exitValue() + ": " + stderr.text(),
                    what + " 以退出码 " + process.exitValue() + " 结束，错误输出见英文部分");
        }
    }

    FfmpegFailure failure(String english, String chinese) {
        String detail = stderr.text();
        String withOutput = detail.isEmpty() || english.contains(detail) ? english : english + ": " + detail;
        // Not retried, so the message does not invite a retry either.
        return new FfmpegFailure(ErrorCode.GENERATION_FAILED, ErrorCode.GENERATION_FAILED.finalMessage(withOutput, chinese),
                false, NODE, null);
    }

    static String decimal(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
