package dev.vedit.sdk;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the field an invalid-input message is about. The server and the shared validator put the field name
 * first in the detail ("Invalid parameters: prompt is required | …"), so one reading serves both.
 */
final class FieldNames {
    private static final Pattern FIELD_FIRST = Pattern.compile("^[^|]*?:\\s*([a-zA-Z][a-zA-Z0-9]*(?:\\[\\d+])?)\\s+(?:is|must|accepts|needs|has)\\b");
    /** "invalid parameter imageUrls[0], …": how refusals name their field for clients that look for those words. */
    private static final Pattern INVALID_PARAMETER = Pattern.compile("^[^|]*?invalid parameter\\s+([a-zA-Z][a-zA-Z0-9-]*(?:\\[\\d+])?)");

    private FieldNames() {
    }

    static String mentionedIn(String message) {
        if (message == null) {
            return null;
        }
        Matcher m = FIELD_FIRST.matcher(message);
        if (m.find()) {
            return m.group(1);
        }
        Matcher p = INVALID_PARAMETER.matcher(message);
        return p.find() ? p.group(1) : null;
    }
}
