package dev.vedit.wire;

/**
 * Per-model limits from the catalog.
 *
 * @param videoMinSeconds  shortest accepted source video, 0 when unlimited
 * @param videoMaxSeconds  longest accepted source video, 0 when unlimited
 * @param promptMinLength  shortest accepted prompt, in characters
 * @param queueSize        the most tasks of this model that may wait at once
 * @param concurrencyLimit the most tasks of this model that may run at once
 */
public record ModelLimits(double videoMinSeconds, double videoMaxSeconds, int promptMinLength, int queueSize, int concurrencyLimit) {
}
