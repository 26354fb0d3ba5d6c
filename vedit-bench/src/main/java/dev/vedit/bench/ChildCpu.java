package dev.vedit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time (user and system) of this process's children that have ended, from Linux's {@code /proc/self/stat}
 * ({@code cutime} and {@code cstime}: the JDK reaps every child it starts, which adds its time there). Wall time on a
 * shared machine is mostly waiting for a core, and moves by tens of per cent with the neighbours' load; the CPU an
 * FFmpeg run uses moves far less, so a difference of a few per cent between two commands shows in it first.
 */
final class ChildCpu {
    /** Linux's USER_HZ, the unit of the two fields: 100 on every mainstream kernel. */
    private static final double TICKS_PER_SECOND = 100;
    private static final Path STAT = Path.of("/proc/self/stat");

    private ChildCpu() {
    }

    /** Whether this system reports children's CPU time ({@code /proc}). */
    static boolean available() {
        return Files.isReadable(STAT);
    }

    /** CPU seconds of the ended children so far; NaN where {@code /proc} is missing. */
    static double seconds() {
        try {
            String stat = Files.readString(STAT);
            // Field 2 is the command in parentheses and may hold spaces: count from the last ')', field 3 onwards.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / TICKS_PER_SECOND; // fields 16 and 17
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
