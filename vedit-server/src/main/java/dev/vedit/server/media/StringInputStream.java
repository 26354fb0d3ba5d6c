package dev.vedit.server.media;

import java.io.InputStream;

/** The ASCII characters of a string from an offset, as bytes, without copying the string. */
final class StringInputStream extends InputStream {
    private final String text;
    private int position;

    StringInputStream(String text, int offset) {
        this.text = text;
        this.position = offset;
    }

    @Override
    public int read() {
        return position < text.length() ? asciiByte(text.charAt(position++)) : -1;
    }

    @Override
    public int read(byte[] buffer, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (position >= text.length()) {
            return -1;
        }
        int n = Math.min(len, text.length() - position);
        for (int i = 0; i < n; i++) {
            buffer[off + i] = (byte) asciiByte(text.charAt(position++));
        }
        return n;
    }

    private static int asciiByte(char c) {
        return c < 0x80 ? c : '?'; // never valid where ASCII is expected, so decoding fails cleanly
    }
}
