package dev.vedit.cli;

import dev.vedit.sdk.VeditClient;
import dev.vedit.wire.EditOperation;
import dev.vedit.wire.QueryReply;
import dev.vedit.wire.TaskPage;
import dev.vedit.wire.TaskResult;
import dev.vedit.wire.TaskSummary;
import java.io.IOException;
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
@Command(name = "tasks", mixinStandardHelpOptions = true, description = "List, show and cancel your tasks.",
        subcommands = {TasksCommand.ListTasks.class, TasksCommand.Show.class, TasksCommand.Cancel.class},
        footer = {"", "Examples:", "  vedit tasks list --page-size 50", "  vedit tasks show 1383453458050519040", "  vedit tasks cancel 1383453458050519040"})
final class TasksCommand implements Callable<Integer> {
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

    /** {@code vedit tasks list}: the key's tasks, newest first (vedit's task-list extension). */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Your tasks, newest first (a vedit extension; the hosted service has no listing).")
    static final class ListTasks implements Callable<Integer> {
        @ParentCommand
        TasksCommand tasks;
        @Mixin
        ClientOptions client;
        @Option(names = "--page", defaultValue = "1", description = "Page, from 1 (default ${DEFAULT-VALUE}).")
        int page;
        @Option(names = "--page-size", defaultValue = "20", description = "Tasks per page, 1 to 100 (default ${DEFAULT-VALUE}).")
        int pageSize;

        @Override
        public Integer call() throws IOException {
            Cli cli = tasks.cli;
            TaskPage result = client.client(cli.env).listTasks(page, pageSize);
            if (client.json) {
                cli.out.println(ClientOptions.jsonWriter().writeValueAsString(result));
                return 0;
            }
            if (result.tasks().isEmpty()) {
                cli.out.println(page == 1 ? "no tasks yet" : "no tasks on page " + page);
                return 0;
            }
            cli.out.printf("%-19s  %-7s  %4s  %-19s  %-34s  %s%n", "TASK", "STATUS", "PCT", "SUBMITTED", "MODEL", "PROMPT");
            for (TaskSummary t : result.tasks()) {
                cli.out.printf("%-19s  %-7s  %4s  %-19s  %-34s  %s%n", t.taskId(), t.status(),
                        t.progress() == null ? "" : t.progress() + "%", TIME.format(Instant.ofEpochMilli(t.createdAt())), t.endpoint(),
                        abbreviate(t.prompt(), 50));
            }
            if (result.hasMore()) {
                cli.out.println("more: vedit tasks list --page " + (page + 1) + (pageSize != 20 ? " --page-size " + pageSize : ""));
            }
            return 0;
        }
    }

    /** {@code vedit tasks show ID}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Status, progress, error, plan and result URLs of one task.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        TasksCommand tasks;
        @Mixin
        ClientOptions client;
        @Parameters(paramLabel = "ID", description = "The task id.")
        String taskId;

        @Override
        public Integer call() throws IOException {
            Cli cli = tasks.cli;
            QueryReply r = client.client(cli.env).query(taskId);
            if (client.json) {
                cli.out.println(ClientOptions.jsonWriter().writeValueAsString(r));
                return 0;
            }
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
            return 0;
        }
    }

    /** {@code vedit tasks cancel ID}. */
    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a queued or running task (it then reads FAILED, code 2002).")
    static final class Cancel implements Callable<Integer> {
        @ParentCommand
        TasksCommand tasks;
        @Mixin
        ClientOptions client;
        @Parameters(paramLabel = "ID", description = "The task id.")
        String taskId;

        @Override
        public Integer call() throws IOException {
            Cli cli = tasks.cli;
            VeditClient api = client.client(cli.env);
            api.cancel(taskId);
            QueryReply after = api.query(taskId);
            if (client.json) {
                cli.out.println(ClientOptions.jsonWriter().writeValueAsString(after));
            } else {
                cli.out.println(switch (after.status()) {
                    case "FAILED" -> "task " + taskId + " cancelled" + (after.errorCode().equals("2002") ? "" : " (it had already failed: " + after.errorCode() + ")");
                    case "SUCCESS" -> "task " + taskId + " had already finished; nothing to cancel";
                    default -> "task " + taskId + " is stopping (cancel requested while " + after.status() + ")";
                });
            }
            return 0;
        }
    }

    private static String abbreviate(String s, int max) {
        String oneLine = s == null ? "" : s.replaceAll("\\s+", " ");
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
    }
}
