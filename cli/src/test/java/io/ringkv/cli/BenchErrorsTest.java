package io.ringkv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A bench that cannot run says why in one line and exits non-zero, without a stack trace. */
class BenchErrorsTest {

    @Test
    void noServerIsOneLine() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        StringWriter out = new StringWriter();

        int exit = BenchCommand.execute(List.of("--port", String.valueOf(closedPort), "--records", "10",
                "--duration", "1"), new PrintWriter(out, true));

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("ringkv bench: Connection refused").doesNotContain("\tat ");
    }

    @Test
    void aRefusedConsistencyLevelIsNamed() throws Exception {
        try (ScriptedRespServer server = new ScriptedRespServer(Map.of())) {
            StringWriter out = new StringWriter();

            int exit = BenchCommand.execute(List.of("--port", String.valueOf(server.port()), "--records", "10",
                    "--duration", "1", "--skip-load", "--consistency", "BOGUS"), new PrintWriter(out, true));

            assertThat(exit).isEqualTo(1);
            assertThat(out.toString()).contains("ringkv bench: CONSISTENCY BOGUS: ERR unknown command")
                    .doesNotContain("\tat ");
            assertThat(server.received()).contains("CONSISTENCY BOGUS");
        }
    }
}
