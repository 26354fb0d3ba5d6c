package dev.vedit.cli;

import dev.vedit.wire.FieldSpec;
import dev.vedit.wire.ModelCatalog;
import dev.vedit.wire.ModelLimits;
import dev.vedit.wire.ModelSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code vedit models}: the catalog this CLI validates with (the server's own), no network needed. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "The video-edit models with their fields, defaults, allowed values and limits.",
        footer = {"", "Examples:", "  vedit models", "  vedit models --json"})
final class ModelsCommand implements Callable<Integer> {
    @ParentCommand
    Cli cli;

    @Option(names = "--json", description = "Print the catalog as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        List<ModelSpec> models = ModelCatalog.standard().models();
        if (json) {
            cli.printJson(models);
            return 0;
        }
        for (ModelSpec m : models) {
            cli.out.println(m.endpoint() + (m.aliases().isEmpty() ? "" : "  (also " + String.join(", ", m.aliases()) + ")")
                    + (m.endpoint().equals(EditCommand.DEFAULT_MODEL) ? "  [default]" : ""));
            ModelLimits l = m.limits();
            cli.out.println("  limits: prompt >= " + l.promptMinLength() + " chars"
                    + (l.videoMaxSeconds() > 0 ? ", video " + fmt(l.videoMinSeconds()) + "-" + fmt(l.videoMaxSeconds()) + " s" : "")
                    + ", queue " + l.queueSize() + ", concurrency " + l.concurrencyLimit());
            for (FieldSpec f : m.fields()) {
                cli.out.println("  " + String.format("%-18s", f.name()) + describe(f));
            }
            cli.out.println();
        }
        return 0;
    }

    private static String describe(FieldSpec f) {
        List<String> parts = new ArrayList<>();
        parts.add(f.type().name().toLowerCase() + (f.list() ? " list" : ""));
        parts.add(f.required() ? "required" : "optional");
        if (f.defaultValue() != null) {
            parts.add("default " + f.defaultValue().asText());
        }
        if (!f.enumValues().isEmpty()) {
            parts.add("one of " + String.join("|", f.enumValues()));
        }
        if (f.maxLength() > 0) {
            parts.add("max " + f.maxLength() + " chars");
        }
        if (f.list() && f.maxItems() > 0) {
            parts.add("max " + f.maxItems() + " items");
        }
        if (!f.formats().isEmpty()) {
            parts.add(String.join("/", f.formats()));
        }
        if (f.maxSizeMB() > 0) {
            parts.add("<= " + f.maxSizeMB() + " MB");
        }
        if (f.min() != null || f.max() != null) {
            parts.add(f.min() + ".." + f.max());
        }
        return String.join(", ", parts);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
