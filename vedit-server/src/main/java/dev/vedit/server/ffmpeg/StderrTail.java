package dev.vedit.server.ffmpeg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Keeps the last few kilobytes of a process's error output, for failure messages. */
final class StderrTail {
    private final int keep;
    private final StringBuilder text = new StringBuilder();

    StderrTail(int keep) {
        this.keep = keep;
    }

    void readFrom(InputStream in) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // The process ended or was killed; what was read is kept.
        }
    }

    private synchronized void append(String chunk) {
        text.append(chunk);
        if (text.length() > keep) {
            text.delete(0, text.length() - keep);
        }
    }

    /** What was kept, without paths, versions or addresses ({@link ToolOutput#scrub}): it ends up in replies. */
    synchronized String text() {
        return ToolOutput.scrub(text.toString());
    }
}
