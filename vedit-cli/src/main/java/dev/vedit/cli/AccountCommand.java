package dev.vedit.cli;

import dev.vedit.sdk.VeditClient;
import dev.vedit.wire.AccountStatus;
import dev.vedit.wire.QueueStatus;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code vedit account}: balance, limits and current tasks of the key. */
@Command(name = "account", mixinStandardHelpOptions = true, description = "Balance, concurrency limit and current tasks of your API key.",
        footer = {"", "Examples:", "  vedit account", "  VEDIT_BASE_URL=https://www.runninghub.cn RH_API_KEY=... vedit account --json"})
final class AccountCommand implements Callable<Integer> {
    @ParentCommand
    Cli cli;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() throws IOException {
        VeditClient api = client.client(cli.env);
        AccountStatus account = api.account();
        QueueStatus queue = api.queueStatus();
        if (client.json) {
            Map<String, Object> both = new LinkedHashMap<>();
            both.put("account", account);
            both.put("queue", queue);
            cli.printJson(both);
            return 0;
        }
        cli.out.println("service      " + client.baseUrl(cli.env));
        cli.out.println("key type     " + queue.apiKeyType());
        cli.out.println("balance      " + account.remainMoney() + " " + account.currency() + ", " + account.remainCoins() + " coins");
        cli.out.println("concurrency  " + queue.concurrentLimit() + " tasks at once");
        cli.out.println("running      " + queue.runningCount());
        cli.out.println("queued       " + queue.queuedCount());
        return 0;
    }
}
