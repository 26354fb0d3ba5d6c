package dev.vedit.wire;

/** The wire types of model fields, as the catalog names them. */
public enum FieldType {
    /** A JSON string. */
    STRING,
    /** A URL string (http(s), {@code data:} or an upload's {@code download_url}) naming a video. */
    VIDEO,
    /** A URL string naming an image; usually a list. */
    IMAGE,
    /** One of a fixed set of values, a string on the wire. */
    LIST,
    /** A JSON boolean. */
    BOOLEAN,
    /** A JSON integer. */
    INT,
    /** A URL string naming an audio file (no model field has one; workflow inputs do). */
    AUDIO;

    public boolean isMedia() {
        return this == VIDEO || this == IMAGE || this == AUDIO;
    }
}
