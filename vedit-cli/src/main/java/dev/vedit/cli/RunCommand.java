package dev.vedit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vedit.sdk.NodeInfo;
import dev.vedit.sdk.VeditClient;
import dev.vedit.wire.QueryReply;
import dev.vedit.wire.SubmitReply;
import dev.vedit.wire.TaskResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code vedit run WORKFLOW_ID --set NODE.FIELD=VALUE …}: a registered ComfyUI workflow, followed, every output downloaded. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a ComfyUI workflow registered on the service (RunningHub's workflow API) with some inputs set,",
                "show its progress and download every output (images, videos, audio, text) into a directory.",
                "A --set VALUE that names a local file is uploaded first and passed as the upload's fileName."},
        footer = {"", "Examples:",
                "  vedit run 1904136902449209346 --set 6.text=\"a red fox in the snow\" --set 3.seed=42",
                "  vedit run upscale --set 1.image=photo.png -o results/",
                "  vedit run 1904136902449209346 --app --set 1.image=photo.png",
                "", "Exit status: 0 every output was written, 1 the service refused the run or the task failed, 2 a wrong command line."})
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    Cli cli;

    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "WORKFLOW_ID", description = "The workflow's id (or, with --app, the app's webappId).")
    String workflowId;

    @Option(names = {"-s", "--set"}, paramLabel = "NODE.FIELD=VALUE", description = "Set an input of a node (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--app", description = "Run it as an AI app: only the inputs the app lists may be set.")
    boolean app;

    @Option(names = "--instance-type", paramLabel = "POOL", description = "The pool of ComfyUI servers to run on (default: default).")
    String instanceType;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", defaultValue = ".", description = "Where the outputs go (default: here).")
    Path outputDir;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m",
            description = "How long to wait for the task, e.g. 90s, 10m (default ${DEFAULT-VALUE}); the task goes on after it.")
    String timeout;

    @Override
    public Integer call() throws IOException {
        Duration wait = Durations.parse(timeout);
        List<NodeInfo> overrides = new ArrayList<>();
        for (String set : sets) {
            NodeInfo n;
            try {
                n = NodeInfo.parse(set);
            } catch (IllegalArgumentException e) {
                throw new Cli.UsageError("--set " + e.getMessage());
            }
            overrides.add(n);
        }
        VeditClient api = client.client(cli.env);
        List<NodeInfo> resolved = new ArrayList<>();
        for (NodeInfo n : overrides) {
            Path file = localFile(String.valueOf(n.fieldValue()));
            if (file != null) {
                cli.err.println("uploading " + file.getFileName() + " ...");
                resolved.add(NodeInfo.of(n.nodeId(), n.fieldName(), api.upload(file).fileName()));
            } else {
                resolved.add(n);
            }
        }
        SubmitReply submitted = app ? api.runAiApp(workflowId, instanceType, resolved) : api.runWorkflow(workflowId, instanceType, resolved);
        cli.err.println("task " + submitted.taskId() + " submitted to " + (app ? "AI app " : "workflow ") + workflowId);
        ProgressBar bar = new ProgressBar(cli.err, cli.interactive);
        QueryReply done = api.waitFor(submitted.taskId(), wait, bar::update);
        List<TaskResult> results = done.results() == null ? List.of() : done.results();
        Files.createDirectories(outputDir);
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            TaskResult r = results.get(i);
            Path target = outputDir.resolve(submitted.taskId() + "-" + (i + 1) + "-node" + r.nodeId().replaceAll("[^A-Za-z0-9_-]", "_")
                    + "." + r.outputType().replaceAll("[^A-Za-z0-9]", ""));
            api.download(r.url(), target);
            written.add(target);
        }
        if (client.json) {
            ObjectNode json = ClientOptions.jsonWriter().valueToTree(done);
            ArrayNode files = json.putArray("files");
            written.forEach(p -> files.add(p.toAbsolutePath().toString()));
            cli.printJson(json);
        } else {
            for (int i = 0; i < written.size(); i++) {
                cli.out.println(written.get(i) + "  (" + results.get(i).outputType() + " from node " + results.get(i).nodeId() + ", "
                        + Files.size(written.get(i)) + " bytes)");
            }
        }
        return 0;
    }

    /** The value as a local file to upload, if it names one (a URL or an upload's fileName stays as it is). */
    private static Path localFile(String value) {
        if (value.startsWith("http://") || value.startsWith("https://") || value.startsWith("openapi/")) {
            return null;
        }
        try {
            Path p = Path.of(value);
            return Files.isRegularFile(p) ? p : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
