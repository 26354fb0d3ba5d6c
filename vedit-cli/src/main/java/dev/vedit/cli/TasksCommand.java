package dev.vedit.cli;

import dev.vedit.sdk.VeditClient;
import dev.vedit.wire.EditOperation;
import dev.vedit.wire.QueryReply;
import dev.vedit.wire.TaskPage;
import dev.vedit.wire.TaskResult;
import dev.vedit.wire.TaskSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code vedit tasks list|show|cancel}. */
@Command(name = "tasks", mixinStandardHelpOptions = true, description = "List, show, wait for, download and cancel your tasks.",
        subcommands = {TasksCommand.ListTasks.class, TasksCommand.Show.class, TasksCommand.Wait.class, TasksCommand.Download.class,
                TasksCommand.Cancel.class},
        footer = {"", "Examples:", "  vedit tasks list --page-size 50", "  vedit tasks show 1383453458050519040",
                "  vedit tasks wait 1383453458050519040 --timeout 10m", "  vedit tasks download 1383453458050519040 -o edited.mp4",
                "  vedit tasks cancel 1383453458050519040"})
final class TasksCommand implements Callable<Integer> {
    /** One line of {@code tasks list}: id, status, percent, submitted, model, prompt; the header uses it too. */
    private static final String ROW = "%-19s  %-7s  %4s  %-19s  %-34s  %s%n";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @ParentCommand
    Cli cli;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(cli.err);
        return Cli.USAGE;
    }

    /** What every {@code vedit tasks} subcommand does: one call to the service, its reply printed as JSON or text. */
    abstract static class Subcommand<R> implements Callable<Integer> {
        @ParentCommand
        TasksCommand tasks;
        @Mixin
        ClientOptions client;

        abstract R fetch(VeditClient api) throws IOException;

        abstract void print(Cli cli, R reply);

        @Override
        public final Integer call() throws IOException {
            Cli cli = tasks.cli;
            R reply = fetch(client.client(cli.env));
            if (client.json) {
                cli.printJson(reply);
            } else {
                print(cli, reply);
            }
            return 0;
        }
    }

    /** {@code vedit tasks list}: the key's tasks, newest first (vedit's task-list extension). */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Your tasks, newest first (a vedit extension; the hosted service has no listing).")
    static final class ListTasks extends Subcommand<TaskPage> {
        @Option(names = "--page", defaultValue = "1", description = "Page, from 1 (default ${DEFAULT-VALUE}).")
        int page;
        @Option(names = "--page-size", defaultValue = "20", description = "Tasks per page, 1 to 100 (default ${DEFAULT-VALUE}).")
        int pageSize;

        @Override
        TaskPage fetch(VeditClient api) throws IOException {
            return api.listTasks(page, pageSize);
        }

        @Override
        void print(Cli cli, TaskPage result) {
            if (result.tasks().isEmpty()) {
                cli.out.println(page == 1 ? "no tasks yet" : "no tasks on page " + page);
                return;
            }
            cli.out.printf(ROW, "TASK", "STATUS", "PCT", "SUBMITTED", "MODEL", "PROMPT");
            for (TaskSummary t : result.tasks()) {
                cli.out.printf(ROW, t.taskId(), t.status(),
                        t.progress() == null ? "" : t.progress() + "%", TIME.format(Instant.ofEpochMilli(t.createdAt())), t.endpoint(),
                        abbreviate(t.prompt(), 50));
            }
            if (result.hasMore()) {
                cli.out.println("more: vedit tasks list --page " + (page + 1) + (pageSize != 20 ? " --page-size " + pageSize : ""));
            }
        }
    }

    /** {@code vedit tasks show ID}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Status, progress, error, plan and result URLs of one task.")
    static final class Show extends Subcommand<QueryReply> {
        @Parameters(paramLabel = "ID", description = "The task id.")
        String taskId;

        @Override
        QueryReply fetch(VeditClient api) throws IOException {
            return api.query(taskId);
        }

        @Override
        void print(Cli cli, QueryReply r) {
            cli.out.println("task      " + r.taskId());
            cli.out.println("status    " + r.status() + (r.progress() != null && r.status().equals("RUNNING") ? " (" + r.progress() + "%)" : ""));
            if (!r.errorCode().isEmpty()) {
                cli.out.println("error     " + r.errorCode() + " " + r.errorMessage());
            }
            if (r.usage() != null && r.usage().taskCostTime() != null) {
                cli.out.println("run time  " + r.usage().taskCostTime() + " s");
            }
            if (r.plan() != null) {
                cli.out.println("engine    " + r.plan().engine());
                for (EditOperation op : r.plan().operations()) {
                    cli.out.println("  - " + op.op() + (op.params().isEmpty() ? "" : " " + op.params()) + (op.source() == null ? "" : "  ← \"" + op.source() + "\""));
                }
            }
            if (r.results() != null) {
                for (TaskResult result : r.results()) {
                    cli.out.println("result    " + result.url());
                }
            }
        }
    }

    /** {@code vedit tasks wait ID}: the progress bar of a task submitted earlier (by {@code edit}, a script, another client). */
    @Command(name = "wait", mixinStandardHelpOptions = true,
            description = "Wait for a task to end, with a progress bar; exit status 0 when it succeeded, 1 when it failed.")
    static final class Wait extends Subcommand<QueryReply> {
        @Parameters(paramLabel = "ID", description = "The task id.")
        String taskId;
        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m",
                description = "How long to wait, e.g. 90s, 10m (default ${DEFAULT-VALUE}); the task goes on after it.")
        String timeout;

        @Override
        QueryReply fetch(VeditClient api) {
            ProgressBar bar = new ProgressBar(tasks.cli.err, tasks.cli.interactive);
            return api.waitFor(taskId, Durations.parse(timeout), bar::update);
        }

        @Override
        void print(Cli cli, QueryReply done) {
            cli.out.println("task " + taskId + " succeeded");
            if (done.results() != null) {
                done.results().forEach(r -> cli.out.println("result    " + r.url()));
            }
            cli.out.println("download: vedit tasks download " + taskId + " -o OUT." + outputType(done));
        }
    }

    /** {@code vedit tasks download ID}: the result of a finished task, to a file. */
    @Command(name = "download", mixinStandardHelpOptions = true, description = "Download the result of a finished task.")
    static final class Download extends Subcommand<Path> {
        @Parameters(paramLabel = "ID", description = "The task id.")
        String taskId;
        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write it (default: TASK_ID.mp4 here).")
        Path output;

        @Override
        Path fetch(VeditClient api) {
            QueryReply r = api.query(taskId);
            if (!r.status().equals("SUCCESS")) {
                if (r.status().equals("FAILED")) {
                    tasks.cli.err.println("vedit: task " + taskId + " failed: " + r.errorMessage() + " (code " + r.errorCode() + "); it has no result");
                    throw new Cli.Refused();
                }
                throw new Cli.UsageError("task " + taskId + " is " + r.status() + "; it has no result yet: vedit tasks wait " + taskId
                        + " | 任务尚未完成（" + r.status() + "）");
            }
            if (r.results() == null || r.results().isEmpty()) {
                throw new Cli.UsageError("task " + taskId + " succeeded without an output to download | 任务没有可下载的结果");
            }
            Path target = output != null ? output : Path.of(taskId + "." + outputType(r));
            return api.download(r.results().get(0).url(), target);
        }

        @Override
        void print(Cli cli, Path file) {
            try {
                cli.out.println(file + " (" + java.nio.file.Files.size(file) + " bytes, task " + taskId + ")");
            } catch (IOException e) {
                cli.out.println(file);
            }
        }
    }

    private static String outputType(QueryReply r) {
        return r.results() == null || r.results().isEmpty() || r.results().get(0).outputType() == null ? "mp4" : r.results().get(0).outputType();
    }

    /** {@code vedit tasks cancel ID}. */
    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a queued or running task (it then reads FAILED, code 2002).")
    static final class Cancel extends Subcommand<QueryReply> {
        @Parameters(paramLabel = "ID", description = "The task id.")
        String taskId;

        /** Cancels, then reads the task back: the reply says whether it stopped or had already ended. */
        @Override
        QueryReply fetch(VeditClient api) throws IOException {
            api.cancel(taskId);
            return api.query(taskId);
        }

        @Override
        void print(Cli cli, QueryReply after) {
            cli.out.println(switch (after.status()) {
                case "FAILED" -> "task " + taskId + " cancelled" + (after.errorCode().equals("2002") ? "" : " (it had already failed: " + after.errorCode() + ")");
                case "SUCCESS" -> "task " + taskId + " had already finished; nothing to cancel";
                default -> "task " + taskId + " is stopping (cancel requested while " + after.status() + ")";
            });
        }
    }

    private static String abbreviate(String s, int max) {
        String oneLine = s == null ? "" : s.replaceAll("\\s+", " ");
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
    }
}
