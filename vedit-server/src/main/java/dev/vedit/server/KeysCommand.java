package dev.vedit.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vedit.server.auth.ApiKeys;
import dev.vedit.server.auth.KeyAdmin;
import dev.vedit.server.auth.KeyAdmin.Scope;
import dev.vedit.server.auth.KeyInfo;
import dev.vedit.server.db.Database;
import dev.vedit.server.task.QueueSettings;
import dev.vedit.wire.VeditException;
import dev.vedit.wire.WireJson;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vedit keys create|list|revoke|rotate|limits}: the operator's key management, straight on the configured
 * database (the embedded H2 file or PostgreSQL), whether or not the service runs: on H2 a running service shares
 * its file through H2's AUTO_SERVER mode (see {@link Database#h2Url}); on PostgreSQL every node reads keys from the
 * database on each request, so a change counts everywhere at once.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Manage API keys and accounts on the configured database (the service may be running or not).",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class, KeysCommand.Rotate.class,
                KeysCommand.Limits.class},
        footer = {"", "Examples:", "  vedit keys create --label ci --concurrency 2 --queue 50",
                "  vedit keys list", "  vedit keys revoke 3", "  vedit keys rotate 4", "  vedit keys limits 4 --concurrency 8",
                "Keys listed in VEDIT_API_KEY are managed by that list at each start; keys made here are not."})
final class KeysCommand {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    /** Runs one key operation against the database; errors are printed, not thrown (exit 1). */
    abstract static class Action implements Callable<Integer> {
        @Mixin
        DatabaseOptions db;
        PrintStream out = System.out;
        PrintStream err = System.err;

        abstract void run(KeyAdmin admin) throws Exception;

        @Override
        public Integer call() throws Exception {
            try (Database database = db.open()) {
                QueueSettings defaults = QueueSettings.defaults();
                ApiKeys keys = new ApiKeys(database.jdbi(), Clock.systemUTC(), Math.max(1, defaults.workers()), 1000);
                run(new KeyAdmin(database.jdbi(), keys, Clock.systemUTC()));
                return 0;
            } catch (VeditException | IllegalArgumentException e) {
                err.println("vedit: " + e.getMessage());
                return 1;
            }
        }

        void print(Object value) throws Exception {
            ObjectMapper json = WireJson.newMapper();
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(value));
        }

        void table(List<KeyInfo> keys) {
            out.printf("%-5s %-7s %-8s %-24s %-20s %-11s %-16s %-16s %s%n", "ID", "PREFIX", "ACCOUNT", "NAME", "LABEL", "RUN/QUEUE",
                    "CREATED", "LAST USED", "STATE");
            for (KeyInfo k : keys) {
                out.printf("%-5d %-7s %-8d %-24s %-20s %-11s %-16s %-16s %s%n", k.id(), k.prefix(), k.accountId(), cut(k.accountName(), 24),
                        cut(k.label() == null ? "-" : k.label(), 20), k.concurrency() + "/" + k.queueLimit(), TIME.format(Instant.ofEpochMilli(k.createdAt())),
                        k.lastUsedAt() == null ? "never" : TIME.format(Instant.ofEpochMilli(k.lastUsedAt())),
                        (k.revoked() ? "revoked " + TIME.format(Instant.ofEpochMilli(k.revokedAt())) : "active") + (k.operator() ? ", operator" : ""));
            }
        }

        /** A new key: described first, the key itself alone on the last line (for scripts: {@code | tail -1}). */
        void newKey(KeyAdmin.NewKey made, String what) throws Exception {
            if (db.json) {
                print(made);
                return;
            }
            KeyInfo k = made.info();
            out.println(what + " key " + k.id() + " for account " + k.accountId() + " (" + k.accountName() + "), limits "
                    + k.concurrency() + " running / " + k.queueLimit() + " queued" + (k.operator() ? ", operator" : "")
                    + "; shown only now, stored hashed:");
            out.println(made.key());
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a key: for a new account (default), or another key for --account ID. The key is printed on the last line.")
    static final class Create extends Action {
        @Option(names = "--label", description = "A name for the key (and for its new account).")
        String label;
        @Option(names = "--name", description = "The new account's name (default: the label).")
        String name;
        @Option(names = "--concurrency", description = "Tasks the new account may run at once (default: one per core).")
        Integer concurrency;
        @Option(names = "--queue", description = "Tasks the new account may have queued (default 1000).")
        Integer queue;
        @Option(names = "--operator", description = "The new account is an operator: in the console it manages every account and key.")
        boolean operator;
        @Option(names = "--account", description = "Add the key to this existing account instead of creating one.")
        Long account;

        @Override
        void run(KeyAdmin admin) throws Exception {
            if (account != null) {
                if (concurrency != null || queue != null || operator || name != null) {
                    throw new IllegalArgumentException("--account adds a key to an existing account; set its limits with `vedit keys limits`");
                }
                newKey(admin.addKey(Scope.COMMAND_LINE, account, label), "created");
            } else {
                newKey(admin.createAccount(Scope.COMMAND_LINE, name, label, concurrency, queue, operator), "created");
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List every key (never the key itself: its id and first 6 characters).")
    static final class ListKeys extends Action {
        @Override
        void run(KeyAdmin admin) throws Exception {
            List<KeyInfo> keys = admin.list(Scope.COMMAND_LINE);
            if (db.json) {
                print(keys);
            } else {
                table(keys);
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a key: every node refuses it from the next request on; its account, tasks and media stay.")
    static final class Revoke extends Action {
        @Parameters(paramLabel = "KEY_ID", description = "The key's id (vedit keys list).")
        long keyId;

        @Override
        void run(KeyAdmin admin) throws Exception {
            KeyInfo k = admin.revoke(Scope.COMMAND_LINE, keyId);
            if (db.json) {
                print(k);
            } else {
                out.println("key " + k.id() + " (" + k.prefix() + "…) of account " + k.accountId() + " is revoked");
            }
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Replace a key with a new one for the same account and label; the old one is revoked. The new key is printed on the last line.")
    static final class Rotate extends Action {
        @Parameters(paramLabel = "KEY_ID", description = "The key's id (vedit keys list).")
        long keyId;

        @Override
        void run(KeyAdmin admin) throws Exception {
            newKey(admin.rotate(Scope.COMMAND_LINE, keyId), "key " + keyId + " revoked; replaced by");
        }
    }

    @Command(name = "limits", mixinStandardHelpOptions = true, description = "Set the limits of the account that a key opens.")
    static final class Limits extends Action {
        @Parameters(paramLabel = "KEY_ID", description = "A key of the account (vedit keys list).")
        long keyId;
        @Option(names = "--concurrency", description = "Tasks the account may run at once.")
        Integer concurrency;
        @Option(names = "--queue", description = "Tasks the account may have queued.")
        Integer queue;

        @Override
        void run(KeyAdmin admin) throws Exception {
            KeyInfo k = admin.find(Scope.COMMAND_LINE, keyId).orElseThrow(() -> new IllegalArgumentException("no key with id " + keyId));
            admin.setLimits(Scope.COMMAND_LINE, k.accountId(), concurrency, queue);
            KeyInfo now = admin.find(Scope.COMMAND_LINE, keyId).orElseThrow();
            if (db.json) {
                print(now);
            } else {
                out.println("account " + now.accountId() + " (" + now.accountName() + "): " + now.concurrency() + " running / "
                        + now.queueLimit() + " queued");
            }
        }
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
