package io.ringkv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.cli.RespClient.RespError;
import io.ringkv.cli.shell.NodeConnection;
import io.ringkv.cli.shell.Shell;
import io.ringkv.cli.shell.StreamLineSource;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shell run on a script against a server that answers the admin commands in their agreed
 * formats ({@code RING}, {@code RING TOKENS}, {@code RING KEY}, {@code REPAIR}, {@code FAULT}),
 * which the real nodes may not serve yet: what it sends and what it prints.
 */
class ShellScriptTest {
    private ScriptedRespServer server;

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private String run(boolean json, String script, Map<String, Object> replies) throws Exception {
        server = new ScriptedRespServer(replies);
        return run(json, script);
    }

    private String run(boolean json, String script) throws Exception {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text, true);
        try (NodeConnection connection = NodeConnection.open("127.0.0.1", server.port(), 5_000, out)) {
            int exit = new Shell(connection, out, new StreamLineSource(
                    new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8))), json).run();
            return text + "exit " + exit + "\n";
        }
    }

    private String ringLine(int node, int respPort, String status) {
        return "node=" + node + " address=127.0.0.1:710" + node + " resp=" + respPort + " status=" + status
                + " state=NORMAL owns=0.5 tokens=16\n";
    }

    @Test
    void dataCommandsGoWrappedInClAtTheSessionsLevels() throws Exception {
        String output = run(false, "consistency read one\nget k\nset k v ex 5\n", Map.of(
                "CL ONE GET k", "v", "CL QUORUM SET k v EX 5", "OK"));

        assertThat(output).isEqualTo("consistency now read ONE, write QUORUM\nv\nOK\nexit 0\n");
        assertThat(server.received()).endsWith("CL ONE GET k", "CL QUORUM SET k v EX 5");
    }

    @Test
    void statusTabulatesTheRingWithEachReachableNodesKeyCount() throws Exception {
        int portWithNobody;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            portWithNobody = probe.getLocalPort();
        }
        // The scripted server plays node 1; node 2 does not answer, so its load is unknown.
        server = new ScriptedRespServer(Map.of("INFO keyspace", "# Keyspace\r\ndb0:keys=42,expires=0,avg_ttl=0\r\n"));
        server.answer("RING", ringLine(1, server.port(), "Up") + ringLine(2, portWithNobody, "Down"));

        String output = run(false, "status\n");

        assertThat(output).contains("--  Node  Address").containsPattern("UN  1 +127.0.0.1:7101 +\\d+ +42 +50.0% +16")
                .containsPattern("DN  2 +127.0.0.1:7102 +" + portWithNobody + " +\\? +50.0% +16").endsWith("exit 0\n");
    }

    @Test
    void ringShowsTokensAndWhereAKeyLives() throws Exception {
        String output = run(false, "ring\nring user:1\n", Map.of(
                "RING TOKENS", "token=-5 node=2\ntoken=7 node=1\n",
                "RING KEY user:1", "key=user:1\ntoken=3\nreplicas=1,2\n"));

        assertThat(output).isEqualTo("""
                Token  Node
                -5     2
                7      1
                2 tokens
                key       user:1
                token     3
                replicas  1, 2  (primary: node 1)
                exit 0
                """);
    }

    @Test
    void jsonModePrintsOneObjectPerCommandErrorsIncluded() throws Exception {
        String output = run(true, "ring user:1\ninfo keyspace\nring\n", Map.of(
                "RING KEY user:1", "key=user:1\ntoken=3\nreplicas=1,2\n",
                "INFO keyspace", "# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0\r\n"));

        assertThat(output).isEqualTo("""
                {"key":"user:1","token":"3","replicas":[1,2]}
                {"keyspace":{"db0":"keys=1,expires=0,avg_ttl=0"}}
                {"error":"ERR unknown command"}
                exit 1
                """);
    }

    @Test
    void repairPrintsAProgressLinePerRangeAndASummary() throws Exception {
        String output = run(false, "repair 0 10\n", Map.of("REPAIR 0 10",
                "range=(0, 10] replicas=1,2 keys_compared=4 keys_repaired=1 bytes_sent=64 duration_ms=2 status=ok"));

        assertThat(output).isEqualTo("""
                repairing 1 ranges
                [########################] 1/1 ranges  keys compared 4  repaired 1  sent 64 B
                repair finished: 1/1 ranges repaired, 0 failed; keys compared 4, repaired 1; 64 B sent; 2 ms on the replicas
                exit 0
                """);
    }

    @Test
    void aScriptMustSayYesToInjectAFault() throws Exception {
        String output = run(false, "fault partition 2\nfault --yes partition 2\nfault list\n", Map.of(
                "FAULT partition 2", "OK", "FAULT list", "partition 2"));

        assertThat(output).isEqualTo("""
                refusing to inject a fault without confirmation; add --yes (e.g. fault --yes partition 2)
                OK
                partition 2
                exit 1
                """);
        assertThat(server.received()).endsWith("FAULT partition 2", "FAULT list").doesNotContain("FAULT --yes partition 2");
    }

    @Test
    void serverErrorsAndMistakesArePrintedAndTheShellGoesOn() throws Exception {
        String output = run(false, "tracing on\nstauts\nset k\nget k\n", Map.of(
                "TRACING ON", new RespError("ERR unknown command 'TRACING'"), "CL QUORUM GET k", "v"));

        assertThat(output).isEqualTo("""
                (error) ERR unknown command 'TRACING'
                unknown command 'stauts'; did you mean 'status'?
                usage: set <key> <value> [ex SECONDS] [nx|xx]
                v
                exit 1
                """);
    }

    @Test
    void aLostNodeIsReplacedByAnotherOfTheRingAndTheCommandSentAgain() throws Exception {
        server = new ScriptedRespServer(Map.of("CL QUORUM GET k", "from node 1"));
        try (ScriptedRespServer second = new ScriptedRespServer(Map.of("CL QUORUM GET k", "from node 2"))) {
            String ring = ringLine(1, server.port(), "Up") + ringLine(2, second.port(), "Up");
            server.answer("RING", ring);
            second.answer("RING", ring);
            try (ScriptedShell shell = ScriptedShell.connect("127.0.0.1", server.port())) {
                assertThat(shell.type("get k", "\n")).isEqualTo("from node 1\n");

                server.close();
                String afterLoss = shell.type("get k", "from node 2\n");

                assertThat(afterLoss).startsWith("connection to 127.0.0.1:" + server.port() + " (node 1) lost: ")
                        .endsWith("\nreconnected to 127.0.0.1:" + second.port() + " (node 2)\nfrom node 2\n");

                second.close();
                String noneLeft = shell.type("get k", "no node answers");
                assertThat(noneLeft).contains("(error) no node answers (tried 127.0.0.1:" + server.port());
                assertThat(shell.type("help get", "\n")).startsWith("usage: get <key>");
                assertThat(shell.endOfInput()).isEqualTo(1);
            }
        }
    }

    @Test
    void failoverPassesOverANodeThatAcceptsButDoesNotAnswer() throws Exception {
        server = new ScriptedRespServer(Map.of("CL QUORUM GET k", "from node 1"));
        // A listening socket nobody accepts from: connecting works, PING is never answered.
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
             ScriptedRespServer third = new ScriptedRespServer(Map.of("CL QUORUM GET k", "from node 3"))) {
            String ring = ringLine(1, server.port(), "Up") + ringLine(2, silent.getLocalPort(), "Up")
                    + ringLine(3, third.port(), "Up");
            server.answer("RING", ring);
            try (ScriptedShell shell = ScriptedShell.connect("127.0.0.1", server.port())) {
                assertThat(shell.type("get k", "\n")).isEqualTo("from node 1\n");

                server.close();
                long started = System.nanoTime();
                String afterLoss = shell.type("get k", "from node 3\n");

                assertThat(afterLoss).endsWith("reconnected to 127.0.0.1:" + third.port() + " (node 3)\nfrom node 3\n");
                // The silent node was tried first, and given the probe's time, not the reply timeout.
                assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
                        .isLessThan(java.time.Duration.ofMillis(ScriptedShell.REPLY_TIMEOUT_MS));
            }
        }
    }
}
