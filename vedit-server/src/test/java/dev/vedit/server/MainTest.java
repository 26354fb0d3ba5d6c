package dev.vedit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    /** What running {@code args} on {@code line} prints and returns, without starting a service. */
    private record Outcome(int exit, String out, String err) {
        static Outcome of(CommandLine line, String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            line.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
            int exit = line.execute(args);
            return new Outcome(exit, out.toString(), err.toString());
        }
    }

    @Test
    void aServeIsReadByTheServeCommandAloneAndPrintsWhatTheWholeProgramPrints() {
        CommandLine serveOnly = Main.commandLine("serve");
        assertThat(serveOnly.getSubcommands()).as("only serve's annotations are read").containsOnlyKeys("serve");
        CommandLine whole = new CommandLine(new Main());
        assertThat(Main.commandLine("keys", "list").getSubcommands()).containsKeys("serve", "keys", "workflows", "help");
        assertThat(serveOnly.getSubcommands().get("serve").getUsageMessage())
                .isEqualTo(whole.getSubcommands().get("serve").getUsageMessage())
                .startsWith("Usage: vedit serve");
        for (String[] args : new String[][] {{"serve", "--help"}, {"serve", "-V"}, {"serve", "--no-such-option"},
                {"serve", "--port", "not-a-number"}, {"serve", "extra"}}) {
            Outcome serve = Outcome.of(Main.commandLine(args), args);
            assertThat(serve).as(String.join(" ", args)).isEqualTo(Outcome.of(new CommandLine(new Main()), args));
            assertThat(serve.exit()).as(String.join(" ", args)).isEqualTo(args[1].equals("--help") || args[1].equals("-V") ? 0 : 2);
        }
    }
}
