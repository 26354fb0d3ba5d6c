package dev.vedit.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vedit.server.db.Database;
import dev.vedit.server.workflow.AppDescription;
import dev.vedit.server.workflow.Workflow;
import dev.vedit.server.workflow.WorkflowRegistry;
import dev.vedit.wire.VeditException;
import dev.vedit.wire.WireJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vedit workflows add|list|show|remove}: the registered ComfyUI workflows of RunningHub's workflow API, straight on
 * the configured database, whether or not the service runs (on H2 through its AUTO_SERVER mode, see
 * {@link Database#h2Url}). A running service reads workflows per request, so it sees a change at once.
 */
@Command(name = "workflows", mixinStandardHelpOptions = true,
        description = "Register the ComfyUI workflows clients run with RunningHub's workflow and AI-app API (the service may be running or not).",
        subcommands = {WorkflowsCommand.Add.class, WorkflowsCommand.ListWorkflows.class, WorkflowsCommand.Show.class,
                WorkflowsCommand.Remove.class},
        footer = {"", "Examples:", "  vedit workflows add 1904136902449209346 upscale.json",
                "  vedit workflows add 1904136902449209346 upscale.json --app upscale-app.json --private-to 3",
                "  vedit workflows list", "  vedit workflows show 1904136902449209346", "  vedit workflows remove 1904136902449209346"})
final class WorkflowsCommand {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    /** Runs one operation against the database; errors are printed, not thrown (exit 1). */
    abstract static class Action implements Callable<Integer> {
        @Mixin
        DatabaseOptions db;
        PrintStream out = System.out;
        PrintStream err = System.err;
        final ObjectMapper json = WireJson.newMapper();

        abstract void run(WorkflowRegistry registry) throws Exception;

        @Override
        public Integer call() throws Exception {
            try (Database database = db.open()) {
                run(new WorkflowRegistry(database.jdbi(), json, Clock.systemUTC()));
                return 0;
            } catch (VeditException | IllegalArgumentException e) {
                err.println("vedit: " + e.getMessage());
                return 1;
            }
        }

        Map<String, Object> summary(Workflow w) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("workflowId", w.id());
            m.put("nodes", w.graph().size());
            m.put("app", w.app().map(AppDescription::webappName).orElse(null));
            m.put("privateTo", w.privateTo());
            m.put("createdAt", Instant.ofEpochMilli(w.createdAt()).toString());
            m.put("updatedAt", Instant.ofEpochMilli(w.updatedAt()).toString());
            return m;
        }

        void print(Object value) throws Exception {
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(value));
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Register (or replace) an API-format workflow (ComfyUI: Save (API)) under WORKFLOW_ID; clients run it at once.")
    static final class Add extends Action {
        @Parameters(index = "0", paramLabel = "WORKFLOW_ID", description = "The id clients send (letters, digits, '_', '.', '-'; "
                + "numeric for an AI app's webappId).")
        String id;
        @Parameters(index = "1", paramLabel = "FILE.json", description = "The API-format workflow.")
        Path file;
        @Option(names = "--app", paramLabel = "APP.json", description = "An AI-app description: {webappName, nodeInfoList: [{nodeId, "
                + "nodeName, fieldName, fieldValue, fieldType, description, descriptionEn}]}; makes it runnable with ai-app/run.")
        Path app;
        @Option(names = "--private-to", arity = "1..*", paramLabel = "KEY_ID", description = "Only the accounts of these keys may "
                + "see and run it (a key's id from vedit keys list, or its prefix); default: every key.")
        List<String> privateTo;

        @Override
        void run(WorkflowRegistry registry) throws Exception {
            String workflow = read(file, "workflow");
            String appJson = app == null ? null : read(app, "app description");
            List<Long> accounts = new ArrayList<>();
            if (privateTo != null) {
                for (String key : privateTo) {
                    accounts.add(registry.accountOfKey(key.strip()));
                }
            }
            Workflow w = registry.add(id, workflow, appJson, accounts);
            if (db.json) {
                print(summary(w));
            } else {
                out.println("workflow " + w.id() + " registered (" + w.graph().size() + " nodes" + w.app().map(a -> ", app \"" + a.webappName() + "\"").orElse("")
                        + (w.privateTo().isEmpty() ? ", visible to every key" : ", private to accounts " + w.privateTo()) + ")");
            }
        }

        private static String read(Path path, String what) {
            try {
                return Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the " + what + " " + path + ": " + e.getMessage());
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the registered workflows.")
    static final class ListWorkflows extends Action {
        @Override
        void run(WorkflowRegistry registry) throws Exception {
            List<Workflow> all = registry.list();
            if (db.json) {
                print(all.stream().map(this::summary).toList());
                return;
            }
            out.printf("%-24s %-6s %-24s %-16s %s%n", "WORKFLOW", "NODES", "APP", "UPDATED", "VISIBLE TO");
            for (Workflow w : all) {
                out.printf("%-24s %-6d %-24s %-16s %s%n", w.id(), w.graph().size(), w.app().map(AppDescription::webappName).orElse("-"),
                        TIME.format(Instant.ofEpochMilli(w.updatedAt())), w.privateTo().isEmpty() ? "every key" : "accounts " + w.privateTo());
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a workflow: its nodes, app inputs and the workflow itself.")
    static final class Show extends Action {
        @Parameters(paramLabel = "WORKFLOW_ID")
        String id;

        @Override
        void run(WorkflowRegistry registry) throws Exception {
            Workflow w = registry.find(id).orElseThrow(() -> new IllegalArgumentException("no workflow is registered with id " + id));
            Map<String, Object> m = summary(w);
            if (db.json) {
                m.put("workflow", w.graph());
                w.app().ifPresent(a -> m.put("appDescription", a.source()));
                print(m);
                return;
            }
            m.forEach((k, v) -> out.printf("%-10s %s%n", k, v));
            out.println("nodes:");
            w.graph().fields().forEachRemaining(n -> out.printf("  %-6s %s%n", n.getKey(), n.getValue().path("class_type").asText()));
            w.app().ifPresent(a -> {
                out.println("app inputs:");
                a.fields().forEach(f -> out.printf("  %s.%s  %s  %s%n", f.nodeId(), f.fieldName(), f.fieldType(), f.descriptionEn()));
            });
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a workflow; tasks already queued still run.")
    static final class Remove extends Action {
        @Parameters(paramLabel = "WORKFLOW_ID")
        String id;

        @Override
        void run(WorkflowRegistry registry) {
            if (!registry.remove(id)) {
                throw new IllegalArgumentException("no workflow is registered with id " + id);
            }
            out.println("workflow " + id + " removed");
        }
    }
}
