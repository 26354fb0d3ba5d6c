package dev.vedit.server.ffmpeg;

import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * FFmpeg's error output made fit for a caller's eyes. Failure messages quote FFmpeg's last lines because they say
 * what went wrong with the input ("moov atom not found", "Invalid data found"), but the same lines also carry
 * what a stranger must not learn about the server: absolute paths of its data directory, the versions and build
 * options of its libraries (which tell an attacker which CVEs apply) and heap addresses (which defeat ASLR).
 */
final class ToolOutput {
    /** Banner and build lines: "ffmpeg version …", "built with gcc …", "configuration: …", "libavcodec 61. 19.100 …". */
    private static final Pattern BUILD_LINE = Pattern.compile(
            "(?i)^\\s*(ffmpeg version|ffprobe version|built with|configuration:|lib(av|sw|post)[a-z]*\\s+\\d+\\.).*");
    /** An absolute path, optionally behind the {@code file:} protocol; group 1 is its last name. */
    private static final Pattern PATH = Pattern.compile("(?:file:)?/(?:[^/\\s'\"]+/)+([^/\\s'\":,]*)");
    /** A library's context address as in "[mov,mp4 @ 0x5581c0a4e2c0]". */
    private static final Pattern ADDRESS = Pattern.compile("\\s*@\\s*0x[0-9a-fA-F]+");
    /** A version number left on some other line, e.g. "Lavf61.7.100". */
    private static final Pattern LIBRARY_VERSION = Pattern.compile("\\bLav[cfu]\\d+(\\.\\d+)+");

    private ToolOutput() {
    }

    /** {@code text} without build lines, with every absolute path cut to its file name and no addresses. */
    static String scrub(String text) {
        return text.lines()
                .filter(line -> !BUILD_LINE.matcher(line).matches())
                .map(line -> PATH.matcher(line).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1))))
                .map(line -> ADDRESS.matcher(line).replaceAll(""))
                .map(line -> LIBRARY_VERSION.matcher(line).replaceAll("Lavf"))
                .collect(Collectors.joining("\n"))
                .strip();
    }
}
