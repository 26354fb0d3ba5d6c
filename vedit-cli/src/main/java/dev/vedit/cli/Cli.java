package dev.vedit.cli;

import dev.vedit.sdk.AuthenticationException;
import dev.vedit.sdk.TaskFailedException;
import dev.vedit.sdk.VeditApiException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code vedit} command line: edits a video with a live progress bar, lists and cancels tasks, shows the
 * model catalog and the account. Talks to the service through the Java SDK only.
 */
@Command(name = "vedit", mixinStandardHelpOptions = true, version = "vedit 0.1.0",
        description = "Edit videos with vedit or the hosted RunningHub API from the command line.",
        subcommands = {EditCommand.class, RunCommand.class, TasksCommand.class, ModelsCommand.class, AccountCommand.class, CommandLine.HelpCommand.class},
        footer = {"",
                "Connection: --base-url / --api-key, or the environment: VEDIT_BASE_URL and VEDIT_API_KEY",
                "(RunningHub's RH_API_BASE_URL and RH_API_KEY work too). Default base URL: " + ClientOptions.LOCAL_BASE_URL,
                "",
                "Examples:",
                "  vedit edit in.mp4 --prompt \"make it black and white\" -o out.mp4",
                "  vedit edit in.mp4 -p \"replace the jacket with figure 1\" --image ref.png -m kling-video-o3-std/video-edit -o out.mp4",
                "  vedit edit in.mp4 -p \"flip it upside down\" -m wan-2.7/video-edit --image ref.png --param aspectRatio=9:16 -o out.mp4",
                "  vedit tasks list",
                "  vedit tasks show 1383453458050519040 --json",
                "  vedit models",
                "  vedit account"})
public final class Cli {
    /** Exit status of a call the service refused or a task that failed. */
    static final int FAILED = 1;
    /** Exit status of a command line that cannot be run (picocli's own usage status). */
    static final int USAGE = 2;

    final Map<String, String> env;
    final PrintStream out;
    final PrintStream err;
    final boolean interactive;

    Cli(Map<String, String> env, PrintStream out, PrintStream err, boolean interactive) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.interactive = interactive;
    }

    /** Prints a reply as the indented JSON every {@code --json} output uses. */
    void printJson(Object value) throws IOException {
        out.println(ClientOptions.jsonWriter().writeValueAsString(value));
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, System.getenv(), out, err, onTerminal()));
    }

    /**
     * Whether we run on a terminal. From JDK 22 {@code System.console()} is non-null even when redirected and
     * {@code Console.isTerminal()} tells; this code is built for release 21, so that method is looked up at run time.
     */
    static boolean onTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console exists only on a terminal
        }
    }

    /**
     * Runs one command line in this process.
     *
     * @param env         where {@code VEDIT_*} and {@code RH_*} settings are read
     * @param interactive whether {@code err} is a terminal: the progress bar redraws one line instead of printing lines
     * @return the exit status: 0 done, 1 the service refused or the task failed, 2 a wrong command line
     */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, boolean interactive) {
        Cli cli = new Cli(env, out, err, interactive);
        CommandLine cmd = new CommandLine(cli);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        // The examples are long lines; 120 columns keeps them whole where the terminal width is unknown.
        cmd.setUsageHelpWidth(120);
        cmd.setUsageHelpAutoWidth(true);
        cmd.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof VeditApiException api) {
                if (interactive) {
                    err.println(); // ends a progress line drawn in place
                }
                err.println("vedit: " + describe(api));
                return FAILED;
            }
            if (e instanceof UsageError usage) {
                err.println("vedit: " + usage.getMessage());
                return USAGE;
            }
            if (e instanceof Refused) {
                return FAILED; // the command printed why
            }
            throw e;
        });
        return cmd.execute(args);
    }

    static String describe(VeditApiException e) {
        if (e instanceof AuthenticationException) {
            // Every endpoint words a bad key its own way (1002, v1's 802 APIKEY_UNAUTHORIZED, the upload's 401): one line for all.
            return "the API key was refused (code " + e.errorCode() + "); check --api-key or VEDIT_API_KEY, and that --base-url is the service"
                    + " the key belongs to | API Key 无效（代码 " + e.errorCode() + "），请检查 --api-key 或 VEDIT_API_KEY 以及 --base-url";
        }
        StringBuilder s = new StringBuilder();
        if (e instanceof TaskFailedException) {
            s.append("task ").append(e.taskId().orElse("?")).append(" failed: ");
        }
        s.append(e.getMessage());
        if (!e.errorCode().isEmpty() && !e.getMessage().contains("(code " + e.errorCode() + ")")) {
            s.append(" (code ").append(e.errorCode()).append(')');
        }
        return s.toString();
    }

    /** A refusal the command has already explained on stderr; exit status 1. */
    static final class Refused extends RuntimeException {
        Refused() {
            super(null, null, false, false);
        }
    }

    /** A command line that names things that do not exist or lacks a setting; reported with exit status 2. */
    static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message);
        }
    }
}
