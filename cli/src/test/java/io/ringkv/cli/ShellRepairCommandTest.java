package io.ringkv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.cli.RespClient.RespError;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ringkv repair} against a scripted server: what it sends, prints and exits with. */
class ShellRepairCommandTest {
    private static final String OK_RANGE_1 =
            "range=(-10, 0] replicas=1,2,3 keys_compared=5 keys_repaired=1 bytes_sent=100 duration_ms=3 status=ok";
    private static final String OK_RANGE_2 =
            "range=(0, 10] replicas=2,3,1 keys_compared=7 keys_repaired=0 bytes_sent=50 duration_ms=2 status=ok";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int repair(int port, String... extra) {
        String[] args = new String[3 + extra.length];
        args[0] = "repair";
        args[1] = "--port";
        args[2] = String.valueOf(port);
        System.arraycopy(extra, 0, args, 3, extra.length);
        return RingkvCli.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    }

    @Test
    void aCleanFullRepairWalksEveryRangeAndExitsZero() throws Exception {
        try (ScriptedRespServer server = new ScriptedRespServer(Map.of(
                "REPAIR RANGES", "-10 0\n0 10\n", "REPAIR -10 0", OK_RANGE_1, "REPAIR 0 10", OK_RANGE_2))) {
            assertThat(repair(server.port())).isZero();
            assertThat(server.received()).containsExactly("REPAIR RANGES", "REPAIR -10 0", "REPAIR 0 10");
        }
        assertThat(out.toString()).startsWith("repairing 2 ranges\n")
                .contains("2/2 ranges  keys compared 12  repaired 1  sent 150 B")
                .endsWith("repair finished: 2/2 ranges repaired, 0 failed; keys compared 12, repaired 1; 150 B sent;"
                        + " 5 ms on the replicas\n");
    }

    @Test
    void oneRangeWithNegativeTokensIsRepairedAlone() throws Exception {
        try (ScriptedRespServer server = new ScriptedRespServer(Map.of("REPAIR -10 0", OK_RANGE_1))) {
            assertThat(repair(server.port(), "--range", "-10", "0")).isZero();
            assertThat(server.received()).containsExactly("REPAIR -10 0");
        }
    }

    @Test
    void aFailedRangeMakesTheExitCodeNonZero() throws Exception {
        try (ScriptedRespServer server = new ScriptedRespServer(Map.of(
                "REPAIR RANGES", "-10 0\n0 10\n", "REPAIR -10 0", new RespError("ERR replica 3 is down"),
                "REPAIR 0 10", OK_RANGE_2.replace("status=ok", "status=timeout")))) {
            assertThat(repair(server.port())).isEqualTo(1);
        }
        assertThat(out.toString()).contains("range (-10, 0] failed: ERR replica 3 is down")
                .contains("range (0, 10] failed: status=timeout").contains("repair FAILED: 0/2 ranges repaired, 2 failed");
    }

    @Test
    void aServerWithoutRepairIsReportedAndExitsNonZero() throws Exception {
        try (ScriptedRespServer server = new ScriptedRespServer(Map.of())) {
            assertThat(repair(server.port())).isEqualTo(1);
        }
        assertThat(err.toString()).isEqualTo("ringkv repair: the server cannot list the ranges: ERR unknown command\n");
    }
}
