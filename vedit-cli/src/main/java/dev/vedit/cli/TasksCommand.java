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
