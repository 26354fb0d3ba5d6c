package dev.vedit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vedit.sdk.Edits;
import dev.vedit.sdk.InvalidRequestException;
import dev.vedit.sdk.GenericEdit;
import dev.vedit.sdk.VeditClient;
import dev.vedit.wire.QueryReply;
import dev.vedit.wire.RequestValidator;
import dev.vedit.wire.SubmitReply;
import dev.vedit.wire.TaskResult;
import dev.vedit.wire.UploadReply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code vedit edit VIDEO --prompt TEXT -o OUT.mp4}: upload, submit, follow, download. */
@Command(name = "edit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Edit a video: uploads local files, submits the edit, shows its progress and downloads the result.",
                "VIDEO and --image take a local file or an http(s) URL (URLs are passed on as they are)."},
        footer = {"", "Examples:",
                "  vedit edit in.mp4 --prompt \"make it black and white and slow it down to half speed\" -o out.mp4",
                "  vedit edit in.mp4 -p \"镜像，然后只保留前5秒\" -o out.mp4",
                "  vedit edit https://example.com/in.mp4 -p \"mute it\" --param keepOriginalSound=false -o out.mp4",
                "  vedit edit in.mp4 -p \"flip it upside down\" -m wan-2.7/video-edit --image ref.png --param aspectRatio=9:16 -o out.mp4",
                "", "Exit status: 0 the result was written, 1 the service refused the edit or the task failed, 2 a wrong command line."})
final class EditCommand implements Callable<Integer> {
    static final String DEFAULT_MODEL = "kling-video-o3-pro/video-edit";

    @ParentCommand
    Cli cli;

    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "VIDEO", description = "The source video: a local file or an http(s) URL.")
    String video;

    @Option(names = {"-p", "--prompt"}, required = true, paramLabel = "TEXT", description = "What to do, in English or Chinese.")
    String prompt;

    @Option(names = {"-i", "--image"}, paramLabel = "FILE_OR_URL", description = "A reference image (repeat for several; Figure 1 first).")
    List<String> images = new ArrayList<>();

    @Option(names = {"-m", "--model"}, paramLabel = "ENDPOINT", defaultValue = DEFAULT_MODEL,
            description = "The model endpoint (default ${DEFAULT-VALUE}); `vedit models` lists them.")
    String model;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "A model option, e.g. keepOriginalSound=false, resolution=720p (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.mp4", description = "Where to write the result.")
    Path output;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m",
            description = "How long to wait for the task, e.g. 90s, 10m (default ${DEFAULT-VALUE}); the task goes on after it.")
    String timeout;

    @Override
    public Integer call() throws IOException {
        Duration wait = Durations.parse(timeout);
        VeditClient api = client.client(cli.env);
        GenericEdit request = Edits.forEndpoint(model).prompt(prompt);
        params.forEach((name, value) -> {
            try {
                request.option(name, value);
            } catch (InvalidRequestException e) {
                // A --param the model does not have (or of the wrong type) is a mistake in the command line, not a refusal.
                throw new Cli.UsageError("--param " + name + "=" + value + ": " + e.getMessage() + "; `vedit models` lists each model's fields");
            }
        });
        request.videoUrl(sourceUrl(api, video));
        List<String> imageUrls = new ArrayList<>();
        for (String image : images) {
            imageUrls.add(sourceUrl(api, image));
        }
        request.imageUrls(imageUrls);

        SubmitReply submitted = api.submit(request.build());
        cli.err.println("task " + submitted.taskId() + " submitted to " + request.model().endpoint());
        ProgressBar bar = new ProgressBar(cli.err, cli.interactive);
        QueryReply done = api.waitFor(submitted.taskId(), wait, bar::update);
        List<TaskResult> results = done.results() == null ? List.of() : done.results();
        if (results.isEmpty() || results.get(0).url() == null) {
            cli.err.println("vedit: task " + submitted.taskId() + " succeeded without an output to download");
            return Cli.FAILED;
        }
        api.download(results.get(0).url(), output);
        if (client.json) {
            ObjectNode json = ClientOptions.jsonWriter().valueToTree(done);
            json.put("output", output.toAbsolutePath().toString());
            cli.printJson(json);
        } else {
            cli.out.println(output + " (" + Files.size(output) + " bytes, task " + submitted.taskId() + ")");
        }
        return 0;
    }

    private String sourceUrl(VeditClient api, String fileOrUrl) {
        if (isUrl(fileOrUrl)) {
            return fileOrUrl;
        }
        Path file = Path.of(fileOrUrl);
        if (!Files.isRegularFile(file)) {
            throw new Cli.UsageError("no such file: " + fileOrUrl + " | 文件不存在：" + fileOrUrl);
        }
        cli.err.println("uploading " + file.getFileName() + " ...");
        UploadReply.Uploaded uploaded = api.upload(file);
        return uploaded.downloadUrl();
    }

    private static boolean isUrl(String s) {
        return (s.startsWith("http://") || s.startsWith("https://") || s.startsWith("data:")) && RequestValidator.isFetchableUrl(s);
    }
}
