package dev.vedit.server.media;

import java.util.regex.Pattern;

/** The one rule for media keys, shared by every {@link MediaStore}: relative, no dot segments, no empty parts. */
final class MediaKeys {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");

    private MediaKeys() {
    }

    /** The key itself when it is one; {@link IllegalArgumentException} otherwise, so no key can leave its store. */
    static String checked(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Not a media key: " + key);
        }
        return key;
    }
}
