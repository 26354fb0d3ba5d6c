package dev.vedit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vedit.sdk.EditRequest;
import dev.vedit.sdk.Edits;
import dev.vedit.sdk.InvalidRequestException;
import dev.vedit.sdk.GenericEdit;
import dev.vedit.sdk.VeditClient;
import dev.vedit.wire.QueryReply;
import dev.vedit.wire.FieldSpec;
import dev.vedit.wire.ModelCatalog;
import dev.vedit.wire.ModelSpec;
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
        ModelSpec spec = ModelCatalog.standard().byPath(model).orElseThrow(() -> new Cli.UsageError("unknown model " + model
                + "; the models are " + String.join(", ", ModelCatalog.standard().paths()) + " | 未知模型 " + model));
        checkFormat(spec, spec.videoField(), video);
        images.forEach(image -> checkFormat(spec, spec.imageField(), image));
        // Local files are checked with stand-in URLs first: an edit the engine refuses (or a wrong option) is reported
        // before a large file is uploaded. The hosted service has no dry run; there the submit itself tells.
        EditRequest draft = request(this::standIn);
        if (!api.baseUrl().getHost().endsWith("runninghub.cn") && !api.baseUrl().getHost().endsWith("runninghub.ai")) {
            api.plan(draft);
        }
        EditRequest request = request(source -> sourceUrl(api, source));
        SubmitReply submitted;
        try {
            submitted = api.submit(request);
        } catch (InvalidRequestException e) {
            throw withHowToFix(e, spec);
        }
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

    /** The request, with each source (the video, then the images) turned into a URL by {@code url}. */
    private EditRequest request(java.util.function.Function<String, String> url) {
        GenericEdit request = Edits.forEndpoint(model).prompt(prompt);
        params.forEach((name, value) -> {
            try {
                request.option(name, value);
            } catch (InvalidRequestException e) {
                // A --param the model does not have (or of the wrong type) is a mistake in the command line, not a refusal.
                throw new Cli.UsageError("--param " + name + "=" + value + ": " + e.getMessage() + "; `vedit models` lists each model's fields");
            }
        });
        request.videoUrl(url.apply(video));
        request.imageUrls(images.stream().map(url).toList());
        return request.build();
    }

    /** A URL as is; for a local file, a well-formed URL that is never fetched (the dry run fetches nothing). */
    private String standIn(String fileOrUrl) {
        if (isUrl(fileOrUrl)) {
            return fileOrUrl;
        }
        if (!Files.isRegularFile(Path.of(fileOrUrl))) {
            throw new Cli.UsageError("no such file: " + fileOrUrl + " | 文件不存在：" + fileOrUrl);
        }
        return "https://dry-run.invalid/" + java.net.URLEncoder.encode(Path.of(fileOrUrl).getFileName().toString(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * A local file whose extension the model's field does not take (an AVI for an MP4-only model) is refused before the
     * upload, with the command that converts it.
     */
    private static void checkFormat(ModelSpec spec, java.util.Optional<FieldSpec> field, String fileOrUrl) {
        if (field.isEmpty() || isUrl(fileOrUrl) || field.get().formats().isEmpty()) {
            return;
        }
        String name = Path.of(fileOrUrl).getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toUpperCase(java.util.Locale.ROOT);
        if (ext.isEmpty() || field.get().acceptsFormat(ext)) {
            return;
        }
        boolean video = field.get().type() == dev.vedit.wire.FieldType.VIDEO;
        String target = name.substring(0, dot) + (video ? ".mp4" : ".png");
        throw new Cli.UsageError(name + ": " + spec.endpoint() + " takes " + String.join("/", field.get().formats()) + " in " + field.get().name()
                + ", not " + ext + "; convert it first:\n  ffmpeg -i " + name + (video ? " -c:v libx264 -pix_fmt yuv420p -c:a aac " : " ") + target
                + "\n| " + spec.endpoint() + " 的 " + field.get().name() + " 只接受 " + String.join("/", field.get().formats()) + " 格式，请先转换");
    }

    /** A media refusal after the upload (too long, unreadable) gets the command that trims or converts the file. */
    private InvalidRequestException withHowToFix(InvalidRequestException e, ModelSpec spec) {
        if (isUrl(video) || !(e.errorCode().equals("2004") || e.errorCode().equals("2003"))) {
            return e;
        }
        String name = Path.of(video).getFileName().toString();
        double max = spec.limits().videoMaxSeconds();
        String fix = e.errorCode().equals("2004") && max > 0 && e.getMessage().contains("accepts at most")
                ? "keep the first " + (long) max + " s:  ffmpeg -i " + name + " -t " + (long) max + " -c:v libx264 -c:a aac trimmed.mp4"
                : "re-encode it as H.264 MP4:  ffmpeg -i " + name + " -c:v libx264 -pix_fmt yuv420p -c:a aac fixed.mp4";
        cli.err.println("vedit: " + Cli.describe(e));
        cli.err.println("to fix: " + fix);
        throw new Cli.Refused();
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
