package io.ringkv.cli;

import static io.ringkv.cli.LocalClusterProcessTest.cl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * Hashes on three node processes started through the launcher: an HSET through node 3 and an
 * HDEL of the same field through node 1 on the other side of a partition leave the HSET's value
 * on every replica after heal and REPAIR (the HDEL removes only the version it saw), while a field
 * only the HDEL touched stays removed; HINCRBY through every node at once, and HINCRBY and
 * HINCRBYFLOAT through both sides of a partition, add up exactly.
 */
class HashClusterTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    final LauncherClusters clusters = new LauncherClusters();

    private LauncherCluster cluster;

    @Test
    void anAddWinsOverAConcurrentRemoveAndIncrementsAddUp() throws Exception {
        cluster = clusters.start(3);
        int basePort = cluster.respPort(1);

        CounterClusterTest.runConcurrently(3, node -> {
            try (Jedis jedis = new Jedis("127.0.0.1", basePort + node)) {
                for (int i = 0; i < 200; i++) {
                    cl(jedis, "QUORUM", "HINCRBY", "stats", "hits", "1");
                }
            }
        });
        try (Jedis node1 = new Jedis("127.0.0.1", basePort)) {
            assertThat(cl(node1, "QUORUM", "HGET", "stats", "hits")).isEqualTo("600");
            assertThat(cl(node1, "ALL", "HSET", "profile", "name", "original", "city", "Oslo")).isEqualTo("2");
        }

        try (Jedis node3 = new Jedis("127.0.0.1", basePort + 2)) {
            assertThat(node3.sendCommand(() -> bytes("FAULT"), "PARTITION", "1", "2")).isNotNull();
        }
        try (Jedis node1 = new Jedis("127.0.0.1", basePort); Jedis node3 = new Jedis("127.0.0.1", basePort + 2)) {
            assertThat(cl(node1, "ONE", "HDEL", "profile", "name", "city")).isEqualTo("2");
            assertThat(cl(node3, "ONE", "HSET", "profile", "name", "mine")).isEqualTo("0");
        }
        CounterClusterTest.runConcurrently(2, side -> {
            try (Jedis jedis = new Jedis("127.0.0.1", basePort + (side == 0 ? 0 : 2))) {
                for (int i = 0; i < 50; i++) {
                    cl(jedis, "ONE", "HINCRBY", "stats", "split", side == 0 ? "7" : "3");
                    cl(jedis, "ONE", "HINCRBYFLOAT", "stats", "share", side == 0 ? "0.5" : "0.25");
                }
            }
        });
        try (Jedis node1 = new Jedis("127.0.0.1", basePort, 30_000); Jedis node3 = new Jedis("127.0.0.1", basePort + 2)) {
            assertThat(cl(node3, "ONE", "HGET", "stats", "split")).isEqualTo("150");
            node3.sendCommand(() -> bytes("FAULT"), "HEAL");
            await().atMost(TIMEOUT).until(() -> node1.info("replication").contains("nodes_up:3")
                    && node3.info("replication").contains("nodes_up:3"));
            String report = new String((byte[]) node1.sendCommand(() -> bytes("REPAIR")), StandardCharsets.UTF_8);
            assertThat(report).contains("failed=0");
        }
        for (int node = 0; node < 3; node++) {
            try (Jedis jedis = new Jedis("127.0.0.1", basePort + node)) {
                // ONE reads the coordinator's own replica: each holds the merged hash.
                assertThat(cl(jedis, "ONE", "HGET", "profile", "name")).as("node %d", node + 1).isEqualTo("mine");
                assertThat(cl(jedis, "ONE", "HEXISTS", "profile", "city")).as("node %d", node + 1).isEqualTo("0");
                assertThat(cl(jedis, "ONE", "HGET", "stats", "split")).as("node %d", node + 1).isEqualTo("500");
                assertThat(cl(jedis, "ONE", "HGET", "stats", "hits")).isEqualTo("600");
                assertThat(cl(jedis, "ONE", "HGET", "stats", "share")).as("node %d", node + 1).isEqualTo("37.5");
                assertThat(jedis.type("profile")).isEqualTo("hash");
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
