package io.ringkv.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin shell against three node processes started through the launcher: it shows the ring,
 * writes and reads at QUORUM, and when the node it talks to is killed with SIGKILL it moves to
 * another node and the command still succeeds; once the killed node is back (it missed a write, with
 * hints off), a traced read at ALL shows it answering an old version and being repaired.
 */
class ShellClusterTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    private int basePort;

    @AfterEach
    void down() {
        RingkvCli.commandLine().execute("cluster", "down", "--data-dir", dataDir.toString());
    }

    @Test
    void shellSeesTheRingWritesAtQuorumAndSurvivesTheKillOfItsNode() throws Exception {
        basePort = LocalClusterProcessTest.freeBasePort();
        assertThat(RingkvCli.commandLine().execute("cluster", "up", "--nodes", "3", "--detach",
                "--base-port", String.valueOf(basePort), "--data-dir", dataDir.toString(),
                "--gossip-interval-ms", "200", "--hinted-handoff-enabled", "false")).isZero();

        try (ScriptedShell shell = ScriptedShell.connect("127.0.0.1", basePort)) {
            String status = shell.type("status", "UN  3");
            assertThat(status.lines().filter(line -> line.startsWith("UN  ")).count()).isEqualTo(3);
            assertThat(status).contains(String.valueOf(basePort + 2)).doesNotContain("DN");

            // ring <key> names the replicas the ring puts the key on, primary first.
            io.ringkv.sharding.Ring ring = io.ringkv.sharding.Ring.empty(3);
            for (int node = 1; node <= 3; node++) {
                ring = ring.withNode(node, io.ringkv.coordinator.cluster.ClusterTokens.forNode(node,
                        io.ringkv.coordinator.config.NodeConfig.NUM_TOKENS.parse("16"),
                        io.ringkv.coordinator.config.NodeConfig.CLUSTER_SEED.parse(
                                io.ringkv.coordinator.config.NodeConfig.CLUSTER_SEED.defaultText())));
            }
            java.util.List<Integer> replicas = ring.replicasForKey("user:42".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String placement = shell.type("ring user:42", "primary");
            assertThat(placement).contains("replicas  " + replicas.get(0) + ", " + replicas.get(1) + ", " + replicas.get(2))
                    .contains("(primary: node " + replicas.get(0) + ")");

            assertThat(shell.type("consistency quorum", "\n")).isEqualTo("consistency now read QUORUM, write QUORUM\n");
            assertThat(shell.type("set k v", "\n")).isEqualTo("OK\n");
            assertThat(shell.type("get k", "\n")).isEqualTo("v\n");

            LocalCluster cluster = new LocalCluster(dataDir, basePort);
            ProcessHandle node1 = cluster.running(1).orElseThrow();
            node1.destroyForcibly();
            node1.onExit().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            // Once node 2 sees node 1 Down, its QUORUM reads go to live replicas only.
            await().atMost(TIMEOUT).until(() -> cluster.nodesUpSeenBy(2) == 2);
            String afterKill = shell.type("get k", "\nv\n");

            assertThat(afterKill).contains("connection to 127.0.0.1:" + basePort + " (node 1) lost")
                    .contains("reconnected to 127.0.0.1:" + (basePort + 1) + " (node 2)").endsWith("\nv\n");
            assertThat(shell.type("set k w", "\n")).isEqualTo("OK\n");

            // Node 1 comes back without the write of w (no hints); a traced ALL read repairs it.
            assertThat(RingkvCli.commandLine().execute("cluster", "up", "--nodes", "3", "--detach",
                    "--base-port", String.valueOf(basePort), "--data-dir", dataDir.toString(),
                    "--gossip-interval-ms", "200", "--hinted-handoff-enabled", "false")).isZero();
            await().atMost(TIMEOUT).until(() -> cluster.nodesUpSeenBy(2) == 3);
            assertThat(shell.type("tracing on", "\n")).isEqualTo("OK\n");
            assertThat(shell.type("consistency all", "\n")).contains("read ALL");
            String traced = shell.type("get k", "replied\n");
            assertThat(traced).startsWith("w\n").contains("trace of CL ALL GET k")
                    .contains("node 1 is stale").contains("node 1 repaired");
            assertThat(shell.type("tracing off", "\n")).isEqualTo("OK\n");
            assertThat(shell.type("get k", "\n")).isEqualTo("w\n");
            assertThat(shell.endOfInput()).isZero();
        }
    }

    /** Without a terminal `cluster up` stays in the foreground, and ends when `cluster down` stops its nodes from elsewhere. */
    @Test
    void aForegroundClusterUpEndsWhenClusterDownStopsItsNodes() throws Exception {
        basePort = LocalClusterProcessTest.freeBasePort();
        StringWriter upOutput = new StringWriter();
        java.util.concurrent.CompletableFuture<Integer> up = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                RingkvCli.commandLine().setOut(new PrintWriter(upOutput, true)).execute("cluster", "up", "--nodes", "1",
                        "--base-port", String.valueOf(basePort), "--data-dir", dataDir.toString()));
        await().atMost(TIMEOUT).until(() -> upOutput.toString().contains("running in the foreground") || up.isDone());
        assertThat(up).as("still in the foreground while its node runs: %s", upOutput).isNotDone();

        assertThat(RingkvCli.commandLine().execute("cluster", "down", "--data-dir", dataDir.toString())).isZero();

        assertThat(up.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isZero();
        assertThat(upOutput.toString()).contains("every node has stopped");
    }

    @Test
    void oneShotCommandsReportFailureInTheExitCode() throws Exception {
        basePort = LocalClusterProcessTest.freeBasePort();
        assertThat(RingkvCli.commandLine().execute("cluster", "up", "--nodes", "1", "--detach",
                "--base-port", String.valueOf(basePort), "--data-dir", dataDir.toString())).isZero();

        StringWriter ok = new StringWriter();
        int okExit = RingkvCli.commandLine().setOut(new PrintWriter(ok, true))
                .execute("shell", "--port", String.valueOf(basePort), "-e", "set k v; get k; ttl k; get nothing");
        StringWriter failed = new StringWriter();
        int failedExit = RingkvCli.commandLine().setOut(new PrintWriter(failed, true))
                .execute("shell", "--port", String.valueOf(basePort), "-e", "get k; stauts; get k");

        assertThat(okExit).isZero();
        assertThat(ok.toString()).isEqualTo("OK\nv\n(integer) -1\n(nil)\n");
        assertThat(failedExit).isEqualTo(1);
        assertThat(failed.toString()).isEqualTo("v\nunknown command 'stauts'; did you mean 'status'?\nv\n");
    }
}
