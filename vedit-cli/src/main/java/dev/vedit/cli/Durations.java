package dev.vedit.cli;

import java.time.Duration;
import java.util.Locale;

/** Reads {@code 90s}, {@code 10m}, {@code 2h} (the server's spelling of durations). */
final class Durations {
    private Durations() {
    }

    static Duration parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            long n = Long.parseLong(t.replaceAll("[a-z]+$", ""));
            return switch (t.replaceAll("^[0-9]+", "")) {
                case "s", "" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException e) {
            throw new Cli.UsageError("not a duration: " + text + " (use e.g. 90s, 10m, 2h)");
        }
    }
}
