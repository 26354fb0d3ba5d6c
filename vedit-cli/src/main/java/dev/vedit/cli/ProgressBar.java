package dev.vedit.cli;

import dev.vedit.sdk.TaskProgress;
import dev.vedit.wire.TaskStatus;
import java.io.PrintStream;
import java.time.Duration;

/**
 * The live line of {@code vedit edit}: queued, then running with the service's percent and the elapsed time,
 * then done. On a terminal it redraws one line with {@code \r}; otherwise (a pipe, a log, a test) it prints a line
 * whenever the status changes or the percent crosses a tenth, so logs stay short.
 */
final class ProgressBar {
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final boolean interactive;
    private String lastPrinted = "";
    private int lastWidth;

    ProgressBar(PrintStream err, boolean interactive) {
        this.err = err;
        this.interactive = interactive;
    }

    void update(TaskProgress p) {
        String line = render(p.status(), p.percent(), p.elapsed());
        if (interactive) {
            err.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
            lastWidth = line.length();
            if (p.status().isTerminal()) {
                err.println();
            }
            err.flush();
        } else {
            String key = p.status() + "/" + (p.percent() == null ? "-" : Integer.toString(p.percent() / 10));
            if (!key.equals(lastPrinted)) {
                err.println(line);
                lastPrinted = key;
            }
        }
    }

    /** One line: {@code running  [#########.....................]  31%  0:07}. */
    static String render(TaskStatus status, Integer percent, Duration elapsed) {
        String label = switch (status) {
            case QUEUED -> "queued ";
            case RUNNING -> "running";
            case SUCCESS -> "done   ";
            case FAILED -> "failed ";
        };
        int pct = status == TaskStatus.SUCCESS ? 100 : percent == null ? 0 : Math.max(0, Math.min(100, percent));
        int filled = pct * WIDTH / 100;
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        String pctText = status == TaskStatus.QUEUED || (status == TaskStatus.RUNNING && percent == null) ? "    " : String.format("%3d%%", pct);
        long s = elapsed.toSeconds();
        return label + "  [" + bar + "] " + pctText + "  " + (s / 60) + ":" + String.format("%02d", s % 60);
    }
}
