package dev.vedit.bench;

import java.util.Locale;

/**
 * One measured figure, printed as one line: {@code name value unit (baseline value unit label, ratio r)}.
 *
 * @param baseline      the same quantity measured on the baseline in the same run, or {@code null}
 * @param baselineLabel what the baseline is, e.g. {@code bare /healthz}
 * @param partial       why the figure covers less than the stage meant to measure (it ran out of time), or {@code null}:
 *                      a slow machine still gets what was measured, marked as such, instead of nothing
 */
record Figure(String name, double value, String unit, Double baseline, String baselineLabel, String partial) {

    Figure(String name, double value, String unit, Double baseline, String baselineLabel) {
        this(name, value, unit, baseline, baselineLabel, null);
    }

    /** A figure that could not be measured, with the reason printed in its place. */
    static Figure unavailable(String name, String reason) {
        return new Figure(name, Double.NaN, "(" + reason + ")", null, null);
    }

    static Figure of(String name, double value, String unit) {
        return new Figure(name, value, unit, null, null);
    }

    /** This figure beside a baseline; the ratio is this value over the baseline's. */
    Figure against(double baselineValue, String label) {
        return new Figure(name, value, unit, baselineValue, label, partial);
    }

    /** This figure marked as partial: measured on what the stage got done before its time ran out. */
    Figure partial(String why) {
        return new Figure(name, value, unit, baseline, baselineLabel, why);
    }

    double ratio() {
        return baseline == null || baseline == 0 ? Double.NaN : value / baseline;
    }

    String line() {
        String line = name + " " + number(value) + " " + unit;
        if (baseline != null) {
            line += " (baseline " + number(baseline) + " " + unit + " " + baselineLabel + ", ratio "
                    + String.format(Locale.ROOT, "%.2f", ratio()) + ")";
        }
        if (partial != null) {
            line += " [partial: " + partial + "]";
        }
        return line;
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        return a >= 100 ? String.format(Locale.ROOT, "%.0f", v) : a >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }
}
