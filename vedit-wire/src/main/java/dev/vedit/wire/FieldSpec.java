package dev.vedit.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One field of a model, as the catalog describes it.
 *
 * @param name         the JSON field name
 * @param type         its wire type
 * @param required     whether a value must be present (a missing field that has a default takes it)
 * @param list         whether the value is a JSON array of items
 * @param maxItems     the most items a list (or a media field) may hold; 0 when unlimited
 * @param maxLength    the longest string, in characters; 0 when unlimited
 * @param maxSizeMB    the largest media file in MB (see {@link #maxBytes()}); 0 when unlimited
 * @param formats      accepted media formats, upper case (e.g. MP4, PNG); empty when any
 * @param defaultValue the default, or {@code null}
 * @param enumValues   allowed values of a LIST field, in their canonical spelling
 * @param min          the smallest INT, or {@code null}
 * @param max          the largest INT, or {@code null}
 */
public record FieldSpec(
        String name,
        FieldType type,
        boolean required,
        boolean list,
        int maxItems,
        int maxLength,
        int maxSizeMB,
        List<String> formats,
        JsonNode defaultValue,
        List<String> enumValues,
        Long min,
        Long max) {

    public FieldSpec {
        formats = List.copyOf(formats);
        enumValues = List.copyOf(enumValues);
    }

    /** The largest accepted media file in bytes (MB taken as MiB, the lenient reading); 0 when unlimited. */
    public long maxBytes() {
        return maxSizeMB * 1024L * 1024L;
    }

    /** Whether a media format (a file extension or container name, any case) is accepted. */
    public boolean acceptsFormat(String format) {
        if (formats.isEmpty()) {
            return true;
        }
        String f = format.toUpperCase(Locale.ROOT);
        return formats.contains(f) || (f.equals("JPEG") && formats.contains("JPG")) || (f.equals("JPG") && formats.contains("JPEG"));
    }

    /** The canonical spelling of an enum value, compared case-insensitively (720p and 720P are one value). */
    public Optional<String> canonicalEnumValue(String value) {
        return enumValues.stream().filter(v -> v.equalsIgnoreCase(value.trim())).findFirst();
    }
}
