package dev.vedit.server.media;

/** An object in a {@link MediaStore}. */
public record StoredObject(String key, long size) {
}
