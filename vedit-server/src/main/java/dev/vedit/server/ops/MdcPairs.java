package dev.vedit.server.ops;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Map;
import java.util.TreeMap;

/**
 * Logback converter ({@code %ids} in logback.xml) that appends the MDC as {@code key=value} pairs, e.g.
 * {@code request=3f2a… task=1383…}: readable on a terminal and still greppable, and nothing at all when a line
 * belongs to no request or task.
 */
public final class MdcPairs extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc == null || mdc.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        new TreeMap<>(mdc).forEach((k, v) -> out.append(' ').append(k).append('=').append(v));
        return out.toString();
    }
}
