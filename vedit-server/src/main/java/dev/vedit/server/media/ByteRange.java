package dev.vedit.server.media;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One satisfiable byte range of an object, from a {@code Range} header. */
record ByteRange(long first, long last) {
    private static final Pattern SINGLE = Pattern.compile("bytes=\\s*(\\d*)-(\\d*)\\s*");

    long length() {
        return last - first + 1;
    }

    /** What a {@code Range} header asks of an object of {@code size} bytes. */
    sealed interface Request permits Whole, Part, Unsatisfiable {
    }

    /** No header, or one this server ignores (several ranges, other units, bad syntax): send everything. */
    record Whole() implements Request {
    }

    record Part(ByteRange range) implements Request {
    }

    record Unsatisfiable() implements Request {
    }

    static Request parse(String header, long size) {
        if (header == null) {
            return new Whole();
        }
        Matcher m = SINGLE.matcher(header);
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return new Whole();
        }
        Optional<Long> first = number(m.group(1));
        Optional<Long> last = number(m.group(2));
        if (m.group(1).isEmpty()) {
            // Suffix range: the last n bytes.
            long n = last.orElse(-1L);
            if (n < 0) {
                return new Whole();
            }
            if (n == 0 || size == 0) {
                return new Unsatisfiable();
            }
            return new Part(new ByteRange(Math.max(0, size - n), size - 1));
        }
        if (first.isEmpty() || (!m.group(2).isEmpty() && last.isEmpty())) {
            return new Whole(); // numbers beyond long: not a range we can honour
        }
        long from = first.get();
        if (last.isPresent() && last.get() < from) {
            return new Whole(); // syntactically invalid per RFC 9110: ignore the header
        }
        if (from >= size) {
            return new Unsatisfiable();
        }
        long to = last.map(l -> Math.min(l, size - 1)).orElse(size - 1);
        return new Part(new ByteRange(from, to));
    }

    private static Optional<Long> number(String digits) {
        if (digits.isEmpty() || digits.length() > 18) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(digits));
    }
}
