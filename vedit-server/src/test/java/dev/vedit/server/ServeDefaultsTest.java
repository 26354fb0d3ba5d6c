package dev.vedit.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vedit.server.task.QueueSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServeDefaultsTest {

    private static Main.Serve parse(Map<String, String> environment, String... args) {
        Main.Serve serve = new Main.Serve();
        new CommandLine(serve).setDefaultValueProvider(new ServeDefaults(environment)).parseArgs(args);
        return serve;
    }

    @Test
    void unsetOptionsTakeTheTypedDefaultsThatTheServerItselfUses() {
        Main.Serve serve = parse(Map.of());
        ServerConfig defaults = ServerConfig.defaults(java.nio.file.Path.of(ServeDefaults.DATA_DIR));
        QueueSettings queue = defaults.queue();
        assertThat(serve.host).isEqualTo(defaults.host());
        assertThat(serve.port).isEqualTo(defaults.port());
        assertThat(serve.workers).isEqualTo(queue.workers());
        assertThat(serve.keyQueue).isEqualTo(defaults.keyQueueLimit());
        assertThat(serve.maxAttempts).isEqualTo(queue.maxAttempts());
        assertThat(Main.parseDuration(serve.taskTimeout)).isEqualTo(queue.taskTimeout());
        assertThat(Main.parseDuration(serve.staleAfter)).isEqualTo(queue.staleAfter());
        assertThat(Main.parseDuration(serve.resultTtl)).isEqualTo(defaults.resultTtl());
        assertThat(serve.maxUploadMb * 1024 * 1024).isEqualTo(defaults.maxUploadBytes());
        assertThat(serve.rateLimit).isEqualTo(defaults.requestLimits().perSecond());
        assertThat(serve.rateBurst).isEqualTo(defaults.requestLimits().burst());
        assertThat(Main.parseDuration(serve.idleTimeout)).isEqualTo(defaults.requestLimits().idleTimeout());
        assertThat(serve.webhookSlots).isEqualTo(defaults.webhooks().slots());
        assertThat(serve.role).isEqualTo("all");
        assertThat(serve.mediaStore).isEqualTo("disk");
        assertThat(serve.pollOnly).isFalse();
        assertThat(serve.keyConcurrency).as("unset: the worker count").isNull();
        assertThat(serve.dbUrl).isNull();
    }

    @Test
    void theEnvironmentNamesEveryOptionAsVeditOptionAndTheCommandLineWins() {
        Map<String, String> environment = Map.of("VEDIT_PORT", "9000", "VEDIT_MEDIA_STORE", "s3://bucket/p", "VEDIT_TASK_TIMEOUT", "90s",
                "VEDIT_ALLOW_FETCH", "10.0.0.0/8", "VEDIT_COMFYUI", "http://gpu1:8188;big=http://gpu2:8188", "VEDIT_RATE_LIMIT", "2.5");
        Main.Serve serve = parse(environment);
        assertThat(serve.port).isEqualTo(9000);
        assertThat(serve.mediaStore).isEqualTo("s3://bucket/p");
        assertThat(Main.parseDuration(serve.taskTimeout)).isEqualTo(Duration.ofSeconds(90));
        assertThat(serve.allowOutbound).as("the old name's variable still counts").containsExactly("10.0.0.0/8");
        assertThat(serve.comfyui).containsExactly("http://gpu1:8188", "big=http://gpu2:8188");
        assertThat(serve.rateLimit).isEqualTo(2.5);
        assertThat(parse(environment, "--port", "9100").port).isEqualTo(9100);
        assertThat(parse(Map.of("VEDIT_PORT", " ")).port).as("a blank variable is unset").isEqualTo(8080);
        assertThat(parse(Map.of("VEDIT_ROUTE", "x=relay")).routes).as("--route's variable is VEDIT_ROUTES, a list").isNull();
    }

    @Test
    void durationsAreWrittenTheWayTheOptionsReadThem() {
        for (Duration d : java.util.List.of(Duration.ofSeconds(90), Duration.ofMinutes(15), Duration.ofHours(24), Duration.ofMillis(500))) {
            assertThat(Main.parseDuration(ServeDefaults.text(d))).isEqualTo(d);
        }
        assertThat(ServeDefaults.variable("--allow-outbound")).isEqualTo("VEDIT_ALLOW_OUTBOUND");
        assertThat(Main.optionVariables()).contains("VEDIT_PORT", "VEDIT_MEDIA_STORE", "VEDIT_COMFYUI_TEMPLATES")
                .doesNotContain("VEDIT_ROUTE", "VEDIT_HELP", "VEDIT_VERSION");
    }
}
