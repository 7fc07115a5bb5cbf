package io.ringkv.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Three node processes through the launcher: one is killed with SIGKILL, QUORUM writes keep
 * succeeding, and when {@code cluster up} brings it back it is seen Up and receives its hints.
 */
class LocalClusterProcessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    private int basePort;

    @AfterEach
    void down() {
        RingkvCli.commandLine().execute("cluster", "down", "--data-dir", dataDir.toString());
    }

    @Test
    void aKilledNodeComesBackUpAndReceivesItsHints() throws Exception {
        basePort = freeBasePort();
        assertThat(up()).isZero();
        long pid = Long.parseLong(Files.readString(dataDir.resolve("node3/node.pid")).trim());

        ProcessHandle killed = ProcessHandle.of(pid).orElseThrow();
        killed.destroyForcibly();
        // destroyForcibly only sends the signal: wait for the exit, or the restart below may find it still running.
        killed.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        try (Jedis node1 = new Jedis("127.0.0.1", basePort)) {
            await().atMost(TIMEOUT).until(() -> node1.info("replication").contains("nodes_up:2"));
            for (int i = 0; i < 20; i++) {
                assertThat(cl(node1, "QUORUM", "SET", "k" + i, "v" + i)).isEqualTo("OK");
            }
        }

        assertThat(up()).isZero();
        try (Jedis node3 = new Jedis("127.0.0.1", basePort + 2)) {
            await().atMost(TIMEOUT).until(() -> node3.info("replication").contains("nodes_up:3"));
            // ONE reads node 3's own replica first: every value there arrived as a hint.
            await().atMost(TIMEOUT).untilAsserted(() -> {
                for (int i = 0; i < 20; i++) {
                    assertThat(cl(node3, "ONE", "GET", "k" + i)).isEqualTo("v" + i);
                }
            });
        }
    }

    private int up() {
        return RingkvCli.commandLine().execute("cluster", "up", "--nodes", "3", "--detach",
                "--base-port", String.valueOf(basePort), "--data-dir", dataDir.toString(),
                "--gossip-interval-ms", "200");
    }

    /** {@code CL <level> <command…>} through Jedis; an integer reply comes back as its decimal text. */
    static String cl(Jedis jedis, String level, String... command) {
        String[] args = new String[command.length + 1];
        args[0] = level;
        System.arraycopy(command, 0, args, 1, command.length);
        Object reply = jedis.sendCommand(() -> "CL".getBytes(StandardCharsets.US_ASCII), args);
        if (reply instanceof Long number) {
            return number.toString();
        }
        return reply == null ? null : new String((byte[]) reply, StandardCharsets.UTF_8);
    }

    /**
     * A base port whose nine derived ports (RESP, gRPC, HTTP for 3 nodes) are all free now. They lie
     * below the kernel's ephemeral range, so no outgoing connection takes one before the nodes bind.
     */
    static int freeBasePort() throws IOException {
        Random random = new Random();
        int span = ephemeralLow() - LocalCluster.HTTP_OFFSET - 3 - 20_000;
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = 20_000 + random.nextInt(span);
            if (allFree(base)) {
                return base;
            }
        }
        throw new IllegalStateException("no free port range found");
    }

    private static int ephemeralLow() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            return Math.max(25_000, Integer.parseInt(range.split("\\s+")[0]));
        } catch (IOException | RuntimeException notLinux) {
            return 32_768;
        }
    }

    private static boolean allFree(int base) {
        for (int offset : new int[] {0, LocalCluster.GRPC_OFFSET, LocalCluster.HTTP_OFFSET}) {
            for (int node = 0; node < 3; node++) {
                try (ServerSocket socket = new ServerSocket(base + offset + node, 1, InetAddress.getLoopbackAddress())) {
                    socket.setReuseAddress(true);
                } catch (IOException taken) {
                    return false;
                }
            }
        }
        return true;
    }
}
