package dev.vedit.server.media;

/** A file format recognised from its content (see {@link MediaSniffer}), with what the service does with it. */
public enum MediaFormat {
    MP4("video", "mp4", "video/mp4", true),
    MOV("video", "mov", "video/quicktime", true),
    AVI("video", "avi", "video/x-msvideo", true),
    MKV("video", "mkv", "video/x-matroska", true),
    /** Matroska with the WebM doc type: recognised, but the contract lists only MKV. */
    WEBM("video", "webm", "video/webm", false),
    JPG("image", "jpg", "image/jpeg", true),
    PNG("image", "png", "image/png", true),
    WEBP("image", "webp", "image/webp", true),
    BMP("image", "bmp", "image/bmp", true),
    GIF("image", "gif", "image/gif", false),
    MP3("audio", "mp3", "audio/mpeg", true),
    WAV("audio", "wav", "audio/wav", true),
    FLAC("audio", "flac", "audio/flac", true),
    ZIP("zip", "zip", "application/zip", true),
    /** A workflow's text output (never sniffed, never uploadable: only engines write it). */
    TXT("text", "txt", "text/plain; charset=utf-8", false);

    private final String mediaType;
    private final String extension;
    private final String contentType;
    private final boolean uploadable;

    MediaFormat(String mediaType, String extension, String contentType, boolean uploadable) {
        this.mediaType = mediaType;
        this.extension = extension;
        this.contentType = contentType;
        this.uploadable = uploadable;
    }

    /** {@code video}, {@code image}, {@code audio} or {@code zip}, as in the upload reply's {@code type}. */
    public String mediaType() {
        return mediaType;
    }

    /** The file extension and wire format name, e.g. {@code mp4}. */
    public String extension() {
        return extension;
    }

    /** The MIME type to serve it with. */
    public String contentType() {
        return contentType;
    }

    /** Whether the upload endpoint accepts it. */
    public boolean uploadable() {
        return uploadable;
    }

    /** The format stored under this extension ({@code media_objects.format}). */
    static MediaFormat ofExtension(String extension) {
        for (MediaFormat f : values()) {
            if (f.extension.equals(extension)) {
                return f;
            }
        }
        throw new IllegalArgumentException("no media format has the extension " + extension);
    }
}
