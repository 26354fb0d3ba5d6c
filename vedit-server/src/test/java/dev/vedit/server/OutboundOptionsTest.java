package dev.vedit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class OutboundOptionsTest {

    static Main.Serve parse(String... args) {
        Main.Serve serve = new Main.Serve();
        new CommandLine(serve).parseArgs(args);
        return serve;
    }

    @Test
    void allowOutboundAndItsOldNameAllowFetchSetTheSameAllowlist() {
        assertThat(parse("--allow-outbound", "127.0.0.1,10.0.0.0/8").allowOutbound).containsExactly("127.0.0.1", "10.0.0.0/8");
        assertThat(parse("--allow-fetch", "127.0.0.1").allowOutbound).containsExactly("127.0.0.1");
    }

    @Test
    void webhookOptionsAreReadAsDurationsAndCounts() {
        Main.Serve serve = parse("--webhook-retry-schedule", "5s,2m,1h", "--webhook-timeout", "3s", "--webhook-slots", "4");
        assertThat(serve.webhookRetrySchedule.stream().map(Main::parseDuration).toList())
                .containsExactly(java.time.Duration.ofSeconds(5), java.time.Duration.ofMinutes(2), java.time.Duration.ofHours(1));
        assertThat(Main.parseDuration(serve.webhookTimeout)).hasSeconds(3);
        assertThat(serve.webhookSlots).isEqualTo(4);
        assertThat(parse().webhookRetrySchedule.stream().map(Main::parseDuration).toList()).as("unset: the documented default schedule")
                .isEqualTo(dev.vedit.server.webhook.WebhookSettings.DEFAULT_SCHEDULE);
        assertThat(List.of(parse().webhookTimeout, Integer.toString(parse().webhookSlots))).containsExactly("10s", "16");
    }
}
