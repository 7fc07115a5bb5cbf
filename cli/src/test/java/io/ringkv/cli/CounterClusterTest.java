package io.ringkv.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static io.ringkv.cli.LocalClusterProcessTest.cl;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Counters on three node processes started through the launcher ({@code cluster up}, appendfsync
 * always): concurrent INCRs at QUORUM through every node all count; INCRBY through both sides of
 * a partition at ONE adds up on every replica after heal and REPAIR, and an INCRBY versioned after
 * a SET its owner received only at the heal still counts; and a node killed with
 * SIGKILL while it applies increments loses none it acknowledged.
 */
class CounterClusterTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    private int basePort;

    @AfterEach
    void down() {
        RingkvCli.commandLine().execute("cluster", "down", "--data-dir", dataDir.toString());
    }

    @Test
    void incrementsThroughEveryNodeAndBothSidesOfAPartitionAllCount() throws Exception {
        basePort = LocalClusterProcessTest.freeBasePort();
        assertThat(up()).isZero();

        // 900 concurrent INCRs at QUORUM, 300 through each node.
        runConcurrently(3, node -> {
            try (Jedis jedis = new Jedis("127.0.0.1", basePort + node)) {
                for (int i = 0; i < 300; i++) {
                    cl(jedis, "QUORUM", "INCR", "visits");
                }
            }
        });
        try (Jedis node2 = new Jedis("127.0.0.1", basePort + 1)) {
            assertThat(cl(node2, "QUORUM", "GET", "visits")).isEqualTo("900");
        }

        // Node 1's share of "late" is born before the partition.
        try (Jedis node1 = new Jedis("127.0.0.1", basePort)) {
            assertThat(cl(node1, "QUORUM", "INCRBY", "late", "1")).isEqualTo("1");
        }

        // Node 3 cut off from nodes 1 and 2; INCRBY 7 through node 1 and INCRBY 3 through node 3, at ONE.
        try (Jedis node3 = new Jedis("127.0.0.1", basePort + 2)) {
            assertThat(node3.sendCommand(() -> bytes("FAULT"), "PARTITION", "1", "2")).isNotNull();
            // A SET that node 1 receives only after it has added 5 to its share born before it.
            assertThat(cl(node3, "ONE", "SET", "late", "100")).isEqualTo("OK");
        }
        try (Jedis node1 = new Jedis("127.0.0.1", basePort)) {
            assertThat(cl(node1, "ONE", "INCRBY", "late", "5")).isEqualTo("6");
        }
        runConcurrently(2, side -> {
            try (Jedis jedis = new Jedis("127.0.0.1", basePort + (side == 0 ? 0 : 2))) {
                for (int i = 0; i < 50; i++) {
                    cl(jedis, "ONE", "INCRBY", "split", side == 0 ? "7" : "3");
                }
            }
        });
        try (Jedis node3 = new Jedis("127.0.0.1", basePort + 2); Jedis node1 = new Jedis("127.0.0.1", basePort, 30_000)) {
            // Each side counted only its own increments.
            assertThat(cl(node3, "ONE", "GET", "split")).isEqualTo("150");
            node3.sendCommand(() -> bytes("FAULT"), "HEAL");
            await().atMost(TIMEOUT).until(() -> node1.info("replication").contains("nodes_up:3")
                    && node3.info("replication").contains("nodes_up:3"));
            String report = new String((byte[]) node1.sendCommand(() -> bytes("REPAIR")), StandardCharsets.UTF_8);
            assertThat(report).contains("failed=0");
        }
        for (int node = 0; node < 3; node++) {
            try (Jedis jedis = new Jedis("127.0.0.1", basePort + node)) {
                // ONE reads the coordinator's own replica: every replica holds the whole sum.
                assertThat(cl(jedis, "ONE", "GET", "split")).as("node %d", node + 1).isEqualTo(String.valueOf(50 * 7 + 50 * 3));
                assertThat(jedis.type("split")).isEqualTo("string");
                // The SET replaced what came before it (1); the INCRBY versioned after it counts.
                await().atMost(TIMEOUT).untilAsserted(() -> assertThat(cl(jedis, "ONE", "GET", "late")).isEqualTo("105"));
            }
        }
    }

    @Test
    void aNodeKilledWhileItAppliesIncrementsLosesNoneItAcknowledged() throws Exception {
        basePort = LocalClusterProcessTest.freeBasePort();
        assertThat(up()).isZero();
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong attempted = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            for (int c = 0; c < 4; c++) {
                clients.submit(() -> {
                    try (Jedis node1 = new Jedis("127.0.0.1", basePort)) {
                        for (int i = 0; i < 1_000_000 && !stop.get(); i++) {
                            attempted.incrementAndGet();
                            cl(node1, "ONE", "INCR", "durable");
                            acknowledged.incrementAndGet();
                        }
                    } catch (RuntimeException connectionLost) {
                        // Expected once node 1 is killed: the increment in flight is not acknowledged.
                    }
                });
            }
            await().atMost(TIMEOUT).until(() -> acknowledged.get() >= 300);
            long pid = Long.parseLong(Files.readString(dataDir.resolve("node1/node.pid")).trim());
            ProcessHandle killed = ProcessHandle.of(pid).orElseThrow();
            killed.destroyForcibly();
            // destroyForcibly only sends the signal: wait for the exit, or the restart below may find it still running.
            killed.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            stop.set(true);
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            clients.shutdownNow();
        }
        assertThat(up()).isZero();
        try (Jedis node2 = new Jedis("127.0.0.1", basePort + 1)) {
            await().atMost(TIMEOUT).until(() -> node2.info("replication").contains("nodes_up:3"));
            long total = Long.parseLong(cl(node2, "ALL", "GET", "durable"));
            assertThat(total).isBetween(acknowledged.get(), attempted.get());
        }
    }

    private int up() {
        return RingkvCli.commandLine().execute("cluster", "up", "--nodes", "3", "--detach",
                "--base-port", String.valueOf(basePort), "--data-dir", dataDir.toString(),
                "--gossip-interval-ms", "200", "--appendfsync", "always");
    }

    interface Client {
        void run(int index) throws Exception;
    }

    /** Runs {@code client} on {@code count} threads at once and waits for all of them (HashClusterTest too). */
    static void runConcurrently(int count, Client client) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                running.add(pool.submit(() -> {
                    client.run(index);
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
