package dev.vedit.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The reply of {@code /openapi/v2/media/upload/binary}: the envelope with {@code message}, not {@code msg}. */
@JsonPropertyOrder({"code", "message", "data"})
public record UploadReply(int code, String message, @JsonInclude(JsonInclude.Include.ALWAYS) Uploaded data) {

    public static UploadReply ok(Uploaded data) {
        return new UploadReply(0, "success", data);
    }

    public static UploadReply error(int code, String message) {
        return new UploadReply(code, message, null);
    }

    /**
     * A stored upload.
     *
     * @param type        {@code video}, {@code image}, {@code audio} or {@code zip}
     * @param downloadUrl where it can be fetched; put it into a model's media fields
     * @param fileName    the stored name, {@code openapi/<sha256>.<ext>}
     * @param size        its size in bytes, as a string
     */
    @JsonPropertyOrder({"type", "download_url", "fileName", "size"})
    public record Uploaded(String type, @JsonProperty("download_url") String downloadUrl, String fileName, String size) {
    }
}
